"""Note markers are numbered and removed by their shape, whatever the order of their attributes.

The story: a later change (a new attribute, a serializer that sorts them) rewrites the markers
of a passage; the reader still sees every note numbered in reading order, the same note
keeps its number wherever it is marked, and the citation page shows no markers at all.
"""

from lxml import html as lxml_html

from edition import noterefs


def reordered(note_id):
    """A marker with its attributes in another order than noterefs.marker writes them."""
    return (
        f'<a aria-label="Note {noterefs.PLACEHOLDER}" data-note="{note_id}" data-nontext role="doc-noteref" '
        f'href="#{note_id}" class="noteref noteref--ocr" id="ref-{note_id}">{noterefs.PLACEHOLDER}</a>'
    )


def test_markers_are_numbered_in_reading_order_whatever_their_attribute_order():
    passage = f"THE {noterefs.marker('n-1', 'ocr')} DISMANTLING {reordered('n-2')} OF {reordered('n-1')} MISSILES"
    numbering = {}
    numbered, note_ids = noterefs.number(passage, numbering)
    links = lxml_html.fragment_fromstring(numbered, create_parent="div").findall("a")
    assert [(a.get("data-note"), a.text, a.get("aria-label")) for a in links] == [
        ("n-1", "1", "Note 1"), ("n-2", "2", "Note 2"), ("n-1", "1", "Note 1"),
    ]
    assert note_ids == ["n-1", "n-2", "n-1"]
    assert noterefs.PLACEHOLDER not in numbered


def test_numbering_continues_across_passages():
    numbering = {}
    noterefs.number(noterefs.marker("n-1", "ocr"), numbering)
    second, _ids = noterefs.number(reordered("n-9") + noterefs.marker("gloss-x", "gloss", draft=True), numbering)
    assert [a.text for a in lxml_html.fragment_fromstring(second, create_parent="div").findall("a")] == ["2", "3"]
    assert numbering == {"n-1": 1, "n-9": 2, "gloss-x": 3}


def test_the_marker_element_laid_into_a_parsed_passage_is_numbered_like_the_string():
    container = lxml_html.fragment_fromstring("<span>words</span>", create_parent="div")
    container.append(noterefs.marker_element("gloss-1", "gloss"))
    serialized = "".join(lxml_html.tostring(child, encoding="unicode") for child in container)
    numbered, note_ids = noterefs.number(serialized, {})
    assert note_ids == ["gloss-1"]
    assert 'aria-label="Note 1">1</a>' in numbered


def test_a_passage_outside_its_document_has_no_markers_in_any_attribute_order():
    passage = f"THE {noterefs.marker('n-1', 'ocr')}WORDS{reordered('n-2')} STAY"
    assert noterefs.strip(passage) == "THE WORDS STAY"


def test_note_ids_are_escaped_in_the_marker():
    marker = noterefs.marker('x" onclick="alert(1)', "ocr")
    link = lxml_html.fragment_fromstring(marker)
    assert link.get("onclick") is None
    assert link.get("data-note") == 'x" onclick="alert(1)'
