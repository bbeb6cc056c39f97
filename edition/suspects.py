"""Suspect words: a review queue of likely OCR errors in a document's diplomatic text.

A word is suspect when no lexicon knows it and nothing marks it already (it is
not the `sic` of an OCR correction, nor an abbreviation). Besides unknown words,
four OCR patterns that a lexicon alone cannot see are looked for:

- a word split by a space ("GOVERN MENT"): two tokens whose join is an attested
  word, while the pair itself never occurs in the corpus;
- letters standing alone in a row ("M Y"): a word broken into fragments;
- two words that are really one misread word ("OFFER FIVE" for a word the
  document uses elsewhere): their join is one or two edits from that word;
- a broken member of a stamped series ("CUT-710/4" among "CU-710/3",
  "CU-936"): a code whose letters differ by one edit, or by case, from the
  letters of a series the document repeats.

Each suspect comes with suggestions ranked by a weighted edit distance in which
the OCR confusion pairs (data/ocr-confusions.tsv) cost less than other edits, by
the word's frequency in the corpus and in the document itself, and by whether
the corpus attests it beside the same neighbour.

The core (tokens, Lexicon, find_suspects, suggest) is plain Python over plain
text and can run on any OCR'd text; the functions at the end read the database
(the lexicon's run-time parts, a document's passages, editors' decisions).
"""

import gzip
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

DATA = Path(__file__).resolve().parent / "data"
ENGLISH_WORDS = DATA / "lexicon" / "english-words.txt.gz"
CONFUSIONS = DATA / "ocr-confusions.tsv"
SPACE_MARK = "␣"  # how the confusions file writes a space
ANY_LETTER = "?"  # ... and any one letter

MAX_SUGGESTIONS = 5
# An edit not in the confusion table; a confusion pair costs its own (lower) figure.
EDIT_COST = 1.0
# Suggestions further than this (weighted) from the suspect are not offered.
MAX_COST = 2.5
# How far the letters of a code may be from those of a series the document repeats.
SERIES_COST = 1.5


# ---------------------------------------------------------------------------
# Data files


