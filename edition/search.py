"""Full-text search over the edition: passages (reading and diplomatic text) and notes.

Small corpus, plain database lookups: every word of the query must occur
(case-insensitive); a query in double quotes is one phrase. Searching the
diplomatic text too means a historian who types the OCR's "DISTANTLING" still
finds the passage, and is taken to the diplomatic view where that word stands.
"""

import re
import shlex
from dataclasses import dataclass
from html import escape

from django.db.models import Q

from .models import Note, Passage

SNIPPET_CONTEXT = 90  # characters either side of the first match


@dataclass
class Hit:
    document: object
    url: str
    where: str  # "passage para-4, page 2" / "note"
    text: str
    terms: list
    view: str

    @property
    def snippet(self):
        """HTML, the query's words in <mark>: made only for the hits a page shows."""
        return snippet(self.text, self.terms)


def terms_of(query):
    """Words and "quoted phrases" of a query."""
    try:
        parts = shlex.split(query)
    except ValueError:  # an unbalanced quote: take the words as they are
        parts = query.replace('"', " ").split()
    return [p for p in (part.strip() for part in parts) if p][:8]


def all_terms(field, terms):
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__icontains": term})
    return condition


def snippet(text, terms):
    """About 180 characters around the first match, with every term marked."""
    lower = text.lower()
    first = min((i for i in (lower.find(t.lower()) for t in terms) if i >= 0), default=0)
    start = max(0, first - SNIPPET_CONTEXT)
    end = min(len(text), first + SNIPPET_CONTEXT)
    if start > 0:
        start = text.find(" ", start, first) + 1 or start
    piece = text[start:end]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    marked, position = [], 0
    for match in pattern.finditer(piece):
        marked.append(escape(piece[position : match.start()]))
        marked.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    marked.append(escape(piece[position:]))
    return ("…" if start > 0 else "") + "".join(marked) + ("…" if end < len(text) else "")


def search(query, scope="all"):
    """Hits for a query, edition first, then the corpus in volume order."""
    terms = terms_of(query)
    if not terms:
        return []
    # The stored HTML and the long header are not needed to list hits.
    heavy = ("reading_html", "diplomatic_html", "document__header_html", "page__transcription_html")
    passages = (
        Passage.objects.select_related("document", "page")
        .defer(*heavy)
        .filter(all_terms("reading_text", terms) | all_terms("diplomatic_text", terms))
    )
    notes = Note.objects.select_related("document").defer("html", "document__header_html").filter(all_terms("text", terms))
    if scope in ("edition", "corpus"):
        passages = passages.filter(document__kind=scope)
        notes = notes.filter(document__kind=scope)
    hits = []
    for passage in passages:
        in_reading = all(t.lower() in passage.reading_text.lower() for t in terms)
        view = "reading" if in_reading else "diplomatic"
        text = passage.reading_text if in_reading else passage.diplomatic_text
        page = f", page {passage.page.n}" if passage.page else ""
        url = passage.document.get_absolute_url() + ("" if in_reading else "?view=diplomatic") + f"#{passage.xml_id}"
        hits.append(Hit(passage.document, url, f"passage {passage.xml_id}{page}", text, terms, view))
    for note in notes:
        url = f"{note.document.get_absolute_url()}#{note.xml_id}"
        hits.append(Hit(note.document, url, f"{note.get_kind_display().lower()} {note.xml_id}", note.text, terms, "reading"))
    # The telegram first, then the volume in its order; within a document, passages before notes.
    hits.sort(key=lambda hit: (hit.document.kind != "edition", hit.document.collection, hit.document.order))
    return hits
