"""Hits as a reader sees them: a human label ("¶ 4, p. 2", "note 12"), a link that opens the
right view and highlights the words, and a snippet with the matched words marked. Passage
labels come from the import (Passage.reader_label, Note.reader_label)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.html import format_html, format_html_join

from ..models import Document, Gloss, Note
from ..vocabulary import NoteKind, TextView, note_label
from .analysis import TOKEN, token_terms
from .index import gloss_text
from .models import SearchEntry

SNIPPET_CONTEXT = 90  # characters either side of the first marked word


@dataclass
class Hit:
    document: object
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

    def marks(self, text):
        """(start, end) of the wanted words from the first one to the end of its snippet's window:
        the words after the window are never looked at."""
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


# What a hit shows, read in one query as plain values: a page of hits is 20 rows, not 20 entries
# each with its document, passage, page, note and gloss built as model instances.
ENTRY_FIELDS = (
    "id", "kind", "published", "document_id",
    "passage_id", "passage__reader_label", "passage__xml_id", "passage__reading_text", "passage__diplomatic_text",
    "note__kind", "note__n", "note__number", "note__xml_id", "note__text",
    "gloss__public_id", "gloss__body_html",
)  # fmt: skip


def hits_for(ids, in_reading, query, expansions):
    """The page's hits, in rank order, grouped by document (each document once, at its best hit)."""
    rows = {row["id"]: row for row in SearchEntry.objects.filter(id__in=ids).values(*ENTRY_FIELDS)}
    documents = Document.objects.only("slug", "title", "date_label").in_bulk({r["document_id"] for r in rows.values()})
    marker = Marker(query, expansions)
    groups, bases = {}, {}
    for entry_id in ids:
        row = rows.get(entry_id)
        if row is None:
            continue
        document = documents[row["document_id"]]
        if document.pk not in groups:
            groups[document.pk] = DocumentHits(document)
            bases[document.pk] = document.get_absolute_url()
        hit = make_hit(row, document, bases[document.pk], entry_id in in_reading, marker)
        groups[document.pk].hits.append(hit)
    return list(groups.values())


def make_hit(row, document, base, in_reading, marker):
    passage = row["passage__reader_label"] if row["passage_id"] is not None else None
    if row["kind"] == SearchEntry.Kind.TEXT:
        view = TextView.READING if in_reading else TextView.DIPLOMATIC
        text = row["passage__reading_text"] if in_reading else row["passage__diplomatic_text"]
        label, fragment = passage_label(passage), row["passage__xml_id"]
    elif row["kind"] == SearchEntry.Kind.NOTE:
        note = Note(kind=row["note__kind"], n=row["note__n"], number=row["note__number"])
        view, text = TextView.READING, row["note__text"]
        kind = in_sentence(note_label(note.kind))
        kind = f"{kind} {note.n}" if note.kind == NoteKind.FOOTNOTE and note.n else kind
        kind = f"{note.reader_label}, {kind}" if note.number else kind
        label = f"{kind} on {passage_label(passage)}" if passage is not None else kind
        fragment = row["note__xml_id"]
    else:
        gloss = Gloss(public_id=row["gloss__public_id"], body_html=row["gloss__body_html"])
        view, text = TextView.READING, gloss_text(gloss)
        draft = "" if row["published"] else "draft "
        label = f"{draft}gloss on {passage_label(passage)}" if passage is not None else f"{draft}gloss"
        fragment = gloss.anchor_id
    marked = marker.marks(text)
    words = list(dict.fromkeys([text[start:end] for start, end in marked] + marker.words))[:8]
    return Hit(document, row["kind"], label, landing_url(base, view, words, fragment), snippet(text, marked), view)