@lru_cache(maxsize=1)
def english_words():
    with gzip.open(ENGLISH_WORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


@dataclass(frozen=True)
class Confusion:
    ocr: str  # what the OCR read
    typed: str  # what was typed
    cost: float


@lru_cache(maxsize=1)
def confusions():
    pairs = []
    for line in CONFUSIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ocr, typed, cost = line.split("\t")
        pairs.append(Confusion(ocr.replace(SPACE_MARK, " "), typed.replace(SPACE_MARK, " "), float(cost)))
    return tuple(pairs)


# ---------------------------------------------------------------------------
# Tokens

LEADING_PUNCTUATION = "\"'([{“‘«•*"
TRAILING_PUNCTUATION = "\"')]}.,;:!?”’»*"
POSSESSIVE = re.compile(r"['’][sS]$")
LETTER = re.compile(r"[^\W\d_]")
DIGIT = re.compile(r"\d")
# Words for counting a vocabulary: runs of letters, with inner apostrophes.
VOCABULARY_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Token:
    text: str  # as the text reads it, surrounding punctuation stripped
    start: int  # offsets in the passage text
    end: int
    kind: str  # "word" (letters, hyphens, slashes, apostrophes), "code" (letters and digits), "other"

    @property
    def key(self):
        """The form looked up: lower case, possessive dropped, a line-end hyphen joined."""
        text = POSSESSIVE.sub("", self.text)
        text = re.sub(r"-\s+", "", text)  # "RECONNAIS- SANCE"
        return text.lower()

    @property
    def single_letter(self):
        return self.kind == "word" and len(self.key) == 1


def tokens(text):
    """The tokens of a passage, in order. Numbers, dates and marks are kept (kind "other")
    for context, but never become suspects."""
    found = []
    for match in re.finditer(r"\S+", text):
        raw, start = match.group(), match.start()
        stripped = raw.lstrip(LEADING_PUNCTUATION)
        start += len(raw) - len(stripped)
        stripped = stripped.rstrip(TRAILING_PUNCTUATION)
        if not stripped:
            continue
        has_letter, has_digit = bool(LETTER.search(stripped)), bool(DIGIT.search(stripped))
        kind = "code" if has_letter and has_digit else "word" if has_letter else "other"
        if kind == "code" and looks_like_a_word(stripped):
            kind = "word"  # "0FFICIAL": a digit read for a letter
        if kind == "word" and not WORD_SHAPE.fullmatch(LOOKALIKE_DIGITS.sub("a", stripped)):
            kind = "other"  # symbols mixed in: not a word to spell-check
        found.append(Token(stripped, start, start + len(stripped), kind))
    return join_line_end_hyphens(found, text)


# Digits an OCR reads for letters (0/O, 1/l, 5/S, 8/B: see data/ocr-confusions.tsv).
LOOKALIKE_DIGITS = re.compile(r"[0158]")
WORD_SHAPE = re.compile(r"[^\W\d_]+(?:['’/-][^\W\d_]+)*['’]?-?")


def looks_like_a_word(text):
    """A long run of letters with a look-alike digit or two in it, never a code like "IL-28" or "B-52"."""
    letters = len(LETTER.findall(text))
    digits = len(DIGIT.findall(text))
    return (
        digits <= 2
        and letters >= 4 * digits
        and not DIGIT.search(LOOKALIKE_DIGITS.sub("", text))
        and not re.search(r"\d[-/]|[-/]\d", text)  # "5-year", "B-52": a number joined to a word
        and WORD_SHAPE.fullmatch(LOOKALIKE_DIGITS.sub("a", text)) is not None
    )


def join_line_end_hyphens(found, text):
    """A word divided at line end ("RECONNAIS- SANCE") is one word."""
    joined = []
    for token in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == "word"
            and previous.text.endswith("-")
            and token.kind == "word"
            and token.text[:1].isalpha()
        ):
            joined[-1] = Token(text[previous.start : token.end], previous.start, token.end, "word")
        else:
            joined.append(token)
    return joined


def vocabulary_words(text):
    return [POSSESSIVE.sub("", word).lower() for word in VOCABULARY_WORD.findall(re.sub(r"-\s+", "", text))]


def context_form(token):
    """How a neighbour counts in bigrams: its key, or its shape if it holds digits (1964 -> 0000)."""
    if token is None:
        return None
    return DIGIT.sub("0", token.key) if token.kind != "word" else token.key


# ---------------------------------------------------------------------------
# Lexicon


@dataclass
class Lexicon:
    words: frozenset  # every known form, lower case
    frequency: Counter = field(default_factory=Counter)  # corpus word counts
    bigrams: Counter = field(default_factory=Counter)  # corpus (word, next word) counts; digits folded to 0

    @classmethod
    def build(cls, corpus_texts=(), names=(), base=None):
        """The English list, plus every word of the corpus texts and of the names
        (abbreviations, terms, persons, places), each name also whole ("RM/R")."""
        frequency, bigrams = Counter(), Counter()
        for text in corpus_texts:
            sequence = [context_form(t) for t in tokens(text) if t.kind != "other" or DIGIT.search(t.text)]
            # Single letters are left out: in a corpus they are mostly pieces of "p.m.", "U.S." or initials.
            frequency.update(word for word in vocabulary_words(text) if len(word) > 1 or word in "ai")
            bigrams.update(zip(sequence, sequence[1:], strict=False))
        words = set(english_words() if base is None else base) | set(frequency)
        for name in names:
            words.update(word for word in vocabulary_words(name) if len(word) > 1 or word in "ai")
            if name.strip() and " " not in name.strip():
                words.add(POSSESSIVE.sub("", name.strip()).lower())
        return cls(frozenset(words), frequency, bigrams)

    @cached_property
    def pool(self):
        """The known words as a list, for rapidfuzz to search for candidates."""
        return sorted(self.words)

    def knows(self, key):
        if key in self.words:
            return True
        parts = [part for part in re.split(r"[-/]", key) if part]
        return len(parts) > 1 and all(part in self.words for part in parts)

    def attested_pair(self, left, right):
        return self.bigrams[(left, right)] > 0


