"""Assemble a document's reading view from pre-rendered fragments.

Render once, serve many times: passage HTML was made at import. A request only
(1) lays the visible glosses into the passages that have any, (2) numbers every
note marker in reading order (TEI notes and glosses share one sequence), and
(3) wraps passages, page by page, with their permalink and, for editors, the
gloss controls. Strings are joined in Python: a template loop over passages was
measured 25 times slower.
"""

from dataclasses import dataclass, field
from html import escape

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from lxml import etree

from . import noterefs
from .cited_by import references_by_passage
from .models import Gloss, Note, Passage
from .permissions import is_editor
from .textmap import collapse, parse_fragment, text_segments
from .vocabulary import GLOSS_NOTE, NoteKind, TextView, note_label


@dataclass
class ApparatusEntry:
    number: str  # what the marker shows: "12", "a", or the draft mark (edition.noterefs)
    note_id: str
    kind: str
    html: str
    gloss: object = None
    note: object = None

    @property
    def label(self):
        return note_label(self.kind)

    @property
    def spoken_label(self):
        """The entry's accessible name: "Note 12, Editorial note", "Gloss a", "Draft gloss"."""
        if self.gloss is None:
            return f"Note {self.number}, {self.label}"
        return "Draft gloss" if self.number == noterefs.DRAFT_MARK else f"{self.label} {self.number}"

    @property
    def is_ocr_correction(self):
        return self.kind == NoteKind.OCR


@dataclass
class PageView:
    page: object
    passages_html: str
    notes: list = field(default_factory=list)


def gloss_marker(gloss):
    return noterefs.marker(gloss.anchor_id, GLOSS_NOTE, draft=gloss.state == Gloss.State.DRAFT)


def serialize_children(container):
    parts = [escape(container.text, quote=False)] if container.text else []
    parts += [etree.tostring(child, method="html", encoding="unicode") for child in container]
    return "".join(parts)


def lay_in_glosses(passage_html, glosses):
    """Highlight each gloss's words in the passage and put its marker after them."""
    container = parse_fragment(passage_html)
    whole_passage = []
    for gloss in sorted(glosses, key=lambda g: (g.end or 0, g.start or 0)):
        if gloss.start is None or gloss.end is None or gloss.start >= gloss.end:
            whole_passage.append(gloss)
            continue
        segments = list(text_segments(container))
        _text, maps = collapse(segments)
        last_mark = None
        for (element, attribute, raw), mapping in zip(segments, maps):
            inside = [raw_i for raw_i, norm_i in mapping if gloss.start <= norm_i < gloss.end]
            if not inside:
                continue
            a, b = inside[0], inside[-1] + 1
            mark = etree.Element("mark")
            mark.set("class", "gloss-quote" + (" gloss-quote--draft" if gloss.state == Gloss.State.DRAFT else ""))
            mark.set("data-gloss", str(gloss.public_id))
            mark.text = raw[a:b]
            mark.tail = raw[b:]
            if attribute == "text":
                element.text = raw[:a]
                element.insert(0, mark)
            else:
                element.tail = raw[:a]
                parent = element.getparent()
                parent.insert(parent.index(element) + 1, mark)
            last_mark = mark
        if last_mark is None:
            whole_passage.append(gloss)
            continue
        marker = noterefs.marker_element(gloss.anchor_id, GLOSS_NOTE, draft=gloss.state == Gloss.State.DRAFT)
        # The marker is a link, and links cannot nest: when the quote ends inside a
        # person or reference link, the marker goes after that link.
        after = last_mark
        for ancestor in last_mark.iterancestors():
            if ancestor is container:
                break
            if ancestor.tag == "a":
                after = ancestor
        marker.tail, after.tail = after.tail, None
        after.addnext(marker)
    html = serialize_children(container)
    if whole_passage:
        html += " " + "".join(gloss_marker(g) for g in whole_passage)
    return html


def passage_wrapper(passage, inner, document, editor_controls, citations=()):
    """inner and editor_controls are HTML (safe strings or fragments rendered at import)."""
    # data-nontext: the label is not part of the reading text glosses anchor to.
    label = (
        format_html('<span class="passage-label" {}>{}</span> ', noterefs.NONTEXT, passage.label)
        if passage.label else ""
    )
    # Out of the tab order: the Cite link next to it leads to the same address (and more),
    # so keyboard users get one stop per passage, not two.
    permalink = format_html(
        '<a class="permalink" href="#{}" tabindex="-1" title="Permalink to this passage">'
        '<span class="visually-hidden">Permalink to {}</span><span aria-hidden="true">¶</span></a>',
        passage.xml_id, passage.reader_label,
    )
    cite_link = format_html(
        '<a class="cite-link" href="{}">Cite<span class="visually-hidden"> {}</span></a>',
        reverse("passage", args=[document.slug, passage.xml_id]), passage.reader_label,
    )
    return format_html(
        '<div class="passage passage--{} passage--{}" id="{}" data-passage="{}">'
        '<div class="passage-tools">{}{}{}</div>'
        '<div class="passage-body">{}{}</div>{}{}</div>',
        passage.element, passage.role, passage.xml_id, passage.xml_id,
        permalink, cite_link, mark_safe(editor_controls),
        label, mark_safe(inner), cited_in(citations), gloss_slot(passage) if editor_controls else "",
    )


def cited_in(citations):
    """The way back from a cited paragraph to the passages of the edition that cite it."""
    if not citations:
        return ""
    links = format_html_join(
        ", ", '<a href="{}" title="{}">“{}”</a> ({})',
        ((c.back_url, c.citing.document.title, c.words, c.citing.reader_label) for c in citations),
    )
    return format_html('<p class="cited-in">Cited in the telegram: {}</p>', links)


