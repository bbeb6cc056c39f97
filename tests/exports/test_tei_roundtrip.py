"""The TEI export round-trips with its glosses (issue 10, "TEI that round-trips").

Alice and Bob gloss the cable; a scholar downloads tei.xml and imports it into an empty
edition elsewhere: every published gloss comes back, with its body, authors, dates, state
and anchor, because the standOff says enough to anchor without the first database.
"""

import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from lxml import etree

from edition import glosses as writing
from edition.importer import import_sources
from edition.models import Document, Entity, Gloss
from edition.models.revisions import TextSource
from tests.support import CABLE, jing, selection

TEI = {"tei": "http://www.tei-c.org/ns/1.0"}

COMPARED = [
    "document_id", "passage_xml_id", "exact", "prefix", "suffix", "start", "end", "anchor_status", "state",
    "version", "body", "body_html", "created_at", "updated_at", "source_revision",
    "number",  # the letter readers see and cite (@n), kept by the round trip
]  # fmt: skip


def words(document, xml_id, quoted, occurrence=1):
    text = document.passages.get(xml_id=xml_id).reading_text
    chosen = selection(text, quoted, occurrence)
    return {**chosen, "end": chosen["start"] + len(quoted)}


@pytest.fixture
def glossed(cable, alice, bob):
    """Published glosses of every kind, plus a draft and a deleted one that readers never get."""
    alice.first_name, alice.last_name = "Alice", "Liddell"
    alice.save()
    made = []

    def gloss(user, xml_id, selectors, body, publish=True):
        new = writing.create_gloss(user, cable, xml_id, selectors, body)
        if publish:
            writing.publish(new, user)
        made.append(new)
        return new

    # The same word twice in one passage: each gloss must come back on its own occurrence.
    gloss(alice, "para-2", words(cable, "para-2", "OVERFLIGHTS", 1), "The *first* mention.")
    gloss(alice, "para-2", words(cable, "para-2", "OVERFLIGHTS", 2), "The **second** mention.")
    gloss(
        bob,
        "para-4",
        words(cable, "para-4", "QUICK SETTLEMENT", 2),
        "Kuznetsov's words. See [Kennedy's letter](/documents/frus1961-63v06-d67/#d67-p4) and "
        "[¶ 3](#para-3).\n\nTwo points:\n\n- the `IL-28` bombers\n- the quarantine\n\n> QUICK SETTLEMENT",
    )
    gloss(bob, "para-1", None, "A gloss on the whole passage.")
    edited = gloss(alice, "para-3", words(cable, "para-3", "INSPECTION OF DISMANTLING"), "First text.")
    with writing.editing(edited.public_id, edited.version) as locked:
        writing.edit_text(locked, bob, "Bob's *better* text.")  # Bob made the last change
    gloss(alice, "para-5", None, "A draft: readers never see it.", publish=False)
    deleted = gloss(alice, "para-5", words(cable, "para-5", "QUICK SETTLEMENT"), "Deleted.")
    writing.delete(deleted, alice)
    return cable


def published_glosses():
    return {
        g.public_id: g
        for g in Gloss.objects.for_readers(Document.objects.get(slug="usun-1762")).select_related(
            "created_by", "updated_by"
        )
    }


def as_compared(gloss):
    return {
        **{name: getattr(gloss, name) for name in COMPARED if name != "document_id"},
        "author": (gloss.created_by.username, gloss.created_by.get_full_name()),
        "last_change_by": gloss.updated_by.username,
    }


def empty_the_edition():
    """What a new installation holds: nothing (users included)."""
    Gloss.objects.all().delete()
    Gloss.history.all().delete()  # after: deleting a gloss records it in the history
    Document.objects.all().delete()
    Entity.objects.all().delete()
    TextSource.objects.all().delete()
    User.objects.all().delete()