# ---------------------------------------------------------------------------
# Suggestions


@dataclass(frozen=True)
class Suggestion:
    text: str
    cost: float  # weighted edit cost from the suspect (before frequency and context)
    score: float  # what the ranking sorts on: lower is better


def weighted_distance(ocr, typed, pairs=None):
    """Edit distance from what the OCR read to a candidate, where a confusion pair
    (rn -> m, a stray space ...) costs less than an ordinary edit."""
    pairs = confusions() if pairs is None else pairs
    rows, cols = len(ocr) + 1, len(typed) + 1
    table = [[0.0] * cols for _ in range(rows)]
    for i in range(1, rows):
        table[i][0] = i * EDIT_COST
    for j in range(1, cols):
        table[0][j] = j * EDIT_COST
    for i in range(1, rows):
        for j in range(1, cols):
            same = ocr[i - 1] == typed[j - 1]
            best = min(
                table[i - 1][j] + EDIT_COST,
                table[i][j - 1] + EDIT_COST,
                table[i - 1][j - 1] + (0.0 if same else EDIT_COST),
            )
            for pair in pairs:
                a, b = len(pair.ocr), len(pair.typed)
                if a > i or b > j or ocr[i - a : i] != pair.ocr:
                    continue
                if typed[j - b : j] == pair.typed or (pair.typed == ANY_LETTER and typed[j - 1].isalpha()):
                    best = min(best, table[i - a][j - b] + pair.cost)
            table[i][j] = best
    return table[-1][-1]


