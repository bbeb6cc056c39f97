"""Running a search in the database: SQLite FTS5 or PostgreSQL full-text, same answers.

Counting, faceting, ranking and paging all happen in SQL, over at most HIT_CAP matching
rows; Python only ever sees the ids of the one page of hits it shows. Ranking is bm25 on SQLite and ts_rank_cd on
PostgreSQL, the reading text weighing most, then persons' names, then the diplomatic
text; the telegram comes before the FRUS letters. A word found in more than HIT_CAP rows is shown
in the edition's order instead (service.search), so no search reads a frequent word's whole index.
"""

from dataclasses import dataclass
from datetime import date

from django.db import connection

from .analysis import similarity
from .query import fts5_expression, tsquery_expression

PERSON_FACET_SIZE = 12
# A search reads at most this many matching rows: counts above it are "more than", and only
# these are ranked and paged. A word in nearly every passage ("the") then costs what 2,000 hits
# cost, however large the corpus; a reader narrows such a search with more words or the facets.
HIT_CAP = 2000


@dataclass
class Filters:
    scope: str = ""  # "", "edition" or "corpus"
    kind: str = ""  # "", "text", "note" or "gloss"
    date_from: date | None = None
    date_to: date | None = None
    person_id: int | None = None
    drafts: bool = False  # editors find draft glosses too


