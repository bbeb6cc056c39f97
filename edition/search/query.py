"""What a reader types, understood: words, "phrases", prefixes (quarant*) and -exclusions.

The reader's text never reaches an engine's query language: it is cut into terms by
the same analyzer as the index (only [a-z0-9] survive), and each engine's query is
built from those terms. So quotes left open, FTS operators (NEAR( AND "), control
characters and NUL bytes are just text.
"""

import re
from dataclasses import dataclass, field

from .analysis import DESIGNATOR_PARTS, fold, spans

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 10
SPACED_DESIGNATOR = re.compile(r"^([^\W\d_]{1,5})\s+(\d+)(?:['’]?s)?$", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Clause:
    """One thing the reader asked for: any of its alternatives (each a phrase of terms) must match."""

    text: str  # as typed, for messages and highlighting
    alternatives: list  # [(term, term, ...), ...]
    prefix: bool = False
    excluded: bool = False


@dataclass
class Query:
    text: str
    clauses: list = field(default_factory=list)
    truncated: bool = False

    @property
    def wanted(self):
        return [c for c in self.clauses if not c.excluded]

    @property
    def excluded(self):
        return [c for c in self.clauses if c.excluded]

    @property
    def searchable(self):
        return bool(self.wanted)

    @property
    def terms(self):
        """Every term the reader wants (what snippets mark): exact terms, and prefixes."""
        exact, prefixes = set(), set()
        for clause in self.wanted:
            for alternative in clause.alternatives:
                (prefixes if clause.prefix else exact).update(alternative)
        return exact, prefixes

    @property
    def words(self):
        """The words typed, for the landing page to highlight."""
        return [c.text for c in self.wanted]


def clean(text):
    """The query as it will be shown and searched: no control characters, bounded length."""
    text = CONTROL.sub(" ", text or "").strip()
    return text[:MAX_QUERY_CHARS].strip(), len(text) > MAX_QUERY_CHARS


def pieces(text):
    """("-"?, quoted?, text) for each phrase or word; an unbalanced quote runs to the end."""
    for match in re.finditer(r'(-?)"([^"]*)"?|(-?)(\S+)', text):
        if match.group(2) is not None:
            yield match.group(1) == "-", True, match.group(2)
        else:
            yield match.group(3) == "-", False, match.group(4)


def parse(text, abbreviations=None):
    text, truncated = clean(text)
    query = Query(text, truncated=truncated)
    raw = list(pieces(text))
    # "IL 28" typed as two words is also the one term il28.
    merged, i = [], 0
    while i < len(raw):
        excluded, quoted, piece = raw[i]
        if not quoted and i + 1 < len(raw) and not raw[i + 1][1] and not raw[i + 1][0]:
            pair = f"{piece} {raw[i + 1][2]}"
            if SPACED_DESIGNATOR.match(pair):
                merged.append((excluded, True, pair))
                i += 2
                continue
        merged.append((excluded, quoted, piece))
        i += 1
    for excluded, quoted, piece in merged:
        prefix = not quoted and piece.endswith("*") and len(piece.rstrip("*")) >= 2
        if prefix:
            terms = (fold(re.sub(r"[^\w]", "", piece)),)
            if not terms[0]:
                continue
            alternatives = [terms]
        else:
            terms = tuple(t for span in spans(piece, abbreviations) for t in span.terms)
            if not terms:
                continue
            alternatives = [terms]
            spaced = SPACED_DESIGNATOR.match(piece.strip())
            if spaced:
                letters, digits = spaced.groups()
                alternatives = [(fold(letters) + digits,), terms]
            elif len(terms) == 1 and DESIGNATOR_PARTS.fullmatch(terms[0]) and not terms[0].isalpha():
                letters, digits = DESIGNATOR_PARTS.fullmatch(terms[0]).groups()
                if letters and digits:
                    alternatives = [terms, (letters, digits)]  # IL-28 also finds "IL 28" typed apart
        query.clauses.append(Clause(piece, alternatives, prefix=prefix, excluded=excluded))
        if len(query.clauses) >= MAX_CLAUSES:
            query.truncated = query.truncated or len(merged) > MAX_CLAUSES
            break
    return query


def found_in(query, *term_texts):
    """Whether analyzed texts (an index row's columns, terms separated by spaces) hold every clause the
    reader wants, each within one text: the engines' match, for rows already found. A hit found in the
    reading text or the names opens the reading view, else the diplomatic one; deciding it here, on the
    row the page reads anyway, costs nothing, where asking FTS5 again read the term's whole doclist."""
    padded = [f" {text} " for text in term_texts]

    def holds(clause):
        for terms in clause.alternatives:
            phrase = " " + " ".join(terms)
            if any((phrase if clause.prefix else phrase + " ") in text for text in padded):
                return True
        return False

    return all(holds(clause) for clause in query.wanted)


def fts5_expression(query):
    """SQLite FTS5 MATCH expression: every token quoted, so no operator comes from the reader."""

    def alternative(terms, prefix):
        return '"' + " ".join(terms) + '"' + (" *" if prefix else "")

    def clause(c):
        return "(" + " OR ".join(alternative(a, c.prefix) for a in c.alternatives) + ")"

    expression = " AND ".join(clause(c) for c in query.wanted)
    if query.excluded:
        expression = f"({expression}) NOT (" + " OR ".join(clause(c) for c in query.excluded) + ")"
    return expression


def tsquery_expression(query):
    """PostgreSQL to_tsquery('simple', …) text: the same clauses with & | ! <-> and :*."""

    def alternative(terms, prefix):
        return "(" + " <-> ".join(terms) + (":*" if prefix else "") + ")"

    def clause(c):
        return "(" + " | ".join(alternative(a, c.prefix) for a in c.alternatives) + ")"

    parts = [clause(c) for c in query.wanted] + ["!" + clause(c) for c in query.excluded]
    return " & ".join(parts)
