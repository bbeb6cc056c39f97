"""Nothing of the FRUS volume is dropped silently.

The story: a student reads a letter in the edition and trusts that it is the
whole letter. For every one of the volume's 120 documents, the text characters
of the TEI source (notes set aside) are exactly the characters of the imported
passages, and every note's text is exactly its source's.
"""

import re

import pytest
from lxml import etree

from edition.importer import import_sources
from edition.models import Document, Note, Passage
from edition.tei.parse import XML_ID, T, parse_source
from tests.support import FRUS

NONSPACE = re.compile(r"\s+")


def characters(value):
    return NONSPACE.sub("", value)


def text_without_notes(element):
    """The element's text, with every note (and its content) left out."""
    copy = etree.fromstring(etree.tostring(element))
    for note in list(copy.iter(f"{T}note")):
        parent = note.getparent()
        if parent is None:
            continue
        # Keep the text that follows the note: it belongs to the passage.
        previous = note.getprevious()
        if note.tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + note.tail
            else:
                parent.text = (parent.text or "") + note.tail
        parent.remove(note)
    return characters("".join(copy.itertext()))


@pytest.fixture(scope="module")
def volume():
    root = parse_source(FRUS, 20 * 1024 * 1024)
    return [div for div in root.iter(f"{T}div") if div.get("type") == "document"]


def test_every_document_of_the_volume_keeps_every_character_of_its_source(corpus, volume):
    assert len(volume) == 120
    imported = {
        doc.xml_id: doc
        for doc in Document.objects.corpus().filter(collection="frus1961-63v06").prefetch_related("passages")
    }
    assert len(imported) == 120
    differing = []
    for div in volume:
        document = imported[div.get(XML_ID)]
        shown = characters("".join(p.diplomatic_text for p in document.passages.all()))
        if shown != text_without_notes(div):
            differing.append(document.slug)
    assert differing == []


def test_every_note_of_the_volume_keeps_every_character_of_its_source(corpus, volume):
    notes = {
        (note.document.xml_id, note.xml_id): note.text
        for note in Note.objects.filter(document__collection="frus1961-63v06").select_related("document")
    }
    expected = {
        (div.get(XML_ID), note.get(XML_ID)): characters("".join(note.itertext()))
        for div in volume
        for note in div.iter(f"{T}note")
    }
    assert len(notes) == len(expected) == 349
    assert {key: characters(text) for key, text in notes.items()} == expected


def test_a_note_after_a_signature_is_a_footnote_of_the_signature_not_a_paragraph(corpus):
    # d6 ends <closer><signed>N. Khrushchev</signed><note>Printed from a copy …</note></closer>
    note = Note.objects.get(document__slug="frus1961-63v06-d6", xml_id="d6fn2")
    assert note.kind == Note.Kind.FOOTNOTE
    assert note.passage.element == "signed"
    assert 'data-note="d6fn2"' in note.passage.reading_html
    assert not Passage.objects.filter(document__slug="frus1961-63v06-d6", element="note").exists()


UNKNOWN = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"
     xmlns:frus="http://history.state.gov/frus/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Volume</title></titleStmt>
  <publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div type="compilation">
    <pb n="7" xml:id="pg_7" facs="0007"/>
    <div type="document" xml:id="d1" n="1">
      <head>1. Letter</head>
      <p>Before <madeUpElement rend="sparkly">WORDS IN AN UNKNOWN ELEMENT</madeUpElement> after
         <frus:aside>FOREIGN ELEMENT TEXT</frus:aside>.
         <xi:include href="file:///etc/passwd" parse="text"/>
         <xi:include href="private/secret.xml"><xi:fallback>FALLBACK</xi:fallback></xi:include></p>
    </div>
  </div></body></text>
</TEI>
"""


def test_an_element_the_renderer_does_not_know_still_shows_its_text_and_xinclude_is_not_followed(
    tmp_path, settings, db
):
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.xml").write_text("<p>SECRET INCLUDED TEXT</p>", encoding="utf-8")
    path = tmp_path / "volume.xml"
    path.write_text(UNKNOWN, encoding="utf-8")
    settings.SOURCES_DIR = tmp_path
    import_sources([path])
    passage = Passage.objects.get(document__slug="volume-d1", xml_id="d1-p1")
    assert "WORDS IN AN UNKNOWN ELEMENT" in passage.reading_text
    assert "FOREIGN ELEMENT TEXT" in passage.reading_text
    for view in (passage.reading_text, passage.diplomatic_text, passage.reading_html):
        assert "root:" not in view and "SECRET INCLUDED TEXT" not in view and "FALLBACK" not in view
    assert Document.objects.get(slug="volume-d1").pages.get().n == "7"
