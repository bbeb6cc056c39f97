"""The cable's TEI is valid TEI P5 and encodes what a scholarly editor would mark.

Jing (Debian's `jing`, installed by `make test`) validates against tei_all.rng,
kept in tests/schemas/ so a fresh clone validates offline.
"""

import re

import pytest
from lxml import etree

from edition.models import Entity, Note, Passage
from tests.support import CABLE, jing

TEI = {"tei": "http://www.tei-c.org/ns/1.0"}


def test_the_cable_is_valid_tei_p5():
    code, output = jing(CABLE)
    assert code == 0 and output.strip() == "", output[:3000]


def test_jing_catches_an_invalid_copy(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(CABLE.read_text(encoding="utf-8").replace("<publicationStmt>", "<publicationStatement>", 1))
    code, output = jing(broken)
    assert code != 0 and "publicationStatement" in output


@pytest.fixture(scope="module")
def tree():
    return etree.parse(str(CABLE))


def test_the_header_identifies_the_telegram(tree):
    idnos = {i.get("type"): i.text for i in tree.iterfind(".//tei:msIdentifier//tei:idno", TEI)}
    assert idnos["telegram"] == "1762" and idnos["control"] == "4598"
    assert tree.find(".//tei:profileDesc/tei:creation/tei:date", TEI).get("when") == "1962-11-13T20:00:00-05:00"
    assert "Declassified for Publication" in etree.tostring(tree, encoding="unicode")
    assert len(tree.findall(".//tei:facsimile/tei:surface", TEI)) == 4
    assert [pb.get("facs") for pb in tree.iterfind(".//tei:pb", TEI)] == [f"#surface-{n}" for n in range(1, 5)]


def test_every_ocr_misreading_has_a_note_with_evidence_and_certainty(tree):
    choices = [c for c in tree.iterfind(".//tei:choice", TEI) if c.find("tei:sic", TEI) is not None]
    assert len(choices) >= 14
    for choice in choices:
        note = choice.getnext()
        assert note is not None and note.tag.endswith("note") and note.get("type") == "ocr", etree.tostring(choice)
        assert choice.find("tei:corr", TEI).get("cert") in {"high", "medium", "low"}
        assert len("".join(note.itertext())) > 40  # the evidence, in words


def test_every_citable_passage_has_a_stable_id(cable):
    ids = list(Passage.objects.filter(document=cable).values_list("xml_id", flat=True))
    assert len(ids) == len(set(ids)) == 72
    assert all(re.fullmatch(r"[a-z][a-z0-9-]+", xml_id) for xml_id in ids)


def test_the_cable_ese_is_expanded_everywhere_in_the_reading_text(cable):
    reading = " ".join(Passage.objects.filter(document=cable).values_list("reading_text", flat=True))
    diplomatic = " ".join(Passage.objects.filter(document=cable).values_list("diplomatic_text", flat=True))
    for abbreviation in ("SOV", "SOVS", "NEGOTS", "RPT", "PRES", "GOVT", "SC", "MTG", "PARAS", "OCT"):
        assert re.search(rf"\b{abbreviation}\b", diplomatic), abbreviation
        assert not re.search(rf"\b{abbreviation}\b", reading), f"{abbreviation} left unexpanded"
    expansions = dict(Entity.objects.filter(kind=Entity.Kind.ABBREVIATION).values_list("name", "identification_text"))
    assert expansions["NEGOTS"] == "NEGOTIATIONS" and expansions["SC"] == "SECURITY COUNCIL"


def test_the_import_keeps_each_correction_with_what_the_witness_reads(cable):
    corrections = dict(Note.objects.filter(document=cable, kind=Note.Kind.OCR).values_list("sic", "corr"))
    assert corrections["DISTANTLING"] == "DISMANTLING"
    assert corrections["STEVENS ON"] == "STEVENSON"
    assert corrections["OFFER FIVE"] == "OFFENSIVE"


def test_readers_find_the_editorial_principles_on_the_document_page(client, cable):
    html = client.get("/documents/usun-1762/").content.decode()
    principles = html.split('<details class="editorial-principles">', 1)[1].split("</details>", 1)[0]
    assert "<h2>Corrections</h2>" in principles and "<code>&lt;sic&gt;</code>" in principles
    assert "<h2>Hands</h2>" in principles and "handwritten marks" in principles.lower()