def in_case_of(model, word):
    """The suggestion written as the suspect is: CAPITALS, Title or lower case."""
    letters = "".join(LETTER.findall(model))
    if letters.isupper():
        return word.upper()
    if letters[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@dataclass
class Context:
    """What the ranking knows beyond the lexicon: the document's own known words and the neighbours."""

    document_words: Counter = field(default_factory=Counter)
    left: str | None = None
    right: str | None = None


def suggest(words, lexicon, context=None, extra=()):
    """Ranked corrections for `words` (one token, or several with their spaces)."""
    context = context or Context()
    key = words.lower()
    joined = key.replace(" ", "")
    candidates = set(extra)
    # The document's own words count even where the lexicon knows them only in parts ("four-hour").
    for pool in (lexicon.pool, [word for word in context.document_words if word not in lexicon.words]):
        for probe in {key, joined}:
            found = process.extract(probe, pool, scorer=Levenshtein.distance, score_cutoff=2, limit=40)
            candidates.update(candidate for candidate, _distance, _index in found)
    for pair in confusions():  # multi-letter confusions can be more than 2 plain edits away
        if pair.ocr and pair.typed != ANY_LETTER and pair.ocr in joined:
            variant = joined.replace(pair.ocr, pair.typed)
            if variant in lexicon.words:
                candidates.add(variant)
    ranked = []
    for candidate in candidates:
        if candidate == key:
            continue
        cost = weighted_distance(key, candidate)
        if cost > MAX_COST or cost > max(1.0, len(joined) / 2):
            continue
        ranked.append(Suggestion(in_case_of(words, candidate), cost, rank_score(candidate, cost, lexicon, context)))
    ranked.sort(key=lambda suggestion: (suggestion.score, suggestion.text))
    return ranked[:MAX_SUGGESTIONS]


# What lowers (improves) a candidate's score besides its edit cost. A common word gains a little per
# order of magnitude; a word the document uses elsewhere, or one the corpus has beside the same
# neighbour ("MAY" before a year), gains about half an ordinary edit.
FREQUENCY_WEIGHT = 0.1
DOCUMENT_BONUS = 0.3
CONTEXT_BONUS = 0.4


def rank_score(candidate, cost, lexicon, context):
    frequency = lexicon.frequency[candidate] + context.document_words[candidate]
    score = cost - FREQUENCY_WEIGHT * math.log1p(frequency)
    if context.document_words[candidate]:
        score -= DOCUMENT_BONUS
    if (context.left and lexicon.attested_pair(context.left, candidate)) or (
        context.right and lexicon.attested_pair(candidate, context.right)
    ):
        score -= CONTEXT_BONUS
    return round(score, 3)


# ---------------------------------------------------------------------------
# The queue


@dataclass(frozen=True)
class PassageText:
    """What the core needs of a passage: plain diplomatic text, and spans already marked."""

    xml_id: str
    text: str
    furniture: bool = False
    marked: tuple = ()  # (start, end) spans of the text already marked: sic, abbreviations


@dataclass
class Suspect:
    passage: str  # the passage's xml:id
    furniture: bool
    words: str  # exactly as the text reads them
    start: int
    end: int
    why: str  # "unknown word", "split word", "broken word", "misread words", "series"
    suggestions: list

    @property
    def best(self):
        return self.suggestions[0].text if self.suggestions else ""

    def prefill(self):
        """What the "Mark an OCR error" form starts from when an editor accepts this suspect."""
        return {
            "passage": self.passage,
            "words": self.words,
            "start": self.start,
            "end": self.end,
            "correction": self.best,
        }


def find_suspects(passages, lexicon):
    """Every suspect of the passages, in text order (furniture included, flagged)."""
    passages = list(passages)
    per_passage = [(passage, tokens(passage.text)) for passage in passages]
    document_words = Counter(
        token.key
        for _passage, found in per_passage
        for token in found
        if token.kind == "word" and lexicon.knows(token.key)
    )
    series = code_series(found for _passage, found in per_passage)
    suspects = []
    for passage, found in per_passage:
        suspects.extend(passage_suspects(passage, found, lexicon, document_words, series))
    return suspects


def passage_suspects(passage, found, lexicon, document_words, series):
    def is_marked(token):
        return any(start < token.end and token.start < end for start, end in passage.marked)

    def suspect(first, last, why, suggestions):
        words = passage.text[found[first].start : found[last].end]
        return Suspect(passage.xml_id, passage.furniture, words, found[first].start, found[last].end, why, suggestions)

    def spaced(first, second):
        return passage.text[first.end : second.start].isspace()

    def context(first, last):
        left = context_form(found[first - 1]) if first > 0 else None
        right = context_form(found[last + 1]) if last + 1 < len(found) else None
        return Context(document_words, left, right)

    taken = set()  # token indexes already in a suspect
    results = []
    for i, token in enumerate(found):
        if i in taken or is_marked(token):
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        # Only a word right after a space can be a piece of the same word: "State, D" is two.
        usable_next = following is not None and not is_marked(following) and spaced(token, following)
        # A word broken into letters: "M Y".
        if token.single_letter and not lexicon.knows(token.key):
            last = i
            while (
                last + 1 < len(found)
                and found[last + 1].single_letter
                and not is_marked(found[last + 1])
                and spaced(found[last], found[last + 1])
            ):
                last += 1
            if last > i:
                words = passage.text[token.start : found[last].end]
                results.append(suspect(i, last, "broken word", suggest(words, lexicon, context(i, last))))
                taken.update(range(i, last + 1))
            continue  # one letter alone is an initial or a mark, not an error
        # A known word before a number ("ON 5") is no broken series code.
        correction = series_correction(found, i, series) if not lexicon.knows(token.key) else None
        if correction:
            code, last = correction
            results.append(suspect(i, last, "series", [Suggestion(code, cost=0.5, score=0.0)]))
            taken.update(range(i, last + 1))
            continue
        if token.kind != "word":
            continue  # codes outside a series, numbers, dates, marks
        known = lexicon.knows(token.key)
        # A word split by a space: "GOVERN MENT", "STEVENS ON".
        if usable_next and following.kind == "word" and split_word(token, following, lexicon, document_words):
            joined = token.key + following.key
            words = passage.text[token.start : following.end]
            suggestions = suggest(words, lexicon, context(i, i + 1), extra=[joined])
            results.append(suspect(i, i + 1, "split word", suggestions))
            taken.update((i, i + 1))
            continue
        if not known:
            extra = [token.key + following.key] if usable_next and following.kind == "word" else []
            extra = [word for word in extra if lexicon.knows(word)]
            results.append(suspect(i, i, "unknown word", suggest(token.text, lexicon, context(i, i), extra)))
            taken.add(i)
            continue
        # Two words that are one misread word: "OFFER FIVE".
        if usable_next and following.kind == "word" and lexicon.knows(following.key):
            target = misread_pair(token, following, lexicon, document_words)
            if target:
                words = passage.text[token.start : following.end]
                suggestions = suggest(words, lexicon, context(i, i + 1), extra=[target])
                results.append(suspect(i, i + 1, "misread words", suggestions))
                taken.update((i, i + 1))
    return results


def split_word(first, second, lexicon, document_words):
    """Two tokens that are one word with a stray space: their join is a word that the
    document or the corpus attests, and the corpus never has the two side by side."""
    joined = first.key + second.key
    if not first.key.isalpha() or not second.key.isalpha() or not lexicon.knows(joined):
        return False
    if min(len(first.key), len(second.key)) > 1 and not (lexicon.knows(first.key) and lexicon.knows(second.key)):
        return True  # "SECRE TARY": a piece that is no word, and together a word
    attested = document_words[joined] + lexicon.frequency[joined]
    if attested < 2:
        return False
    if lexicon.attested_pair(first.key, second.key):
        return False  # "can not", "any one": the corpus writes them apart too
    return not (lexicon.frequency[first.key] > attested and lexicon.frequency[second.key] > attested)


def misread_pair(first, second, lexicon, document_words):
    """The word a pair of real words may be a misreading of: a long word the document
    itself repeats, one or two edits from the pair's join, where the corpus never
    has the pair side by side."""
    joined = first.key + second.key
    # Short pieces ("its trust" / mistrust) and joins of another length ("problem has" / problems)
    # are mostly real words side by side; a misreading keeps the letters' count.
    if len(first.key) < 4 or len(second.key) < 4 or lexicon.knows(joined):
        return None
    if lexicon.attested_pair(first.key, second.key):
        return None
    repeated = [word for word, count in document_words.items() if count >= 2 and len(word) == len(joined)]
    match = process.extractOne(joined, repeated, scorer=Levenshtein.distance, score_cutoff=2)
    if match is None:
        return None
    word, distance, _index = match
    if len(word) != len(joined) or distance > len(word) // 4 or word in (first.key, second.key):
        return None
    return word


# ---------------------------------------------------------------------------
# Stamped series ("CU-710/3", "CU 934")

SERIES_CODE = re.compile(r"^([^\W\d_]+)([-\s]?)(\d\S*)$")


def code_series(passages_tokens):
    """The letter prefixes of the document's codes and how often each is written."""
    prefixes = Counter()
    for found in passages_tokens:
        for index in range(len(found)):
            parts = code_parts(found, index)
            if parts:
                prefixes[parts[0]] += 1
    return prefixes


def code_parts(found, index):
    """(prefix, separator, rest, index of the last token) of a code such as "CU-710/3", or of
    a short word followed by a number, as stamped series are often typed ("CU 934")."""
    token = found[index]
    if token.kind == "code":
        match = SERIES_CODE.match(token.text)
        return (*match.groups(), index) if match else None
    following = found[index + 1] if index + 1 < len(found) else None
    if (
        token.kind == "word"
        and 2 <= len(token.text) <= 4
        and token.text.isalpha()
        and following is not None
        and following.kind == "other"
        and following.text[:1].isdigit()
        and following.start == token.end + 1
    ):
        return token.text, " ", following.text, index + 1
    return None


def series_correction(found, index, series):
    """The code as its series writes it, if it looks like a broken member of a series the
    document repeats (one edit, or a confusion pair or two, or only the case, away)."""
    parts = code_parts(found, index)
    if not parts:
        return None
    prefix, separator, rest, last = parts
    if series[prefix] > 1:
        return None  # the document writes this prefix more than once: a series of its own
    for other, count in series.most_common():
        if count < 2 or other == prefix:
            continue
        if other.lower() == prefix.lower() or weighted_distance(prefix.lower(), other.lower()) <= SERIES_COST:
            return f"{other}{separator}{rest}", last
    return None


# ---------------------------------------------------------------------------
# The edition: the lexicon's run-time parts, a document's queue, decisions


@dataclass
class Queue:
    document: object
    message: list  # suspects in the message text
    furniture: list  # suspects in page furniture: stamps, archival numbers, the printed form

    def __len__(self):
        return len(self.message) + len(self.furniture)

    def __iter__(self):
        yield from self.message
        yield from self.furniture


_lexicons = {}


def edition_lexicon():
    """The English list, the corpus's vocabulary, and the edition's abbreviations, terms and
    names. Built once for each state of the imported sources (documents' revisions)."""
    from .models import Document, Entity, Passage

    state = tuple(Document.objects.order_by("pk").values_list("pk", "source_revision"))
    if state not in _lexicons:
        corpus_texts = Passage.objects.filter(document__kind=Document.Kind.CORPUS).values_list(
            "diplomatic_text", flat=True
        )
        names = list(Entity.objects.values_list("name", flat=True))
        names += Entity.objects.exclude(kind=Entity.Kind.TERM).values_list("occurrences__text", flat=True)
        _lexicons.clear()
        _lexicons[state] = Lexicon.build(corpus_texts, [name for name in names if name])
    return _lexicons[state]


def marked_spans(passage):
    """Where the passage's diplomatic text is already marked: the `sic` of its OCR corrections
    and its abbreviations, so that the queue never lists what the edition has decided."""
    from .models import Entity, Note

    forms = list(passage.notes.filter(kind=Note.Kind.OCR).exclude(sic="").values_list("sic", flat=True))
    forms += passage.occurrences.filter(entity__kind=Entity.Kind.ABBREVIATION).values_list("entity__name", flat=True)
    return tuple(span for form in set(forms) for span in spans_of(form, passage.diplomatic_text))


def spans_of(form, text):
    """Where the words of `form` stand in `text`, as whole words, whatever the spaces between them."""
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in form.split()) + r"(?!\w)"
    return [match.span() for match in re.finditer(pattern, text)]