def test_an_export_imported_into_an_empty_edition_gives_back_every_published_gloss(client, glossed, tmp_path):
    before = {public_id: as_compared(g) for public_id, g in published_glosses().items()}
    assert len(before) == 5  # neither the draft nor the deleted gloss
    exported = client.get("/documents/usun-1762/tei.xml")
    assert exported.status_code == 200
    export_file = tmp_path / "usun-1762.xml"  # outside sources/
    export_file.write_bytes(exported.content)

    empty_the_edition()
    summary = import_sources([export_file])
    assert "5 glosses read back from the standOff" in summary[0]["messages"]

    after = {public_id: as_compared(g) for public_id, g in published_glosses().items()}
    assert after == before  # bodies, authors, dates, states, versions and anchors, one by one
    first, second = (g for g in published_glosses().values() if g.exact == "OVERFLIGHTS")
    assert first.start != second.start
    # Authors the new edition did not know are names on the gloss, not accounts that can log in.
    alice = User.objects.get(username="alice")
    assert (alice.get_full_name(), alice.is_active, alice.has_usable_password()) == ("Alice Liddell", False, False)

    # Exported again, the standOff says the same: the round trip is stable.
    again = client.get("/documents/usun-1762/tei.xml")
    assert standoff_of(again.content) == standoff_of(exported.content)


def standoff_of(data):
    root = etree.fromstring(data)
    stand_offs = root.findall("tei:standOff", TEI)
    assert len(stand_offs) == 1
    return etree.tostring(stand_offs[0])


def test_each_annotation_can_be_anchored_without_the_database(client, glossed, tmp_path):
    root = etree.fromstring(client.get("/documents/usun-1762/tei.xml").content)
    texts = dict(glossed.passages.values_list("xml_id", "reading_text"))
    annotations = root.findall("tei:standOff/tei:listAnnotation[@type='glosses']/tei:annotation", TEI)
    assert len(annotations) == 5
    for annotation in annotations:
        anchor = annotation.find("tei:note[@type='anchor']", TEI)
        # The offsets count in the passage text the anchor names (the Web Annotations' source).
        passage = client.get(anchor.get("target").removeprefix(settings.SITE_ROOT)).content.decode()
        assert passage == texts[annotation.get("target").removeprefix("#")]
        quote = anchor.find("tei:quote", TEI)
        if quote is None:
            continue  # a gloss on the whole passage
        start, end = (int(anchor.find(f"tei:num[@type='{k}']", TEI).get("value")) for k in ("start", "end"))
        prefix = anchor.find("tei:seg[@type='prefix']", TEI).text or ""
        suffix = anchor.find("tei:seg[@type='suffix']", TEI).text or ""
        assert passage[start:end] == quote.text
        assert passage[:start].endswith(prefix) and passage[end:].startswith(suffix)
        changes = annotation.findall("tei:revisionDesc/tei:change", TEI)
        assert [c.get("type") for c in changes] == ["created", "modified"]
        assert annotation.find("tei:revisionDesc", TEI).get("status") == "published"
    # The body is TEI, not Markdown text.
    bob_s = next(a for a in annotations if "Kuznetsov's words" in "".join(a.itertext()))
    body = bob_s.find("tei:note[@type='gloss']", TEI)
    assert [etree.QName(e).localname for e in body] == ["p", "p", "list", "quote"]
    assert body.find("tei:p/tei:ref", TEI).get("target") == "/documents/frus1961-63v06-d67/#d67-p4"
    assert body.find("tei:list/tei:item/tei:code", TEI).text == "IL-28"
    assert "[" not in "".join(body.itertext()) and "`" not in "".join(body.itertext())
    edited = next(a for a in annotations if "better" in "".join(a.itertext()))
    assert edited.find("tei:note[@type='gloss']/tei:p/tei:hi[@rend='italic']", TEI).text == "better"
    names = [
        (r.findtext("tei:resp", namespaces=TEI), r.find("tei:persName", TEI).get("key"))
        for r in edited.findall("tei:respStmt", TEI)
    ]
    assert names == [("gloss by", "alice"), ("last change by", "bob")]

    export_file = tmp_path / "usun-1762.xml"
    export_file.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    code, output = jing(export_file)
    assert code == 0, output[:2000]


