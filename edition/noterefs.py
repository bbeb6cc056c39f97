"""Note markers: the one place that knows how a note's marker is written, numbered and removed.

A marker is rendered once (TEI notes at import, glosses per request) with a
placeholder where its number goes, because TEI notes and glosses share one
sequence that is only known when a request assembles the page. A marker is
found again by its shape (a link whose content is the placeholder), never by
the order of its attributes. Pure: no model imports, so edition.tei uses it too.
"""

import re

from django.utils.html import format_html
from lxml import etree

PLACEHOLDER = "@@N@@"
# Marked data-nontext: a marker is not part of the passage's text (edition.textmap).
NONTEXT = "data-nontext"

MARKER_ELEMENT = re.compile(r"<a\b(?P<attributes>[^>]*)>" + re.escape(PLACEHOLDER) + "</a>")
NOTE_ID = re.compile(r'\bdata-note="(?P<note_id>[^"]*)"')


def css_class(kind, draft=False):
    return f"noteref noteref--{kind}" + (" noteref--draft" if draft else "")


def marker(note_id, kind, draft=False):
    """The marker's HTML, its number still a placeholder."""
    return format_html(
        '<a class="{}" href="#{}" id="ref-{}" role="doc-noteref" {} data-note="{}" aria-label="Note {}">{}</a>',
        css_class(kind, draft), note_id, note_id, NONTEXT, note_id, PLACEHOLDER, PLACEHOLDER,
    )


def marker_element(note_id, kind, draft=False):
    """The same marker as an lxml element, to lay into a parsed passage."""
    element = etree.Element("a")
    for name, value in (
        ("class", css_class(kind, draft)), ("href", f"#{note_id}"), ("id", f"ref-{note_id}"),
        ("role", "doc-noteref"), (NONTEXT, ""), ("data-note", note_id), ("aria-label", f"Note {PLACEHOLDER}"),
    ):
        element.set(name, value)
    element.text = PLACEHOLDER
    return element


def number(html, numbering):
    """Put each marker's number in place of its placeholders, in the order the markers appear.
    numbering: {note id: number}, shared across the passages of a document and extended here.
    Returns the numbered HTML and the note ids of its markers, in order."""
    found_ids = []

    def numbered(match):
        found = NOTE_ID.search(match["attributes"])
        if found is None:
            return match[0]
        note_id = found["note_id"]
        found_ids.append(note_id)
        return match[0].replace(PLACEHOLDER, str(numbering.setdefault(note_id, len(numbering) + 1)))

    return MARKER_ELEMENT.sub(numbered, html), found_ids


def strip(html):
    """html without its (unnumbered) markers: a passage shown outside its document."""
    return MARKER_ELEMENT.sub("", html)