def document_passages(document, raw=False):
    from .models import Passage

    for passage in document.passages.all():
        yield PassageText(
            passage.xml_id,
            passage.diplomatic_text,
            furniture=passage.role == Passage.Role.FURNITURE,
            marked=() if raw else marked_spans(passage),
        )


def document_queue(document, raw=False):
    """The suspects of a document, message and furniture apart. raw=True reads the witness
    as if nothing were corrected: marks and editors' decisions are ignored."""
    from .models import SuspectDecision

    suspects = find_suspects(document_passages(document, raw), edition_lexicon())
    if not raw:
        decided = SuspectDecision.objects.covering(document)
        suspects = [
            suspect
            for suspect in suspects
            if (suspect.words, None) not in decided and (suspect.words, suspect.passage) not in decided
        ]
    return Queue(document, [s for s in suspects if not s.furniture], [s for s in suspects if s.furniture])


class DecisionError(ValueError):
    """A decision that cannot be recorded; the message says why, for the editor."""


def record_decision(document, words, user, decision, reason, passage_xml_id=None):
    """Record an editor's decision on a suspect; a dismissed word never comes back."""
    from .models import SuspectDecision

    words, reason = (words or "").strip(), (reason or "").strip()
    if not words:
        raise DecisionError("Say which words the decision is about.")
    if decision not in SuspectDecision.Decision.values:
        raise DecisionError(f"A decision is one of: {', '.join(SuspectDecision.Decision.values)}.")
    if decision == SuspectDecision.Decision.DISMISSED and not reason:
        raise DecisionError("Give a reason for dismissing the word, for the editors who come after you.")
    passage_xml_id = passage_xml_id or None
    if passage_xml_id and not document.passages.filter(xml_id=passage_xml_id).exists():
        raise DecisionError(f"There is no passage {passage_xml_id!r} in this document.")
    row, _created = SuspectDecision.objects.update_or_create(
        document=document,
        words=words,
        passage_xml_id=passage_xml_id,
        defaults={"decision": decision, "reason": reason, "user": user},
    )
    return row


