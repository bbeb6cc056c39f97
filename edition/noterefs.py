"""Note markers: the one place that knows how a note's marker is written, numbered and removed.

A marker is rendered once (TEI notes at import, glosses per request) with a
placeholder where its number goes, filled when a request assembles the page.
Numbers never move: the edition's own notes show the fixed number import gave
them (Note.number); published glosses have their own series, a, b, c…, each
the letter it was given when readers first saw it (Gloss.number), so publishing,
unpublishing or deleting a gloss never shifts an edition note nor another
gloss's letter; a draft gloss shows a provisional mark, never a number a reader
could cite. A marker is found again by its shape (an empty link whose data-n is the
placeholder), never by the order of its attributes. The number is an attribute the
stylesheet shows (.noteref::after { content: attr(data-n) }), not text: a passage's
words element then holds exactly its reading text, so W3C selectors anchor in the DOM.
Pure: no model imports, so
edition.tei uses it too.
"""

import re

from django.utils.html import format_html
from lxml import etree

PLACEHOLDER = "@@N@@"
# Marked data-nontext: a marker is not part of the passage's text (edition.textmap).
NONTEXT = "data-nontext"

NUMBER_ATTRIBUTE = "data-n"  # what the marker shows; the stylesheet displays it (edition.css)
MARKER_ELEMENT = re.compile(r'<a\b(?P<attributes>[^>]*\bdata-n="' + re.escape(PLACEHOLDER) + r'"[^>]*)></a>')
NOTE_ID = re.compile(r'\bdata-note="(?P<note_id>[^"]*)"')
GLOSS_KIND = "gloss"  # vocabulary.GLOSS_NOTE (kept pure: the kind is passed in by callers)
DRAFT_MARK = "draft"  # what a draft gloss's marker shows editors instead of a number
UNKNOWN_MARK = "?"  # a marker whose note is not in the numbering (never expected)
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def css_class(kind, draft=False):
    return f"noteref noteref--{kind}" + (" noteref--draft" if draft else "")


def spoken_label(kind, draft=False):
    """The marker's accessible name, its number still a placeholder: "Note 12", "Gloss a", "Draft gloss"."""
    if kind == GLOSS_KIND:
        return "Draft gloss" if draft else f"Gloss {PLACEHOLDER}"
    return f"Note {PLACEHOLDER}"


def marker(note_id, kind, draft=False):
    """The marker's HTML, its number still a placeholder."""
    return format_html(
        '<a class="{}" href="#{}" id="ref-{}" role="doc-noteref" {} data-note="{}" aria-label="{}" {}="{}"></a>',
        css_class(kind, draft),
        note_id,
        note_id,
        NONTEXT,
        note_id,
        spoken_label(kind, draft),
        NUMBER_ATTRIBUTE,
        PLACEHOLDER,
    )


def marker_element(note_id, kind, draft=False):
    """The same marker as an lxml element, to lay into a parsed passage."""
    element = etree.Element("a")
    for name, value in (
        ("class", css_class(kind, draft)),
        ("href", f"#{note_id}"),
        ("id", f"ref-{note_id}"),
        ("role", "doc-noteref"),
        (NONTEXT, ""),
        ("data-note", note_id),
        ("aria-label", spoken_label(kind, draft)),
        (NUMBER_ATTRIBUTE, PLACEHOLDER),
    ):
        element.set(name, value)
    return element


def gloss_letter(position):
    """The gloss series: 1 -> a, 26 -> z, 27 -> aa, 28 -> ab…"""
    letters = ""
    while position > 0:
        position, remainder = divmod(position - 1, len(LETTERS))
        letters = LETTERS[remainder] + letters
    return letters


def gloss_position(letters):
    """The inverse of gloss_letter: a -> 1, z -> 26, aa -> 27; None for anything else."""
    if not letters or any(letter not in LETTERS for letter in letters):
        return None
    position = 0
    for letter in letters:
        position = position * len(LETTERS) + LETTERS.index(letter) + 1
    return position


def numbering(edition_numbers, published_glosses=None, draft_glosses=()):
    """{note id: what its marker shows}.
    edition_numbers: {note id: fixed number} of the edition's notes (Note.number);
    published_glosses: {note id: place in the gloss series} of published glosses (Gloss.number:
    1 shows a, 2 b…; a gloss without one shows UNKNOWN_MARK, never another gloss's letter);
    draft_glosses: the note ids of draft glosses (they take the provisional mark)."""
    shown = {note_id: str(number) for note_id, number in edition_numbers.items()}
    shown.update(
        (note_id, gloss_letter(position) if position else UNKNOWN_MARK)
        for note_id, position in (published_glosses or {}).items()
    )
    shown.update((note_id, DRAFT_MARK) for note_id in draft_glosses)
    return shown


def number(html, numbering):
    """Put each marker's number in place of its placeholders.
    numbering: {note id: what its marker shows}, from numbering(); the same for every view and
    every passage of the document, so a passage rendered alone is numbered as in the whole page.
    Returns the numbered HTML and the note ids of its markers, in order."""
    found_ids = []

    def numbered(match):
        found = NOTE_ID.search(match["attributes"])
        if found is None:
            return match[0]
        note_id = found["note_id"]
        found_ids.append(note_id)
        return match[0].replace(PLACEHOLDER, numbering.get(note_id, UNKNOWN_MARK))

    return MARKER_ELEMENT.sub(numbered, html), found_ids


def strip(html):
    """html without its (unnumbered) markers: a passage shown outside its document."""
    return MARKER_ELEMENT.sub("", html)
