"""Hits as a reader sees them: a human label ("¶ 4, p. 2", "note 12"), a link that opens the
right view and highlights the words, and a snippet with the matched words marked. Passage
labels come from the import (Passage.reader_label, Note.reader_label)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.html import format_html, format_html_join

from ..vocabulary import NoteKind, TextView, note_label
from .analysis import TOKEN, Span, spans, token_terms
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


def passage_label(passage):
    """ "¶ 4, p. 2", "item (1), p. 2", "stamp, p. 3": never an id (Passage.reader_label, made at import)."""
    return passage.reader_label if passage is not None else "the document"


def in_sentence(label):
    """ "Editorial note" -> "editorial note", "OCR correction" stays."""
    return label if label.split()[0].isupper() else label[0].lower() + label[1:]


def is_wanted(terms, query):
    exact, prefixes = query.terms
    return any(t in exact or any(t.startswith(p) for p in prefixes) for t in terms)


def marked_spans(text, query, expansions):
    """The wanted words around the first one: analyzing a long passage stops at its first hit,
    then only the snippet's window is analyzed."""
    first = next(
        (
            m.start()
            for m in TOKEN.finditer(text)
            if any(is_wanted(terms, query) for _, _, terms in token_terms(m.group(0), expansions or None))
        ),
        None,
    )
    if first is None:
        return []
    start = max(0, first - SNIPPET_CONTEXT - 40)
    window = text[start : first + SNIPPET_CONTEXT + 40]
    return [
        Span(s.start + start, s.end + start, s.surface, s.terms)
        for s in spans(window, expansions)
        if is_wanted(s.terms, query)
    ]


def snippet(text, marked):
    """About 180 characters around the first marked word, every marked word in <mark>."""
    first = marked[0].start if marked else 0
    start, end = max(0, first - SNIPPET_CONTEXT), min(len(text), first + SNIPPET_CONTEXT)
    if start > 0:
        start = text.find(" ", start, first) + 1 or start
    if end < len(text):
        end = text.rfind(" ", first, end) if text.rfind(" ", first, end) > first else end
    inside = [s for s in marked if s.start >= start and s.end <= end]
    pieces, position = [], start
    for s in inside:
        pieces.append((text[position : s.start], text[s.start : s.end]))
        position = s.end
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


def hits_for(ids, in_reading, query, expansions):
    """The page's hits, in rank order, grouped by document (each document once, at its best hit)."""
    entries = {
        e.id: e
        for e in SearchEntry.objects.filter(id__in=ids)
        .select_related("document", "passage__page", "note__passage__page", "gloss")
        .defer(
            "document__header_html",
            "passage__reading_html",
            "passage__diplomatic_html",
            "passage__page__transcription_html",
            "note__html",
            "note__passage__reading_html",
            "note__passage__diplomatic_html",
            "note__passage__page__transcription_html",
        )
    }
    ordered = [entries[i] for i in ids if i in entries]
    groups = {}
    for entry in ordered:
        hit = make_hit(entry, entry.id in in_reading, query, expansions)
        groups.setdefault(entry.document_id, DocumentHits(entry.document)).hits.append(hit)
    return list(groups.values())


def make_hit(entry, in_reading, query, expansions):
    document = entry.document
    base = document.get_absolute_url()
    if entry.kind == SearchEntry.Kind.TEXT:
        passage = entry.passage
        view = TextView.READING if in_reading else TextView.DIPLOMATIC
        text = passage.reading_text if in_reading else passage.diplomatic_text
        label, fragment = passage_label(passage), passage.xml_id
    elif entry.kind == SearchEntry.Kind.NOTE:
        note, view, text = entry.note, TextView.READING, entry.note.text
        kind = in_sentence(note_label(note.kind))
        kind = f"{kind} {note.n}" if note.kind == NoteKind.FOOTNOTE and note.n else kind
        kind = f"{note.reader_label}, {kind}" if note.number else kind
        label = f"{kind} on {passage_label(note.passage)}" if note.passage else kind
        fragment = note.xml_id
    else:
        gloss, view = entry.gloss, TextView.READING
        text = gloss_text(gloss)
        draft = "" if entry.published else "draft "
        passage = entry.passage
        label = f"{draft}gloss on {passage_label(passage)}" if passage else f"{draft}gloss"
        fragment = gloss.anchor_id
    marked = marked_spans(text, query, expansions)
    words = list(dict.fromkeys([s.surface for s in marked] + [w for w in query.words if "*" not in w]))[:8]
    return Hit(document, entry.kind, label, landing_url(base, view, words, fragment), snippet(text, marked), view)
