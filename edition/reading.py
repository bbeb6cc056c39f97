"""Assemble a document's reading view from pre-rendered fragments.

Render once, serve many times: passage HTML was made at import. A request only
(1) lays the visible glosses into the passages that have any, (2) numbers every
note marker (the edition's notes by their fixed numbers, glosses by their letters), and
(3) wraps passages, page by page, with their permalink and, for editors, the
gloss controls. Strings are joined in Python: a template loop over passages was
measured 25 times slower.
"""

import re
from dataclasses import dataclass, field
from html import escape

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from lxml import etree

from . import caching, noterefs
from .cited_by import paragraph_of, references_by_passage
from .display import Pane, display_choices
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
    """Highlight each gloss's words in the passage and put its marker after them.
    Returns the HTML and the glosses on the whole passage (their markers go after its words)."""
    container = parse_fragment(passage_html)
    whole_passage = []
    for gloss in sorted(glosses, key=lambda g: (g.end or 0, g.start or 0)):
        if gloss.start is None or gloss.end is None or gloss.start >= gloss.end:
            whole_passage.append(gloss)
            continue
        segments = list(text_segments(container))
        _text, maps = collapse(segments)
        last_mark = None
        for (element, attribute, raw), mapping in zip(segments, maps, strict=True):
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
    return serialize_children(container), whole_passage


def passage_wrapper(passage, inner, document, editor_controls, citations=(), after_words=""):
    """inner, editor_controls and after_words are HTML (safe strings or fragments rendered at import).
    The passage-words element holds inner alone: its DOM text is the passage's reading text, the
    text W3C selectors count (edition.annotations); the label and the markers of glosses on the
    whole passage stand outside it."""
    # data-nontext: the label is not part of the reading text glosses anchor to.
    label = (
        format_html('<span class="passage-label" {}>{}</span> ', noterefs.NONTEXT, passage.label)
        if passage.label
        else ""
    )
    # Out of the tab order: the Cite link next to it leads to the same address (and more),
    # so keyboard users get one stop per passage, not two.
    permalink = format_html(
        '<a class="permalink" href="#{}" tabindex="-1" title="Permalink to this passage">'
        '<span class="visually-hidden">Permalink to {}</span><span aria-hidden="true">¶</span></a>',
        passage.xml_id,
        passage.reader_label,
    )
    cite_link = format_html(
        '<a class="cite-link" href="{}">Cite<span class="visually-hidden"> {}</span></a>',
        reverse("passage", args=[document.slug, passage.xml_id]),
        passage.reader_label,
    )
    return format_html(
        '<div class="passage passage--{} passage--{}" id="{}" data-passage="{}">'
        '<div class="passage-tools">{}{}{}</div>'
        '<div class="passage-body">{}<div class="passage-words">{}</div>{}</div>{}{}</div>',
        passage.element,
        passage.role,
        passage.xml_id,
        passage.xml_id,
        permalink,
        cite_link,
        mark_safe(editor_controls),
        label,
        mark_safe(inner),
        mark_safe(after_words),
        cited_in(citations),
        gloss_slot(passage) if editor_controls else "",
    )


def cited_in(citations):
    """The way back from a cited paragraph to the passages of the edition that cite it."""
    if not citations:
        return ""
    links = format_html_join(
        ", ",
        '<a href="{}" title="{}">“{}”</a> ({})',
        ((c.back_url, c.citing.document.title, c.words, c.citing.reader_label) for c in citations),
    )
    return format_html('<p class="cited-in">Cited in the telegram: {}</p>', links)


def gloss_slot(passage):
    """Where an editor's gloss form appears, under the passage's text."""
    return format_html('<div class="gloss-slot" id="gloss-slot-{}"></div>', passage.xml_id)


def render_passage(passage, document, view, glosses, editor_controls="", citations=()):
    inner = passage.reading_html if view == TextView.READING else passage.diplomatic_html
    after_words = ""
    if glosses:
        if view == TextView.READING:
            inner, whole_passage = lay_in_glosses(inner, glosses)
        else:
            # Gloss offsets count the reading text; the diplomatic view shows the markers at the end.
            whole_passage = glosses
        if whole_passage:
            after_words = " " + "".join(gloss_marker(g) for g in whole_passage)
    return passage_wrapper(passage, inner, document, editor_controls, citations, after_words)


def assemble(document, view, request, references=None, pane=Pane.TYPED):
    """The pages of a document, each with its passages' HTML and its notes.
    references: what cites the document (edition.cited_by), if the caller has it already.
    pane: what stands beside the text (edition.display.Pane); with NOTES or CITED, each passage
    is a row with its notes, or the paragraphs it cites, in the margin beside it."""
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
    numbering = note_numbering(notes.values(), glosses)
    cited = cited_paragraphs(passages, view) if pane == Pane.CITED else {}
    listed_on = {}  # page pk: the note ids its apparatus lists
    for passage in passages:
        passage_glosses, passage_citations = glosses_by_passage.get(passage.xml_id), citations.get(passage.xml_id, ())
        html = caching.passage_html(  # kept while its glosses stay as they are
            passage,
            view,
            passage_glosses,
            editor,
            passage_citations,
            # Called at once, inside this iteration: the defaults only say so to the reader.
            lambda passage=passage, passage_glosses=passage_glosses, passage_citations=passage_citations: (
                render_passage(passage, document, view, passage_glosses, controls(passage), passage_citations)
            ),
        )
        html, note_ids = noterefs.number(html, numbering)
        page = pages.get(passage.page_id)
        new_entries = []
        listed = listed_on.setdefault(passage.page_id, set())  # a note is listed once per page
        for note_id in note_ids:
            if note_id in listed:
                continue
            entry = apparatus_entry(note_id, numbering, notes, gloss_by_note_id)
            if entry and page:
                listed.add(note_id)
                page.notes.append(entry)
                new_entries.append(entry)
        if pane == Pane.NOTES:
            html = margin_row(html, margin_notes(new_entries, request, editor))
        elif pane == Pane.CITED:
            html = margin_row(html, cited.get(passage.xml_id, ""))
        chunks.setdefault(passage.page_id, []).append((passage.role == Passage.Role.FURNITURE, html))
    furniture_open = display_choices(request).furniture
    for pk, view_page in pages.items():
        view_page.passages_html = "\n".join(group_furniture(chunks.get(pk, []), furniture_open))
    return list(pages.values())