def test_a_reimported_export_never_doubles_the_standoff_nor_brings_back_a_deleted_gloss(client, glossed, tmp_path):
    exported = client.get("/documents/usun-1762/tei.xml").content
    export_file = tmp_path / "usun-1762.xml"
    export_file.write_bytes(exported)
    # Meanwhile, in this edition, Alice deletes one of the glosses the file still holds.
    gone = Gloss.objects.get(exact="OVERFLIGHTS", start=min(g.start for g in Gloss.objects.filter(exact="OVERFLIGHTS")))
    writing.delete(gone, gone.created_by)

    summary = import_sources([export_file])
    assert not any("read back" in m for m in summary[0]["messages"])
    assert Gloss.objects.filter(public_id=gone.public_id).get().deleted_at is not None
    assert Gloss.objects.count() == 7  # nothing added

    root = etree.fromstring(client.get("/documents/usun-1762/tei.xml").content)
    assert len(root.findall("tei:standOff", TEI)) == 1
    ids = [a.get("{http://www.w3.org/XML/1998/namespace}id") for a in root.iterfind(".//tei:annotation", TEI)]
    assert len(ids) == 4 and f"gloss-{gone.public_id}" not in ids


def test_the_export_is_built_from_the_stored_text_not_the_file(client, db, settings, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    copy = elsewhere / "usun-1762.xml"
    shutil.copy(CABLE, copy)
    import_sources([copy])
    copy.unlink()  # the file is gone: the edition still holds its text
    response = client.get("/documents/usun-1762/tei.xml")
    assert response.status_code == 200
    assert etree.fromstring(response.content).find("tei:teiHeader", TEI) is not None
    assert client.get("/documents/no-such-text/tei.xml").status_code == 404


BODIES = [
    "The *IL-28* bombers: see [¶ 4](#para-4) and **Kuznetsov**.",
    "Two paragraphs.\n\nThe second, with `code` and a [link](https://history.state.gov/x).",
    "- one\n- two *x*\n- three",
    "3. start at three\n4. four",
    "> quoted words\n> more",
    "Line one\\\nline two",
    "```\nx = 1 * 2\n```",
    "Plain text with a soft\nbreak.",
    "Stars * and _underscores_ and 3. not a list, # hash, [brackets] <tag> AT&T &amp; done",
    "- loose\n\n- list\n\n  with para",
]


@pytest.mark.parametrize("markdown", BODIES)
def test_a_body_goes_to_tei_and_comes_back_as_the_same_text(markdown):
    from edition.markdown import render_body
    from edition.tei.standoff import html_to_tei, tei_to_markdown

    html = render_body(markdown)
    note = html_to_tei(html, etree.Element("{http://www.tei-c.org/ns/1.0}note"))
    assert "*" not in "".join(note.itertext()).replace("1 * 2", "").replace("Stars *", "")  # TEI, not Markdown
    back = tei_to_markdown(note)
    assert render_body(back) == html  # readers see the same gloss
    if markdown in BODIES[:8]:
        assert back == markdown  # the canonical spelling comes back byte for byte


def test_a_hostile_standoff_body_is_sanitised_like_any_gloss():
    from edition.markdown import render_body
    from edition.tei.standoff import tei_to_markdown

    note = etree.fromstring(
        '<note xmlns="http://www.tei-c.org/ns/1.0" type="gloss"><p><ref target="javascript:alert(1)">x</ref> '
        "&lt;script&gt;alert(1)&lt;/script&gt;</p></note>"
    )
    html = render_body(tei_to_markdown(note))
    assert "href" not in html and "<script" not in html  # the words stay as text, nothing runs