def gloss_slot(passage):
    """Where an editor's gloss form appears, under the passage's text."""
    return format_html('<div class="gloss-slot" id="gloss-slot-{}"></div>', passage.xml_id)


def render_passage(passage, document, view, glosses, editor_controls="", citations=()):
    inner = passage.reading_html if view == TextView.READING else passage.diplomatic_html
    if glosses:
        if view == TextView.READING:
            inner = lay_in_glosses(inner, glosses)
        else:
            # Gloss offsets count the reading text; the diplomatic view shows the markers at the end.
            inner = inner + " " + "".join(gloss_marker(g) for g in glosses)
    return passage_wrapper(passage, inner, document, editor_controls, citations)


def assemble(document, view, request, references=None):
    """The pages of a document, each with its passages' HTML and its notes.
    references: what cites the document (edition.cited_by), if the caller has it already."""
    user = request.user
    editor = is_editor(user)
    glosses_by_passage = {}
    glosses = Gloss.objects.visible_to(user).anchored().filter(document=document).select_related("created_by")
    for gloss in glosses:
        glosses_by_passage.setdefault(gloss.passage_xml_id, []).append(gloss)
    notes = {note.xml_id: note for note in Note.objects.filter(document=document)}
    gloss_by_note_id = {g.anchor_id: g for g in glosses}
    controls = editor_controls_factory(document) if editor else (lambda passage: "")
    passages = list(document.passages.all())
    citations = references_by_passage(document, {p.xml_id for p in passages}, references)

    pages = {page.pk: PageView(page, "") for page in document.pages.all()}
    chunks = {pk: [] for pk in pages}  # per page: (is page furniture, html) in reading order
    numbering = note_numbering(notes.values(), glosses, passages)
    for passage in passages:
        html = render_passage(
            passage, document, view, glosses_by_passage.get(passage.xml_id), controls(passage),
            citations.get(passage.xml_id, ()),
        )
        html, note_ids = noterefs.number(html, numbering)
        chunks.setdefault(passage.page_id, []).append((passage.role == Passage.Role.FURNITURE, html))
        page = pages.get(passage.page_id)
        for note_id in note_ids:
            entry = apparatus_entry(note_id, numbering, notes, gloss_by_note_id)
            if entry and page and all(e.note_id != note_id for e in page.notes):
                page.notes.append(entry)
    for pk, view_page in pages.items():
        view_page.passages_html = "\n".join(group_furniture(chunks.get(pk, [])))
    return list(pages.values())


FURNITURE_RUN_OPEN = '<div class="furniture-run" role="group" aria-label="Printed form, stamps and marks">'


def group_furniture(chunks):
    """Wrap each run of consecutive page-furniture passages in one compact group,
    so the message does not drown in form text and stamps. chunks: (is furniture, html)."""
    grouped, in_run = [], False
    for furniture, html in chunks:
        if furniture and not in_run:
            grouped.append(FURNITURE_RUN_OPEN)
        elif not furniture and in_run:
            grouped.append("</div>")
        in_run = furniture
        grouped.append(html)
    if in_run:
        grouped.append("</div>")
    return grouped


def gloss_reading_order(glosses, passages):
    """Glosses in the order their markers stand in the text: by passage, then where the quoted
    words end (as lay_in_glosses lays them), a gloss on the whole passage after the others."""
    position = {passage.xml_id: passage.order for passage in passages}

    def place(gloss):
        whole_passage = gloss.start is None or gloss.end is None or gloss.start >= gloss.end
        return (position.get(gloss.passage_xml_id, len(position) + 1), whole_passage, gloss.end or 0,
                gloss.start or 0, gloss.pk or 0)

    return sorted(glosses, key=place)


def note_numbering(notes, glosses, passages):
    """What each marker of a document shows (edition.noterefs): the edition's notes their fixed
    numbers, published glosses a, b, c… in reading order, drafts a provisional mark. Computed from
    the rows, not from the order markers happen to be met in, so both views, the whole page and a
    passage rendered alone agree, and no gloss moves an edition note."""
    in_order = gloss_reading_order(glosses, passages)
    return noterefs.numbering(
        {note.xml_id: note.number for note in notes},
        [gloss.anchor_id for gloss in in_order if gloss.state == Gloss.State.PUBLISHED],
        [gloss.anchor_id for gloss in in_order if gloss.state == Gloss.State.DRAFT],
    )


def apparatus_entry(note_id, numbering, notes, gloss_by_note_id):
    number = numbering.get(note_id, noterefs.UNKNOWN_MARK)
    if note_id in notes:
        note = notes[note_id]
        return ApparatusEntry(number, note_id, note.kind, note.html, note=note)
    if note_id in gloss_by_note_id:
        gloss = gloss_by_note_id[note_id]
        return ApparatusEntry(number, note_id, GLOSS_NOTE, gloss.body_html, gloss=gloss)
    return None


def editor_controls_factory(document):
    """The per-passage "Gloss" control editors see (progressively enhanced by htmx)."""

    def controls(passage):
        url = reverse("gloss_new", args=[document.slug, passage.xml_id])
        return format_html(
            '<a class="gloss-button" href="{}" hx-get="{}" hx-target="#gloss-slot-{}" '
            'hx-swap="innerHTML">Gloss<span class="visually-hidden"> passage {}</span></a>',
            url, url, passage.xml_id, passage.xml_id,
        )

    return controls