def dismiss(document, words, user, reason, passage_xml_id=None):
    return record_decision(document, words, user, "dismissed", reason, passage_xml_id)


def accept_prefills(document):
    """For each suspect, what the "Mark an OCR error" form starts from."""
    return [suspect.prefill() for suspect in document_queue(document)]


# ---------------------------------------------------------------------------
# Measure: the queue on the raw witness against the edition's own OCR corrections


@dataclass
class Measure:
    corrections: int  # the edition's OCR corrections
    listed: int  # how many of them the raw queue lists
    right_first: int  # ... with the edition's correction as the first suggestion
    queue_length: int
    message_length: int
    furniture_length: int
    details: list  # (sic, corr, listed suspect words or "", first suggestion or "", right)


def normalised(text):
    return " ".join(text.split()).upper()


def measure(document):
    """How the queue does on the raw witness: of the edition's OCR corrections (Note rows of
    kind ocr, sic/corr), how many it lists, and how many with the right first suggestion."""
    from .models import Note

    queue = document_queue(document, raw=True)
    by_passage = {}
    for suspect in queue:
        by_passage.setdefault(suspect.passage, []).append(suspect)
    details, listed, right_first = [], 0, 0
    notes = document.notes.filter(kind=Note.Kind.OCR).exclude(sic="").select_related("passage")
    for note in notes:
        text = note.passage.diplomatic_text if note.passage else ""
        candidates = by_passage.get(note.passage.xml_id, []) if note.passage else []
        found = [
            (suspect, (start, end))
            for suspect in candidates
            for start, end in spans_of(note.sic, text)
            if suspect.start < end and start < suspect.end
        ]
        right = False
        if found:
            listed += 1
            suspect, (start, end) = found[0]
            # The suggestion put in place of the suspect's words, within the sic: right if that reads as the corr.
            corrected = text[min(start, suspect.start) : suspect.start] + suspect.best
            corrected += text[suspect.end : max(end, suspect.end)]
            right = bool(suspect.best) and normalised(corrected) == normalised(note.corr)
            right_first += right
        hit = found[0][0] if found else None
        details.append((note.sic, note.corr, hit.words if hit else "", hit.best if hit else "", right))
    return Measure(len(details), listed, right_first, len(queue), len(queue.message), len(queue.furniture), details)


@dataclass
class FalseAlarms:
    documents: int
    words: int  # words of clean text read
    suspects: list  # (document slug, suspect): every one a false alarm, since the text is clean

    @property
    def per_thousand_words(self):
        return 1000 * len(self.suspects) / self.words if self.words else 0.0


def false_alarms(every=6):
    """The queue on clean text: every `every`-th FRUS document (born-digital, edited text), each read
    with a lexicon built without that document's words (leave one out), so that its rare words
    count as they would in a new cable. Every suspect found is a false alarm."""
    from .models import Document, Entity, Passage

    names = [name for name in Entity.objects.values_list("name", flat=True) if name]
    documents = list(Document.objects.corpus())[::every]
    words, found = 0, []
    for document in documents:
        others = Passage.objects.filter(document__kind=Document.Kind.CORPUS).exclude(document=document)
        lexicon = Lexicon.build(others.values_list("diplomatic_text", flat=True), names)
        passages = list(document_passages(document, raw=True))
        words += sum(len(passage.text.split()) for passage in passages)
        found += [(document.slug, suspect) for suspect in find_suspects(passages, lexicon)]
    return FalseAlarms(len(documents), words, found)
