"""What an editor's gloss write changed on the page they are reading, as htmx out-of-band swaps.

A write answers with the passage of the gloss (its words, markers and controls), the note of
the gloss, and the status message: never the whole document, which with 1,000 glosses was
megabytes per save. Note numbers make this possible: the edition's notes keep fixed numbers
and each gloss readers see keeps the letter it was given (Gloss.number, edition/noterefs.py),
so a write changes no marker but its own gloss's, even a publish or a delete. Only the
written passage's glosses are read. Everything here is rendered after the write's
transaction has committed.

Where a new note has no neighbour to stand beside (the first note of a page), or the page
shows the notes in the margin, the caller falls back to the whole text (NeedsWholeText).
"""

import re
import uuid

from django.template.loader import render_to_string
from django.utils.html import format_html

from . import caching, noterefs
from .cited_by import references_by_passage
from .display import Pane, display_choices
from .models import Gloss, Note
from .reading import apparatus_entry, editor_controls_factory, note_numbering, render_passage

FIRST_TAG = re.compile(r"^\s*<(?P<tag>[a-z]+)\b")

# How the written gloss's note stands on the client's page after the write.
NEW, CHANGED, GONE = "new", "changed", "gone"


class NeedsWholeText(Exception):
    """This change cannot be said in parts: send the whole #document-text."""


def out_of_band(html, how="true"):
    """html swapped by its own id (outerHTML), or placed as `how` says ("beforebegin:#id"...)."""
    html = str(html)
    if how == "true":
        return FIRST_TAG.sub(lambda m: f'{m[0]} hx-swap-oob="true"', html, count=1)
    # Any other swap puts the element's children: wrap it.
    return format_html('<div hx-swap-oob="{}">{}</div>', how, html)


class PageState:
    """The document as the editor sees it after the write, read a passage at a time: the edition's
    notes and passages, and the glosses of the passages shown (with their numbering)."""

    def __init__(self, request, document, view):
        self.request, self.document, self.view = request, document, view
        self.visible = Gloss.objects.visible_to(request.user).anchored().filter(document=document)
        self.notes = {note.xml_id: note for note in Note.objects.filter(document=document)}
        self.passages = list(document.passages.all())
        # Markers are numbered from their own rows (note_numbering): the edition's notes now, each
        # passage's glosses as it is read.
        self.numbering = note_numbering(self.notes.values(), ())
        self.gloss_by_note_id = {}
        self.by_passage = {}
        self.controls = editor_controls_factory(document)

    # What laying glosses into a passage, keeping it (caching.passage_html) and numbering it read of
    # each gloss: a passage may hold hundreds; only the written gloss's note needs the whole row.
    IN_THE_TEXT = ("id", "public_id", "document_id", "passage_xml_id", "start", "end", "state", "version", "number")

    def passage_glosses(self, xml_id):
        if xml_id not in self.by_passage:
            glosses = list(self.visible.filter(passage_xml_id=xml_id).only(*self.IN_THE_TEXT))
            self.by_passage[xml_id] = glosses
            self.numbering.update(note_numbering((), glosses))
        return self.by_passage[xml_id] or None

    def gloss_for_note(self, note_id):
        """The whole gloss (body, author) whose note this is, or None for an edition note."""
        if note_id not in self.gloss_by_note_id:
            try:
                public_id = uuid.UUID(note_id.removeprefix("gloss-"))
            except ValueError:
                public_id = None
            glosses = self.visible.filter(public_id=public_id).select_related("created_by")
            self.gloss_by_note_id[note_id] = glosses.first() if public_id else None
        return self.gloss_by_note_id[note_id]

    def passage(self, xml_id):
        return next((p for p in self.passages if p.xml_id == xml_id), None)

    def numbered_passage(self, passage):
        """(the passage's HTML, numbered as on the whole page, and its note ids in order)."""
        citations = references_by_passage(self.document, {passage.xml_id}, None).get(passage.xml_id, ())
        glosses = self.passage_glosses(passage.xml_id)
        html = caching.passage_html(
            passage,
            self.view,
            glosses,
            True,
            citations,
            lambda: render_passage(passage, self.document, self.view, glosses, self.controls(passage), citations),
        )
        return noterefs.number(html, self.numbering)

    def note_html(self, note_id):
        gloss = None if note_id in self.notes else self.gloss_for_note(note_id)
        entry = apparatus_entry(note_id, self.numbering, self.notes, {note_id: gloss} if gloss else {})
        if entry is None:
            return ""
        context = {"entry": entry, "view": self.view, "is_editor": True}
        return render_to_string("edition/_note.html", context, request=self.request)

    def neighbour_note(self, passage, direction):
        """The first note of the nearest passage on the same page after (+1) or the last before (-1)."""
        on_page = [p for p in self.passages if p.page_id == passage.page_id]
        index = on_page.index(passage)
        others = on_page[index + 1 :] if direction > 0 else reversed(on_page[:index])
        for other in others:
            _html, note_ids = self.numbered_passage(other)
            if note_ids:
                return note_ids[0] if direction > 0 else note_ids[-1]
        return None


def changed_parts(request, document, gloss, view, placed):
    """The out-of-band swaps for a write on `gloss`. placed: NEW (the client has no note for it yet),
    CHANGED or GONE."""
    if display_choices(request).pane in {Pane.NOTES, Pane.CITED}:
        raise NeedsWholeText("the notes stand in the margin beside their passages")
    state = PageState(request, document, view)
    parts = []
    passage = state.passage(gloss.passage_xml_id)
    note_id = gloss.anchor_id
    if passage is not None:
        html, note_ids = state.numbered_passage(passage)
        parts.append(out_of_band(html))
        # Every other marker and note keeps what it shows (letters are kept): only the written one changes.
        visible = note_id in state.numbering and note_id in note_ids
        if visible and placed == NEW:
            parts.append(out_of_band(state.note_html(note_id), where_to_insert(state, passage, note_ids, note_id)))
        elif visible:
            parts.append(out_of_band(state.note_html(note_id)))
        elif placed != NEW:
            parts.append(format_html('<div id="{}" hx-swap-oob="delete"></div>', note_id))
    elif placed != NEW:
        parts.append(format_html('<div id="{}" hx-swap-oob="delete"></div>', note_id))
    return "".join(str(part) for part in parts)


def where_to_insert(state, passage, note_ids, note_id):
    """Where the new note goes among the page's notes: beside its neighbour in reading order."""
    index = note_ids.index(note_id)
    if index + 1 < len(note_ids):
        return f"beforebegin:#{note_ids[index + 1]}"
    if index > 0:
        return f"afterend:#{note_ids[index - 1]}"
    after = state.neighbour_note(passage, +1)
    if after:
        return f"beforebegin:#{after}"
    before = state.neighbour_note(passage, -1)
    if before:
        return f"afterend:#{before}"
    raise NeedsWholeText("the page had no notes: its apparatus does not exist yet")
