"""Hits as a reader sees them: a human label ("¶ 4, p. 2", "note 12"), a link that opens the
right view and highlights the words, and a snippet with the matched words marked. Passage
labels come from the import (Passage.reader_label, Note.reader_label)."""

import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django.db import connection
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ..models import Gloss, Note
from ..vocabulary import NoteKind, TextView, note_label
from .analysis import TOKEN, token_terms
from .index import gloss_text
from .models import SearchEntry
from .query import found_in

SNIPPET_CONTEXT = 90  # characters either side of the first marked word


@dataclass(frozen=True)
class HitDocument:
    """The document a group of hits belongs to, as the results page shows it (a model instance per
    group cost more to build than the rest of the hit)."""

    id: int
    title: str
    date_label: str
    url: str


@dataclass
class Hit:
    document: HitDocument
    kind: str
    label: str
    url: str
    snippet: str
    view: str = TextView.READING


@dataclass
class DocumentHits:
    document: object
    hits: list = field(default_factory=list)


def passage_label(reader_label):
    """ "¶ 4, p. 2", "item (1), p. 2", "stamp, p. 3": never an id (Passage.reader_label, made at import);
    None when the hit belongs to no passage."""
    return reader_label if reader_label is not None else "the document"


def in_sentence(label):
    """ "Editorial note" -> "editorial note", "OCR correction" stays."""
    return label if label.split()[0].isupper() else label[0].lower() + label[1:]


class Marker:
    """Which words of a text the reader asked for. Each distinct word is analyzed and judged once per
    search (a page of hits repeats most of its words), then looked up: marking 20 snippets costs a
    dictionary lookup per word, not an analysis."""

    def __init__(self, query, expansions):
        exact, prefixes = query.terms
        self.exact, self.prefixes = frozenset(exact), tuple(prefixes)
        self.expansions = expansions or None
        self.words = [w for w in query.words if "*" not in w]
        self._marked = {}  # token -> ((start, end), ...): its wanted words, offsets within it

    def wanted(self, terms):
        return any(t in self.exact or t.startswith(self.prefixes) for t in terms)

    def marked_in(self, token):
        found = self._marked.get(token)
        if found is None:
            found = self._marked[token] = tuple(
                (start, end) for start, end, terms in token_terms(token, self.expansions) if self.wanted(terms)
            )
        return found

    def marks(self, text, terms=None):
        """(start, end) of the wanted words from the first one to the end of its snippet's window:
        the words after the window are never looked at. `terms`, the text's analyzed terms if known,
        spare reading a text that holds none (a passage found by a person's name alone)."""
        if terms is not None and not self.wanted(terms.split()):
            return []
        found, window_end = [], None
        for match in TOKEN.finditer(text):
            base = match.start()
            if window_end is not None and base > window_end:
                break
            for start, end in self.marked_in(match.group(0)):
                if window_end is None:
                    window_end = base + start + SNIPPET_CONTEXT + 40
                found.append((base + start, base + end))
        return found


def snippet(text, marked):
    """About 180 characters around the first marked word, every marked word in <mark>."""
    first = marked[0][0] if marked else 0
    start, end = max(0, first - SNIPPET_CONTEXT), min(len(text), first + SNIPPET_CONTEXT)
    if start > 0:
        start = text.find(" ", start, first) + 1 or start
    if end < len(text):
        end = text.rfind(" ", first, end) if text.rfind(" ", first, end) > first else end
    pieces, position = [], start
    for mark_start, mark_end in marked:
        if mark_start >= start and mark_end <= end:
            pieces.append((text[position:mark_start], text[mark_start:mark_end]))
            position = mark_end
    return format_html(
        "{}{}{}{}",
        "…" if start > 0 else "",
        format_html_join("", "{}<mark>{}</mark>", pieces),
        text[position:end],
        "…" if end < len(text) else "",
    )


def landing_url(base, view, words, fragment):
    params = ([("view", view)] if view == TextView.DIPLOMATIC else []) + [("hl", w) for w in words]
    return f"{base}{'?' + urlencode(params) if params else ''}#{fragment}"


