"""One search, start to finish: parse, count and facet, one page of hits, did-you-mean."""

import math
from dataclasses import dataclass, field
from datetime import date

from ..vocabulary import DocumentKind
from . import engine as engines
from .analysis import fold
from .engine import engine_for
from .index import abbreviations
from .query import parse
from .results import hits_for

PAGE_SIZE = 20
# The person facet joins every hit to the persons it mentions: worth it for a search a reader
# can still read through, not for a word in every passage.
PERSON_FACET_MAX_HITS = 1000
PAGER_WINDOW = 2  # pages either side of the current one (the pager never grows with the hits)


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""  # this facet chosen (or, when chosen, dropped), the rest of the search kept


@dataclass
class Results:
    query: object
    count: int = 0
    number: int = 1
    num_pages: int = 0
    groups: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    kinds: list = field(default_factory=list)
    persons: list = field(default_factory=list)
    first_date: object = None
    last_date: object = None
    suggestion: str = ""
    page_out_of_range: bool = False
    capped: bool = False  # more hits than HIT_CAP: the count is "more than", facets show no counts
    cap: int = 0
    persons_limit: int = 0

    @property
    def start_index(self):
        return (self.number - 1) * PAGE_SIZE + 1 if self.count else 0

    @property
    def end_index(self):
        return min(self.count, self.number * PAGE_SIZE)

    @property
    def pages(self):
        """The page numbers the pager shows: first, last, and a window around this one (None: a gap)."""
        shown = sorted({1, self.num_pages, *range(self.number - PAGER_WINDOW, self.number + PAGER_WINDOW + 1)})
        shown = [n for n in shown if 1 <= n <= self.num_pages]
        pages, previous = [], 0
        for n in shown:
            if n > previous + 1:
                pages.append(None)
            pages.append(n)
            previous = n
        return pages


DOCUMENT_FACETS = {DocumentKind.EDITION: "The telegram", DocumentKind.CORPUS: "The FRUS letters"}
KIND_FACETS = {"text": "Text", "note": "Notes", "gloss": "Glosses"}


def as_date(value):
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def page_number(raw):
    try:
        return max(1, int(str(raw)[:9]))
    except (TypeError, ValueError):
        return 1


def search(text, filters, page=1):
    """Results for what the reader typed, under the facets chosen, at one page."""
    expansions = abbreviations()
    query = parse(text, expansions)
    results = Results(query)
    if not query.searchable:
        return results
    engine = engine_for(query)
    cells = engine.cells(filters)
    by_scope, by_kind, dates = {}, {}, []
    for document_kind, kind, count, first, last in cells:
        if not filters.kind or kind == filters.kind:
            by_scope[document_kind] = by_scope.get(document_kind, 0) + count
        if not filters.scope or document_kind == filters.scope:
            by_kind[kind] = by_kind.get(kind, 0) + count
            if (not filters.kind or kind == filters.kind) and first:
                dates += [first, last]
        if (not filters.scope or document_kind == filters.scope) and (not filters.kind or kind == filters.kind):
            results.count += count
    results.documents = [
        Facet(v, label, by_scope.get(v, 0), v == filters.scope) for v, label in DOCUMENT_FACETS.items()
    ]
    results.kinds = [
        Facet(v, label, by_kind.get(v, 0), v == filters.kind)
        for v, label in KIND_FACETS.items()
        if by_kind.get(v) or v == filters.kind
    ]
    dates = [as_date(d) for d in dates]  # SQLite hands back ISO strings from raw SQL
    results.first_date, results.last_date = (min(dates), max(dates)) if dates else (None, None)
    results.cap = engines.HIT_CAP
    common = sum(cell[2] for cell in cells) > results.cap
    if common:
        # The facets counted a sample. Under a scope or kind, the count under every filter is checked on
        # its own, capped too; without, the cells counted exactly those hits (HIT_CAP + 1 at most).
        if filters.scope or filters.kind:
            results.count = engine.count(filters)
        results.capped = results.count > results.cap
        results.count = min(results.count, results.cap)
    results.num_pages = math.ceil(results.count / PAGE_SIZE)
    results.number = page
    if results.num_pages and page > results.num_pages:
        results.number, results.page_out_of_range = results.num_pages, True
    results.persons_limit = PERSON_FACET_MAX_HITS
    if results.count:
        # A word in more than HIT_CAP passages ("the") is not ranked: its score says little, and bm25
        # on SQLite counts every passage holding the word (its idf) however few hits the page reads.
        ids = engine.page(filters, (results.number - 1) * PAGE_SIZE, PAGE_SIZE, ranked=not common)
        results.groups = hits_for(ids, query, expansions)
    if results.count and (results.count <= PERSON_FACET_MAX_HITS or filters.person_id):
        results.persons = [Facet(key, name, n, pk == filters.person_id) for pk, key, name, n in engine.persons(filters)]
    results.suggestion = did_you_mean(query, engine)
    return results


def did_you_mean(query, engine):
    """The query with each word the corpus never uses replaced by its nearest word that it does."""
    words = {}
    for clause in query.wanted:
        if clause.prefix:
            continue
        for word in clause.text.replace('"', " ").split():
            folded = fold(word).strip(".,;:!?'()")
            if len(folded) >= 4 and folded.isalpha():
                words[word] = folded
    if not words:
        return ""
    known = engine.known_words(sorted(set(words.values())))
    replaced, changed = query.text, False
    for word, folded in words.items():
        if folded in known:
            continue
        candidates = engine.similar_words(folded)
        if candidates:
            better = candidates[0]
            better = (
                better.capitalize()
                if word[:1].isupper() and not word.isupper()
                else better.upper()
                if word.isupper()
                else better
            )
            replaced, changed = replaced.replace(word, better), True
    return replaced if changed else ""