def group_furniture(chunks, shown=False):
    """Fold each run of consecutive page-furniture passages into one line (a disclosure), so the
    message does not drown in form text and stamps; open when the reader shows the furniture.
    chunks: (is furniture, html)."""
    grouped, run = [], []

    def close_run():
        if run:
            count = len(run)
            grouped.append(
                format_html(
                    '<details class="furniture-run"{}><summary>Printed form, stamps and marks '
                    '<span class="furniture-count">({} line{})</span></summary>',
                    mark_safe(" open") if shown else "",
                    count,
                    "" if count == 1 else "s",
                )
            )
            grouped.extend(run)
            grouped.append("</details>")
            run.clear()

    for furniture, html in chunks:
        if furniture:
            run.append(html)
            continue
        close_run()
        grouped.append(html)
    close_run()
    return grouped


def margin_row(passage_html, margin_html):
    """A passage with what the margin sets beside it (its notes, or the paragraphs it cites)."""
    return format_html(
        '<div class="margin-row"><div class="margin-row-text">{}</div><div class="margin-row-margin">{}</div></div>',
        mark_safe(passage_html),
        mark_safe(margin_html),
    )


def margin_notes(entries, request, editor):
    """The notes a passage's markers point to, set in the margin beside it (the Notes pane)."""
    return "".join(
        render_to_string("edition/_note.html", {"entry": entry, "is_editor": editor}, request=request)
        for entry in entries
    )


CITED_LINK = re.compile(r'<a class="ref" href="(?P<url>/documents/(?P<slug>[^/"#]+)/#(?P<target>[^"]+))"')
ID_ATTRIBUTE = re.compile(r'\sid="[^"]*"')


def cited_paragraphs(passages, view):
    """{passage xml_id: HTML of the paragraphs it cites}, for the Cited pane: each cited paragraph
    of another document, whole, beside the passage that cites it (ids removed: the paragraph
    keeps its own on its own page)."""
    wanted = {}
    for passage in passages:
        for match in CITED_LINK.finditer(passage.reading_html):
            wanted.setdefault(passage.xml_id, []).append((match["slug"], match["target"], match["url"]))
    if not wanted:
        return {}
    slugs = {slug for refs in wanted.values() for slug, _t, _u in refs}
    rows = Passage.objects.filter(document__slug__in=slugs).select_related("document")
    by_document = {}
    for row in rows:
        by_document.setdefault(row.document.slug, {})[row.xml_id] = row
    found = {}
    for xml_id, refs in wanted.items():
        shown, parts = set(), []
        for slug, target, _link in refs:
            paragraphs = by_document.get(slug, {})
            paragraph = paragraphs.get(paragraph_of(target, set(paragraphs)) or "")
            if paragraph is None or (slug, paragraph.xml_id) in shown:
                continue
            shown.add((slug, paragraph.xml_id))
            url = f"{paragraph.document.get_absolute_url()}#{paragraph.xml_id}"  # the whole paragraph shown
            html = paragraph.reading_html if view == TextView.READING else paragraph.diplomatic_html
            parts.append(
                format_html(
                    '<blockquote class="cited-paragraph" cite="{}"><p class="cited-source"><a href="{}">{}, {}</a></p>'
                    "<div>{}</div></blockquote>",
                    url,
                    url,
                    paragraph.document.reader_label or paragraph.document.title,
                    paragraph.reader_label,
                    mark_safe(ID_ATTRIBUTE.sub("", noterefs.strip(html))),
                )
            )
        if parts:
            found[xml_id] = "".join(parts)
    return found


def note_numbering(notes, glosses):
    """What each marker of a document shows (edition.noterefs): the edition's notes their fixed
    numbers, published glosses the letters they keep (Gloss.number), drafts a provisional mark.
    Read from the rows, not from the order markers happen to be met in, so both views, the whole
    page and a passage rendered alone agree, and a write on one gloss changes no other marker.
    glosses: those whose markers are to be numbered (all of the page's, or one passage's)."""
    return noterefs.numbering(
        {note.xml_id: note.number for note in notes},
        {gloss.anchor_id: gloss.number for gloss in glosses if gloss.state == Gloss.State.PUBLISHED},
        [gloss.anchor_id for gloss in glosses if gloss.state == Gloss.State.DRAFT],
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
            'hx-swap="innerHTML">Gloss<span class="visually-hidden"> {}</span></a>',
            url,
            url,
            passage.xml_id,
            passage.reader_label,  # heard as "Gloss ¶ 4, p. 2": the id stays in the URL
        )

    return controls