# What a hit shows, read in one plain query (the ORM's query building and 80 model instances cost
# more than the query): the entry, its document, and its passage, note or gloss.
HITS_SQL = (
    "SELECT e.id, e.kind, e.published, e.document_id, d.slug, d.title, d.date_label,"
    " e.passage_id, p.reader_label, p.xml_id, p.reading_text, p.diplomatic_text,"
    " n.kind, n.n, n.number, n.xml_id, n.text, g.public_id, g.body_html, e.reading_terms, e.names_terms"
    " FROM edition_searchentry e JOIN edition_document d ON d.id = e.document_id"
    " LEFT JOIN edition_passage p ON p.id = e.passage_id LEFT JOIN edition_note n ON n.id = e.note_id"
    " LEFT JOIN edition_gloss g ON g.id = e.gloss_id WHERE e.id IN ({marks})"
)


@dataclass
class HitRow:
    id: int
    kind: str
    published: bool
    document_id: int
    document_slug: str
    document_title: str
    document_date_label: str
    passage_id: int | None
    passage_label: str | None
    passage_xml_id: str | None
    reading_text: str | None
    diplomatic_text: str | None
    note_kind: str | None
    note_n: str | None
    note_number: int | None
    note_xml_id: str | None
    note_text: str | None
    gloss_public_id: object
    gloss_body_html: str | None
    reading_terms: str
    names_terms: str


def hit_rows(ids):
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(HITS_SQL.format(marks=", ".join(["%s"] * len(ids))), list(ids))
        return {row[0]: HitRow(*row) for row in cursor.fetchall()}


def hits_for(ids, query, expansions):
    """The page's hits, in rank order, grouped by document (each document once, at its best hit)."""
    rows = hit_rows(ids)
    marker = Marker(query, expansions)
    groups = {}
    document_url = DocumentUrl()
    for entry_id in ids:
        row = rows.get(entry_id)
        if row is None:
            continue
        group = groups.get(row.document_id)
        if group is None:
            url = document_url(row.document_slug)
            document = HitDocument(row.document_id, row.document_title, row.document_date_label, url)
            group = groups[row.document_id] = DocumentHits(document)
        group.hits.append(make_hit(row, group.document, group.document.url, marker, query))
    return list(groups.values())


class DocumentUrl:
    """A document's address from its slug, resolved once per page: reverse() per group cost as much as
    building the hit."""

    PLACEHOLDER = "slug-placeholder"

    def __init__(self):
        self.before, self.after = reverse("document", args=[self.PLACEHOLDER]).split(self.PLACEHOLDER)

    def __call__(self, slug):
        return f"{self.before}{quote(slug)}{self.after}"


def make_hit(row, document, base, marker, query):
    passage = row.passage_label if row.passage_id is not None else None
    if row.kind == SearchEntry.Kind.TEXT:
        in_reading = found_in(query, row.reading_terms, row.names_terms)
        view = TextView.READING if in_reading else TextView.DIPLOMATIC
        text = row.reading_text if in_reading else row.diplomatic_text
        terms = row.reading_terms if in_reading else None
        label, fragment = passage_label(passage), row.passage_xml_id
    elif row.kind == SearchEntry.Kind.NOTE:
        note = Note(kind=row.note_kind, n=row.note_n, number=row.note_number)
        view, text, terms = TextView.READING, row.note_text, row.reading_terms
        kind = in_sentence(note_label(note.kind))
        kind = f"{kind} {note.n}" if note.kind == NoteKind.FOOTNOTE and note.n else kind
        kind = f"{note.reader_label}, {kind}" if note.number else kind
        label = f"{kind} on {passage_label(passage)}" if passage is not None else kind
        fragment = row.note_xml_id
    else:
        # SQLite hands back the UUID as 32 hex digits, PostgreSQL as a UUID.
        gloss = Gloss(public_id=uuid.UUID(str(row.gloss_public_id)), body_html=row.gloss_body_html)
        view, text, terms = TextView.READING, gloss_text(gloss), row.reading_terms
        draft = "" if row.published else "draft "
        label = f"{draft}gloss on {passage_label(passage)}" if passage is not None else f"{draft}gloss"
        fragment = gloss.anchor_id
    marked = marker.marks(text, terms)
    words = list(dict.fromkeys([text[start:end] for start, end in marked] + marker.words))[:8]
    return Hit(document, row.kind, label, landing_url(base, view, words, fragment), snippet(text, marked), view)
