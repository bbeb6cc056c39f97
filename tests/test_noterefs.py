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
        f'href="#{note_id}" class="noteref noteref--ocr" data-n="{noterefs.PLACEHOLDER}" id="ref-{note_id}"></a>'
    )


def test_markers_are_numbered_whatever_their_attribute_order():
    passage = f"THE {noterefs.marker('n-1', 'ocr')} DISMANTLING {reordered('n-2')} OF {reordered('n-1')} MISSILES"
    numbering = noterefs.numbering({"n-1": 1, "n-2": 2})
    numbered, note_ids = noterefs.number(passage, numbering)
    links = lxml_html.fragment_fromstring(numbered, create_parent="div").findall("a")
    assert [(a.get("data-note"), a.get("data-n"), a.get("aria-label")) for a in links] == [
        ("n-1", "1", "Note 1"),
        ("n-2", "2", "Note 2"),
        ("n-1", "1", "Note 1"),
    ]
    assert note_ids == ["n-1", "n-2", "n-1"]
    assert noterefs.PLACEHOLDER not in numbered


def test_edition_notes_keep_their_numbers_glosses_have_their_own_series_and_drafts_no_number():
    numbering = noterefs.numbering(
        {"n-1": 1, "n-9": 2}, published_glosses={"gloss-y": 1, "gloss-z": 2}, draft_glosses=["gloss-x"]
    )
    passage = (
        noterefs.marker("gloss-z", "gloss")
        + reordered("n-9")
        + noterefs.marker("gloss-x", "gloss", draft=True)
        + noterefs.marker("gloss-y", "gloss")
        + noterefs.marker("n-1", "ocr")
    )
    numbered, _ids = noterefs.number(passage, numbering)
    links = lxml_html.fragment_fromstring(numbered, create_parent="div").findall("a")
    assert [(a.get("data-n"), a.get("aria-label")) for a in links] == [
        ("b", "Gloss b"),
        ("2", "Note 2"),
        ("draft", "Draft gloss"),
        ("a", "Gloss a"),
        ("1", "Note 1"),
    ]


def test_the_gloss_series_runs_a_to_z_then_aa():
    assert [noterefs.gloss_letter(n) for n in (1, 2, 26, 27, 28, 52, 53, 702, 703)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
        "zz",
        "aaa",
    ]


def test_the_marker_element_laid_into_a_parsed_passage_is_numbered_like_the_string():
    container = lxml_html.fragment_fromstring("<span>words</span>", create_parent="div")
    container.append(noterefs.marker_element("gloss-1", "gloss"))
    serialized = "".join(lxml_html.tostring(child, encoding="unicode") for child in container)
    numbered, note_ids = noterefs.number(serialized, noterefs.numbering({}, published_glosses={"gloss-1": 1}))
    assert note_ids == ["gloss-1"]
    assert 'aria-label="Gloss a" data-n="a"></a>' in numbered


def test_a_passage_outside_its_document_has_no_markers_in_any_attribute_order():
    passage = f"THE {noterefs.marker('n-1', 'ocr')}WORDS{reordered('n-2')} STAY"
    assert noterefs.strip(passage) == "THE WORDS STAY"


def test_note_ids_are_escaped_in_the_marker():
    marker = noterefs.marker('x" onclick="alert(1)', "ocr")
    link = lxml_html.fragment_fromstring(marker)
    assert link.get("onclick") is None
    assert link.get("data-note") == 'x" onclick="alert(1)'


def test_a_letter_read_back_from_a_tei_export_is_its_place_in_the_series():
    assert [noterefs.gloss_position(noterefs.gloss_letter(n)) for n in (1, 2, 26, 27, 28, 52, 53, 702, 703)] == [
        1, 2, 26, 27, 28, 52, 53, 702, 703,
    ]  # fmt: skip
    assert [noterefs.gloss_position(text) for text in ("", "A", "b2", "é")] == [None, None, None, None]
