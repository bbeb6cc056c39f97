"""Every kind of correction, on every kind of passage, gives valid TEI P5 (Jing, tei_all).

Applied to the cable's TEI on the lxml tree (edition.tei.corrections), each in its own
copy: a paragraph, a list item, page furniture, and a passage that crosses a page break
(made from the cable by moving a page break into a paragraph). The witness stays whole:
the diplomatic text of each corrected passage reads as before, apart from supplied text.
"""

import copy

import pytest
from lxml import etree

from edition.tei import corrections
from edition.tei.parse import XML_ID, T, parse_source
from edition.vocabulary import TextView
from tests.support import CABLE, jing

COLLECTION = "usun-1762"


def cable_root():
    return parse_source(CABLE, 10**8)


def with_a_page_break_inside_para_6(root):
    """para-6 crossing a page break: the break moved into it, after its first words."""
    passage = root.xpath("//*[@xml:id='para-6']")[0]
    pb = etree.SubElement(passage, f"{T}pb", n="2bis")
    pb.set(XML_ID, "pb-inside")
    passage.remove(pb)
    words = passage.text
    cut = words.index("PROVIDED")
    passage.text = words[:cut]
    pb.tail = words[cut:]
    passage.insert(0, pb)
    return root


PASSAGES = {
    "paragraph": ("para-4", "LAGS BEHIND"),
    "list item": ("item-outline-2", "ALL NUCLEAR WARHEADS"),
    "furniture": ("p1-form-permanent-record", "PERMANENT RECORD"),
    "crossing a page break": ("para-6", "PROVIDED IN"),
}


def apply(kind, root, run, passage):
    if kind == "ocr":
        corrections.mark_ocr_error(root, run, "CORRECTED WORDS", "medium", "The evidence.", "tess")
    elif kind == "abbr":
        corrections.expand_abbreviation(root, run, "AN EXPANSION")
    elif kind == "identify existing person":
        corrections.identify(root, run, "person", entry_id="kennedy")
    elif kind == "identify new place":
        corrections.identify(root, run, "place", name="Somewhere", identification="A place the test makes up.")
    elif kind == "identify new organisation":
        corrections.identify(root, run, "organisation", name="A Body", identification="An organisation.")
    elif kind == "identify new term":
        corrections.identify(root, run, "term", name="a term", identification="A term the test makes up.")
    elif kind == "note on words":
        corrections.add_note(root, passage, run, "A note on these words.", "tess")
    elif kind == "note on passage":
        corrections.add_note(root, passage, None, "A note on the passage.", "tess")
    elif kind == "unclear":
        corrections.mark_unclear(root, run, "faded", "Faded on the carbon.", "tess")
    elif kind == "supplied":
        corrections.supply(root, run, "WORD", "omitted", "The typist left it out.", "tess")
    corrections.record_change(root, f"Test: {kind}", "tess")


KINDS = [
    "ocr", "abbr", "identify existing person", "identify new place", "identify new organisation",
    "identify new term", "note on words", "note on passage", "unclear", "supplied",
]  # fmt: skip


def diplomatic(root, xml_id):
    passage, doc = corrections.passage_element(root, COLLECTION, xml_id)
    return corrections.view_text_with_runs(root, COLLECTION, passage, doc, TextView.DIPLOMATIC)[0]


def test_every_correction_on_every_passage_type_is_valid_tei_all(tmp_path):
    base = with_a_page_break_inside_para_6(cable_root())
    files = {}
    for place, (xml_id, words) in PASSAGES.items():
        for kind in KINDS:
            root = copy.deepcopy(base)
            witness = diplomatic(root, xml_id)
            passage, doc = corrections.passage_element(root, COLLECTION, xml_id)
            text = corrections.view_text_with_runs(root, COLLECTION, passage, doc, TextView.READING)[0]
            start = text.index(words)
            run, _ = corrections.locate(root, COLLECTION, xml_id, start, start + len(words), words)
            apply(kind, root, run, passage)
            after = diplomatic(root, xml_id)
            if kind == "supplied":
                assert "WORD" not in after.replace(witness, "")  # supplied text is not the witness's
            assert after == witness, (place, kind)
            name = f"{place}-{kind}".replace(" ", "-") + ".xml"
            (tmp_path / name).write_bytes(etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True))
            files[name] = (place, kind)
    assert len(files) == len(PASSAGES) * len(KINDS)
    code, messages = jing(*sorted(tmp_path / name for name in files))
    assert code == 0, messages[:3000]


def test_the_page_break_fixture_is_valid_and_crosses_the_break(tmp_path):
    root = with_a_page_break_inside_para_6(cable_root())
    path = tmp_path / "page-break.xml"
    path.write_bytes(etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True))
    assert jing(path)[0] == 0
    passage, _doc = corrections.passage_element(root, COLLECTION, "para-6")
    assert passage.find(f"{T}pb") is not None


@pytest.mark.parametrize(
    "xml_id,words,refusal",
    [
        ("para-4", "PARAGRAPHS FROM", "crosses markup"),  # half an expansion
        ("para-4", "NOT THERE", "no longer at that place"),
    ],
)
def test_selections_it_cannot_wrap_are_refused_with_a_reason(xml_id, words, refusal):
    root = cable_root()
    passage, doc = corrections.passage_element(root, COLLECTION, xml_id)
    text = corrections.view_text_with_runs(root, COLLECTION, passage, doc, TextView.READING)[0]
    start = max(text.find(words), 0)
    with pytest.raises(corrections.CorrectionError, match=refusal):
        corrections.locate(root, COLLECTION, xml_id, start, start + len(words), words)


def test_words_already_corrected_cannot_be_corrected_again_and_expansions_in_use_are_offered():
    root = cable_root()
    run, _ = corrections.locate(root, COLLECTION, "para-4", 0, 10, "STEVENS ON", TextView.DIPLOMATIC)
    with pytest.raises(corrections.CorrectionError, match="inside a <sic>"):
        corrections.mark_ocr_error(root, run, "STEVENSON", "high", "Again.", "tess")
    run, _ = corrections.locate(root, COLLECTION, "para-4", 0, 9, "STEVENSON", TextView.READING)
    with pytest.raises(corrections.CorrectionError, match="inside a <corr>"):
        corrections.expand_abbreviation(root, run, "STEVENSON")
    assert corrections.expansions_in_use(root, "OCT") == ["OCTOBER"]
    assert corrections.expansions_in_use(root, "paras") == ["PARAGRAPHS"]
