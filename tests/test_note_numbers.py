"""Note numbers that never move (issue 8, section 3).

The story: a historian cites "note 27" of the cable in an article. Afterwards alice
glosses, publishes, returns to draft and deletes glosses, and the maintainer re-imports
a corrected source. Note 27 is still note 27, on the page and in the apparatus, under
the same id; published glosses run in their own series (a, b, c…) and draft glosses
never take a number a reader could see. A gloss's letter, once readers have seen it, is
kept too (issue 11: a publish re-letters no other gloss), so "gloss b" can be cited as
"note 27" can.
"""

import pytest
from lxml import html as lxml_html

from edition.importer import import_sources
from edition.models import Gloss, Note
from edition.tei.labels import keep_numbers
from tests.support import CABLE, imported_once, new_gloss_url, selection

cable_once = imported_once(CABLE)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cable(cable_once, db):
    from edition.models import Document

    return Document.objects.get(slug="usun-1762")


def shown_number(marker):
    """What a marker shows: its text, or the number it hands to CSS generated content."""
    return (marker.text_content() or marker.get("data-n") or "").strip()


def numbers_on_the_page(client, view="reading"):
    """{note id: (what its marker shows, what its apparatus entry shows)} as a reader gets them."""
    response = client.get(f"/documents/usun-1762/?view={view}")
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content.decode())
    markers = {}
    for marker in tree.xpath('//*[@id="document-text"]//a[@role="doc-noteref"]'):
        markers.setdefault(marker.get("data-note"), shown_number(marker))
    entries = {}
    for aside in tree.xpath('//aside[@role="doc-footnote"]'):
        number = aside.xpath('.//*[contains(concat(" ", normalize-space(@class), " "), " note-number ")]')
        entries[aside.get("id")] = number[0].text_content().strip() if number else None
    return {note_id: (shown, entries.get(note_id)) for note_id, shown in markers.items()}


def edition_notes(numbers, cable):
    ids = set(cable.notes.values_list("xml_id", flat=True))
    return {note_id: shown for note_id, shown in numbers.items() if note_id in ids}


def gloss_on(client, cable, xml_id, words, body):
    passage = cable.passages.get(xml_id=xml_id)
    response = client.post(new_gloss_url(cable, xml_id), {"body": body, **selection(passage.reading_text, words)})
    assert response.status_code == 302
    return Gloss.objects.latest("pk")


def act(client, gloss, action):
    gloss.refresh_from_db()
    response = client.post(f"/glosses/{gloss.public_id}/{action}/", {"view": "reading", "version": gloss.version})
    assert response.status_code in (200, 302), response.content[:500]


def test_the_editions_notes_are_numbered_once_in_reading_order_the_same_in_both_views(cable, client):
    reading = numbers_on_the_page(client)
    assert len(reading) == cable.notes.count() == 41
    # In reading order, on the page and in the apparatus alike: 1, 2, 3 … 41.
    assert [shown for shown, _entry in reading.values()] == [str(n) for n in range(1, 42)]
    assert all(shown == entry for shown, entry in reading.values())
    assert {note_id: int(shown) for note_id, (shown, _e) in reading.items()} == dict(
        cable.notes.values_list("xml_id", "number")
    )
    # The diplomatic view numbers every note as the reading view does.
    assert numbers_on_the_page(client, view="diplomatic") == reading


