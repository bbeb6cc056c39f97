"""How text becomes search terms: one analyzer for the index and the query, on both databases.

Both SQLite (FTS5) and PostgreSQL index the terms this module makes, not the raw
text, so the two engines find exactly the same passages:

- case and accents are folded; possessives dropped ("Pres's" is "pres");
- designators are one term however they are typed: IL-28, IL28, IL-28s, IL-28'S
  all become "il28" (a query "IL 28" also tries the two words side by side);
- a cable abbreviation stands for its expansion ("GOVT" and "government" are one
  term), taken from the abbreviations the TEI encodes (Entity rows);
- English words are stemmed (Snowball), so "verify" finds "verification".
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# A run of letters and digits, with inner hyphens and apostrophes: IL-28'S, PRES'S, long-term.
TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Letters then digits, with or without a hyphen, and an optional plural: IL-28, U-2, MIG21, IL-28'S.
DESIGNATOR = re.compile(r"([^\W\d_]{1,5})-?(\d+)(?:['’]?[sS])?")
DESIGNATOR_PARTS = re.compile(r"([^\W\d_]+)-?(\d+)")

_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Span:
    """A word of a text, where it stands and the terms it is indexed as."""

    start: int
    end: int
    surface: str
    terms: tuple


class Expansions(dict):
    """Abbreviation (folded) -> expansion; hashable by identity, so analyzed words can be cached per vocabulary."""

    __hash__ = object.__hash__


def fold(text):
    """Lower case, accents off, curly apostrophes straight."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=50_000)
def stem(word):
    stemmed = _stemmer.stemWord(word)
    # Snowball gives "verifi" for verify but "verif" for verification: one stem for both.
    if len(stemmed) > 4 and stemmed.endswith("i"):
        stemmed = stemmed[:-1]
    return stemmed


@lru_cache(maxsize=200_000)
def token_terms(token, abbreviations):
    """((start, end, terms), ...) for the words of one token, offsets within it."""
    designator = DESIGNATOR.fullmatch(token)
    if designator:
        return ((0, len(token), (fold(designator.group(1)) + designator.group(2),)),)
    if "-" not in token:
        terms = word_terms(token, abbreviations)
        return ((0, len(token), terms),) if terms else ()
    found, position = [], 0
    for part in token.split("-"):
        terms = word_terms(part, abbreviations)
        if terms:
            found.append((position, position + len(part), terms))
        position += len(part) + 1
    return tuple(found)


@lru_cache(maxsize=200_000)
def word_terms(surface, abbreviations):
    """The terms of one word: its abbreviation's expansion, or its stem."""
    folded = fold(surface)
    if abbreviations and (surface.isupper() or len(folded) > 2):
        expansion = abbreviations.get(folded)
        if expansion is None and folded.endswith("'s"):
            expansion = abbreviations.get(folded[:-2])
        if expansion is not None:
            return tuple(t for span in spans(expansion) for t in span.terms)
    if folded.endswith("'s"):
        folded = folded[:-2]
    folded = folded.replace("'", "")
    return (stem(folded),) if folded else ()


def spans(text, abbreviations=None):
    """Every word of a text with its terms (what the index holds and snippets mark)."""
    found = []
    for match in TOKEN.finditer(text):
        base = match.start()
        for start, end, terms in token_terms(match.group(0), abbreviations or None):
            found.append(Span(base + start, base + end, text[base + start : base + end], terms))
    return found


def analyze(text, abbreviations=None):
    """The terms of a text, space-separated, in order: what both engines index."""
    abbreviations = abbreviations or None
    return " ".join(
        term for token in TOKEN.findall(text) for _, _, terms in token_terms(token, abbreviations) for term in terms
    )


def surface_words(text):
    """Words as a reader spells them (folded), for the did-you-mean vocabulary."""
    return {fold(m.group(0)).replace("'", "") for m in re.finditer(r"[^\W\d_]{4,}(?:['’][^\W\d_]+)*", text)}


@lru_cache(maxsize=8192)
def trigrams(word):
    """pg_trgm's trigrams of one word (two spaces before, one after), for the same similarity on SQLite.
    Kept per process: did-you-mean compares a misspelling with the same few hundred words each time."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a, b):
    ta, tb = trigrams(a), trigrams(b)
    shared = len(ta & tb)
    return shared / (len(ta) + len(tb) - shared) if ta and tb else 0.0