class Engine:
    """The SQL one vendor needs; the rest is shared."""

    def __init__(self, query):
        self.query = query

    def where(self, filters, skip=()):
        sql, params = [], []
        if not filters.drafts:
            sql.append("e.published = %s")
            params.append(True)
        if filters.scope and "scope" not in skip:
            sql.append("e.document_kind = %s")
            params.append(filters.scope)
        if filters.kind and "kind" not in skip:
            sql.append("e.kind = %s")
            params.append(filters.kind)
        if filters.date_from:
            sql.append("e.date_sort >= %s")
            params.append(filters.date_from)
        if filters.date_to:
            sql.append("e.date_sort <= %s")
            params.append(filters.date_to)
        if filters.person_id:
            sql.append(
                "e.passage_id IN (SELECT o.passage_id FROM edition_occurrence o JOIN edition_entity en"
                " ON en.id = o.entity_id WHERE en.id = %s OR en.same_as_id = %s)"
            )
            params += [filters.person_id, filters.person_id]
        return "".join(f" AND {s}" for s in sql), params

    def fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    occurrences_of_hits = "JOIN edition_occurrence o ON o.passage_id = h.passage_id"

    # Did-you-mean's candidates for a misspelt word. Misspellings keep their first letter far more often
    # than not, and their length within two letters: compare with those words only, read as a range of
    # the unique index on word (a LIKE 'q%' would read the whole vocabulary; so did pg_trgm's % alone,
    # which the planner answered with a scan of every word).
    candidates = "word >= %s AND word < %s AND length(word) BETWEEN %s AND %s"

    @staticmethod
    def candidate_params(word):
        return [word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2]

    def known_words(self, words):
        """Which of these (folded) words the corpus uses."""
        if not words:
            return set()
        marks = ", ".join(["%s"] * len(words))
        return {row[0] for row in self.fetch(f"SELECT word FROM edition_searchword WHERE word IN ({marks})", [*words])}

    def hits(self, filters, skip=(), scored=False):
        """The matching rows, at most HIT_CAP + 1 of them, with their score (lower is better):
        every query below reads this capped set, so no search costs more than HIT_CAP rows."""
        where, params = self.where(filters, skip)
        sql = (
            f"SELECT e.id, e.document_kind, e.kind, e.date_sort, e.passage_id, {self.score if scored else 0} AS score"
            f" FROM {self.source} WHERE {self.match}{where} LIMIT {HIT_CAP + 1}"
        )
        return sql, [*(self.score_params if scored else []), self.expression, *params]

    def cells(self, filters):
        """(document kind, entry kind, hits, first date, last date) under every filter but scope and kind:
        the document and kind facets, and the count, from one pass."""
        hits, params = self.hits(filters, skip=("scope", "kind"))
        return self.fetch(
            "SELECT document_kind, kind, COUNT(*), MIN(date_sort), MAX(date_sort)"
            f" FROM ({hits}) h GROUP BY document_kind, kind",
            params,
        )

    def count(self, filters):
        hits, params = self.hits(filters)
        return self.fetch(f"SELECT COUNT(*) FROM ({hits}) h", params)[0][0]

    def persons(self, filters):
        """(person entity id, key, name, hits) for the persons most present in the hits."""
        hits, params = self.hits(filters)
        return self.fetch(
            "SELECT p.id, p.key, p.name, top.n FROM ("
            f"SELECT COALESCE(en.same_as_id, en.id) AS person, COUNT(DISTINCT h.id) AS n FROM ({hits}) h"
            f" {self.occurrences_of_hits}"
            " JOIN edition_entity en ON en.id = o.entity_id AND en.kind = 'person'"
            f" GROUP BY COALESCE(en.same_as_id, en.id) ORDER BY n DESC, person LIMIT {PERSON_FACET_SIZE}"
            ") top JOIN edition_entity p ON p.id = top.person ORDER BY top.n DESC, p.id",
            params,
        )

    def page(self, filters, offset, limit, ranked=True):
        """Ids of one page of hits, best first (the telegram before the letters); unranked, in the
        edition's order (the telegram first): see service.search for when."""
        hits, params = self.hits(filters, scored=ranked)
        rows = self.fetch(
            f"SELECT id FROM ({hits}) h"
            " ORDER BY CASE WHEN document_kind = 'edition' THEN 0 ELSE 1 END, score, id LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in rows]


class SQLiteEngine(Engine):
    source = "edition_search_fts JOIN edition_searchentry e ON e.id = edition_search_fts.rowid"
    match = "edition_search_fts MATCH %s"
    score = "bm25(edition_search_fts, 1.0, 0.5, 0.3)"
    score_params = []

    @property
    def expression(self):
        return fts5_expression(self.query)

    def similar_words(self, word):
        rows = self.fetch(f"SELECT word FROM edition_searchword WHERE {self.candidates}", self.candidate_params(word))
        scored = ((similarity(word, w), w) for (w,) in rows)
        return [w for s, w in sorted(scored, key=lambda sw: (-sw[0], sw[1])) if s >= 0.3][:3]


class PostgreSQLEngine(Engine):
    source = "edition_searchentry e"
    # Per hit, through the index on passage_id: the planner otherwise hashes every occurrence
    # of the corpus (a sequential scan that grows with it) to join a few hundred hits. OFFSET 0
    # keeps the subquery a subquery: without it the planner flattens it into that very hash join
    # (15 ms for 90 hits at 30 volumes, growing with the corpus).
    occurrences_of_hits = (
        "CROSS JOIN LATERAL (SELECT o.entity_id FROM edition_occurrence o WHERE o.passage_id = h.passage_id OFFSET 0) o"
    )
    match = "e.search_vector @@ to_tsquery('simple', %s)"
    # Weights {D, C, B, A}: diplomatic text, (unused), names, reading text; negated, so lower is better.
    score = "-ts_rank_cd('{0.3, 0.2, 0.5, 1.0}', e.search_vector, to_tsquery('simple', %s))"

    @property
    def score_params(self):
        return [self.expression]

    @property
    def expression(self):
        return tsquery_expression(self.query)

    def similar_words(self, word):
        rows = self.fetch(
            f"SELECT word FROM edition_searchword WHERE {self.candidates} AND word %% %s"
            " ORDER BY similarity(word, %s) DESC, word LIMIT 3",
            [*self.candidate_params(word), word, word],
        )
        return [row[0] for row in rows]


def engine_for(query):
    return PostgreSQLEngine(query) if connection.vendor == "postgresql" else SQLiteEngine(query)