def test_publishing_unpublishing_and_deleting_glosses_never_moves_an_edition_note(cable, client, alice, rita):
    from django.test import Client

    reader, editor = client, Client()
    reader.force_login(rita)
    editor.force_login(alice)
    cited = numbers_on_the_page(reader)
    assert cited["n-ocr-dismantling"][0] == "27"  # the note our historian cites

    # A draft: readers see nothing new; alice sees a provisional mark, not a number.
    on_dismantling = gloss_on(editor, cable, "para-4", "DISMANTLING", "Dismantling of the missile sites.")
    assert numbers_on_the_page(reader) == cited
    alice_sees = numbers_on_the_page(editor)
    assert alice_sees[on_dismantling.anchor_id] == ("draft", "draft")
    assert edition_notes(alice_sees, cable) == cited

    # Published: the gloss takes the first letter of its own series; no edition note moves.
    act(editor, on_dismantling, "publish")
    now = numbers_on_the_page(reader)
    assert now[on_dismantling.anchor_id] == ("a", "a")
    assert edition_notes(now, cable) == cited

    # A second gloss, earlier in the text, takes the next letter, "b": the first keeps its "a", which a
    # reader may have cited. Still no edition note moves.
    on_meeting = gloss_on(editor, cable, "para-1", "FOUR-HOUR MEETING", "The meeting of 13 November.")
    act(editor, on_meeting, "publish")
    now = numbers_on_the_page(reader)
    assert (now[on_meeting.anchor_id], now[on_dismantling.anchor_id]) == (("b", "b"), ("a", "a"))
    assert edition_notes(now, cable) == cited
    assert edition_notes(numbers_on_the_page(reader, view="diplomatic"), cable) == cited

    # Back to draft: readers no longer see it, the other gloss is still "a", editors see "draft".
    act(editor, on_meeting, "unpublish")
    now = numbers_on_the_page(reader)
    assert on_meeting.anchor_id not in now and now[on_dismantling.anchor_id] == ("a", "a")
    assert edition_notes(now, cable) == cited
    assert numbers_on_the_page(editor)[on_meeting.anchor_id] == ("draft", "draft")

    # Published again, it is "b" again: its letter was kept for it, not handed to another gloss.
    act(editor, on_meeting, "publish")
    assert numbers_on_the_page(reader)[on_meeting.anchor_id] == ("b", "b")

    # Deleted, both: the page is exactly what the historian cited.
    act(editor, on_dismantling, "delete")
    act(editor, on_meeting, "delete")
    assert numbers_on_the_page(reader) == cited
    assert edition_notes(numbers_on_the_page(editor), cable) == cited
    assert dict(Note.objects.filter(document=cable).values_list("xml_id", "number"))["n-ocr-dismantling"] == 27

    # A new gloss takes the next letter: "a" and "b" stay with the glosses a reader may have cited.
    again_on_meeting = gloss_on(editor, cable, "para-1", "FOUR-HOUR MEETING", "Another reading.")
    act(editor, again_on_meeting, "publish")
    assert numbers_on_the_page(reader)[again_on_meeting.anchor_id] == ("c", "c")


SOURCE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="sample">
  <teiHeader><fileDesc><titleStmt><title type="main">A sample letter</title></titleStmt>
  <publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc>
  <profileDesc><creation><date when="1962-11-13">13 November 1962</date></creation></profileDesc></teiHeader>
  <text><body><div>
    <pb n="1" xml:id="pb-1"/>
    <p xml:id="p-one">THE MEETING{inserted} WAS LONG.<note type="editorial" xml:id="n-long">Four hours.</note></p>
    <p xml:id="p-two">THE <choice><sic>DISTANTLING</sic><corr cert="high">DISMANTLING</corr></choice><note
      type="ocr" xml:id="n-ocr">OCR misread M as T.</note> OF MISSILES.</p>
  </div></body></text>
</TEI>
"""


def test_a_corrected_source_keeps_every_number_and_a_new_note_takes_the_next(tmp_path, settings, db):
    settings.SOURCES_DIR = tmp_path
    path = tmp_path / "sample.xml"
    path.write_text(SOURCE.format(inserted=""), encoding="utf-8")
    import_sources([path])
    assert dict(Note.objects.filter(document__slug="sample").values_list("xml_id", "number")) == {
        "n-long": 1,
        "n-ocr": 2,
    }

    # The maintainer adds a note before the others: it is numbered after them, and they keep theirs.
    inserted = '<note type="editorial" xml:id="n-new">At the US Mission.</note>'
    path.write_text(SOURCE.format(inserted=inserted), encoding="utf-8")
    import_sources([path])
    assert dict(Note.objects.filter(document__slug="sample").values_list("xml_id", "number")) == {
        "n-new": 3,
        "n-long": 1,
        "n-ocr": 2,
    }

    # A note taken out leaves a gap that the next new note does not fill.
    path.write_text(
        SOURCE.format(inserted=inserted).replace('<note type="editorial" xml:id="n-long">Four hours.</note>', ""),
        encoding="utf-8",
    )
    import_sources([path])
    path.write_text(
        SOURCE.format(inserted=inserted.replace("n-new", "n-newer")).replace(
            '<note type="editorial" xml:id="n-long">Four hours.</note>', ""
        ),
        encoding="utf-8",
    )
    import_sources([path])
    assert dict(Note.objects.filter(document__slug="sample").values_list("xml_id", "number")) == {
        "n-newer": 4,
        "n-ocr": 2,
    }


class Record:
    def __init__(self, xml_id, number):
        self.xml_id, self.number = xml_id, number


def test_the_first_import_numbers_in_reading_order_and_later_ones_keep_the_numbers():
    first = [Record("a", 1), Record("b", 2)]
    assert [(r.xml_id, r.number) for r in keep_numbers(first, {})] == [("a", 1), ("b", 2)]
    later = [Record("new", 1), Record("b", 2), Record("a", 3)]
    assert [(r.xml_id, r.number) for r in keep_numbers(later, {"a": 1, "b": 2, "gone": 7})] == [
        ("new", 8),
        ("b", 2),
        ("a", 1),
    ]
