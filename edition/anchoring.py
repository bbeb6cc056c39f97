"""Where a gloss stands in the text, and finding it again after an import.

A gloss keeps three descriptions of its anchor (W3C Web Annotation): the
passage's xml:id, a TextQuoteSelector (exact + prefix/suffix) and a
TextPositionSelector (offsets in the passage's reading text). After each import
we try, in order:
1. the stored position, if the quote still stands there and its context agrees
   as well as at any other occurrence;
2. the exact quote in the same passage, the occurrence whose context agrees
   best (a short quote needs its prefix or suffix to agree; a quote of whole
   words must land on whole words);
3. the quote with the passage's OCR corrections applied ("DISTANTLING" ->
   "DISMANTLING"), marked "corrected";
4. a fuzzy match in the same passage, with the context agreeing;
5. the exact quote in another passage of the document, only if it occurs once
   there and the context agrees on both sides.
A gloss that none of these places becomes an orphan. Import never deletes a
gloss, and a gloss that moves is marked "moved" (or "corrected"), never silently.
"""

import difflib
import re
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix and suffix kept, as Hypothesis does
SHORT_QUOTE = 32  # below this, chance matches are likely: demand context agreement
AGREE = 8  # characters of prefix or suffix that must agree for the context to count
FUZZY_THRESHOLD = 0.8


@dataclass
class Anchor:
    passage_xml_id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    status: str  # one of Gloss.AnchorStatus values


def selectors_for(text, start, end):
    """TextQuote and TextPosition selector values for text[start:end]."""
    return {
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT) : start],
        "suffix": text[end : end + CONTEXT],
        "start": start,
        "end": end,
    }


def occurrences(text, exact):
    """Every start offset of exact in text, overlapping ones included."""
    starts, at = [], text.find(exact) if exact else -1
    while at != -1:
        starts.append(at)
        at = text.find(exact, at + 1)
    return starts


def find_quote(text, exact, prefix="", suffix="", hint=None):
    """Offsets of exact in text: the occurrence whose context agrees best.

    Returns (start, context_score) or None. hint (an old start offset) breaks ties.
    """
    best = None
    for start in occurrences(text, exact):
        key = (
            context_score(text, start, start + len(exact), prefix, suffix),
            -abs(start - hint) if hint is not None else 0,
        )
        if best is None or key > best[0]:
            best = (key, start)
    return (best[1], best[0][0]) if best else None


def selection_in(text, exact, prefix="", suffix="", hint=None):
    """Selectors for words an editor selected, or None if they are not in text.

    The browser sends exact, prefix and suffix taken from the same reading text,
    so all three must agree exactly; find_quote picks the occurrence (hint, the
    offset the browser saw, breaks ties between identical contexts).
    """
    found = find_quote(text, exact, prefix, suffix, hint)
    if found is None:
        return None
    start, score = found
    if score != len(prefix) + len(suffix):
        return None
    return selectors_for(text, start, start + len(exact))


def common_suffix_length(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def common_prefix_length(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def context_score(text, start, end, prefix, suffix):
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return common_suffix_length(before, prefix) + common_prefix_length(after, suffix)


def sides_agree(text, start, end, prefix, suffix):
    """(before agrees, after agrees): AGREE characters of context, or all the
    context there was. A quote that stood at the passage's edge (no prefix or no
    suffix) agrees on that side only if it still stands at the edge."""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    before_ok = common_suffix_length(before, prefix) >= min(AGREE, len(prefix)) if prefix else not before
    after_ok = common_prefix_length(after, suffix) >= min(AGREE, len(suffix)) if suffix else not after
    return before_ok, after_ok


def context_agrees(text, start, end, prefix, suffix):
    return all(sides_agree(text, start, end, prefix, suffix))


def is_word_char(ch):
    return ch.isalnum()


def is_word_boundary(text, at):
    """Offset `at` falls between words: text[at - 1] and text[at] are not letters of one word."""
    return not (0 < at < len(text) and is_word_char(text[at - 1]) and is_word_char(text[at]))


def stands_alone(text, start, end):
    """text[start:end] is whole words: it neither begins nor ends inside a word."""
    return is_word_boundary(text, start) and is_word_boundary(text, end)


def keeps_word_boundaries(text, start, end, exact, prefix, suffix):
    """A quote of whole words must land on whole words: "UN" quoted as a word
    must not re-anchor inside "UNDERTAKINGS". Part-word quotes are not constrained."""
    if not exact:
        return True
    # Where the quote met its context in the text it was made on.
    was_boundary_before = is_word_boundary(prefix[-1:] + exact, len(prefix[-1:]))
    was_boundary_after = is_word_boundary(exact + suffix[:1], len(exact))
    return (is_word_boundary(text, start) or not was_boundary_before) and (
        is_word_boundary(text, end) or not was_boundary_after
    )


# -- words an editor types instead of selecting them -------------------------------
# Without a mouse (or without JavaScript) an editor names the words to gloss by
# typing them, and, when they occur more than once, the words just before them.


def words_pattern(words):
    """Typed words as a pattern on the reading text: any case, any run of spaces between words."""
    return re.compile(r"\s+".join(re.escape(word) for word in words.split()), re.IGNORECASE)


def typed_occurrences(text, words):
    """(start, end) of every occurrence of the typed words in text, overlapping ones included.

    Whole words first: "un" means the word UN, not the UN in UNDERTAKINGS, unless
    the words only occur inside longer ones (an editor may gloss part of a word).
    """
    pattern, found, at = words_pattern(words), [], 0
    while (match := pattern.search(text, at)) is not None:
        found.append(match.span())
        at = match.start() + 1
    whole = [(start, end) for start, end in found if stands_alone(text, start, end)]
    return whole or found


def just_after(text, spans, before):
    """The spans of text that come right after the typed words `before` (spaces between allowed)."""
    just_before = re.compile(words_pattern(before).pattern + r"\s*\Z", re.IGNORECASE)
    return [(start, end) for start, end in spans if just_before.search(text, 0, start)]


def best_exact(text, exact, prefix, suffix, hint):
    """The start of exact in text where the context agrees best, if it is safe to take.

    Quotes of SHORT_QUOTE characters or more are distinctive enough on their own;
    shorter ones need the context to agree on at least one side, so a common
    word is not moved to a chance occurrence.
    """
    candidates = []
    for start in occurrences(text, exact):
        end = start + len(exact)
        if not keeps_word_boundaries(text, start, end, exact, prefix, suffix):
            continue
        key = (context_score(text, start, end, prefix, suffix), -abs(start - hint) if hint is not None else 0)
        candidates.append((key, start))
    if not candidates:
        return None
    _key, start = max(candidates)
    if len(exact) >= SHORT_QUOTE or any(sides_agree(text, start, start + len(exact), prefix, suffix)):
        return start
    return None


def fuzzy_find(text, exact, prefix, suffix):
    """Best approximate occurrence of exact in text, as (start, end, ratio)."""
    if not exact or not text:
        return None
    best = None
    word_starts = [0] + [m.end() for m in re.finditer(r"\s+", text)]
    spread = max(2, len(exact) // 5)
    lengths = {max(1, len(exact) + delta) for delta in range(-spread, spread + 1)}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    for start in word_starts:
        for length in lengths:
            candidate = text[start : start + length].rstrip()
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
                continue
            ratio = matcher.ratio()
            end = start + len(candidate)
            key = (ratio, context_score(text, start, end, prefix, suffix))
            if best is None or key > best[0]:
                best = (key, start, end)
    if best and best[0][0] >= FUZZY_THRESHOLD:
        return best[1], best[2], best[0][0]
    return None


def apply_corrections(value, corrections):
    for sic, corr in corrections:
        if sic and corr:
            value = value.replace(sic, corr)
    return value


def locate(gloss, passages, corrections_by_passage):
    """Find a gloss in the current passages. Returns an Anchor or None (orphan).

    passages: {xml_id: reading_text}; corrections_by_passage: {xml_id: [(sic, corr)]}.
    """
    from edition.models import Gloss

    status = Gloss.AnchorStatus
    passage_id = gloss.passage_xml_id
    text = passages.get(passage_id)
    exact, prefix, suffix = gloss.exact, gloss.prefix, gloss.suffix
    # Found where it was: the status it had stands (an orphan found again was re-anchored).
    kept = status.MOVED if gloss.anchor_status == status.ORPHANED else gloss.anchor_status

    def anchor(pid, start, end, new_status):
        sel = selectors_for(passages[pid], start, end)
        return Anchor(pid, start, end, sel["exact"], sel["prefix"], sel["suffix"], new_status)

    if not exact:  # a gloss on the whole passage stands as long as the passage does
        return Anchor(passage_id, 0, len(text), "", "", "", kept) if text is not None else None

    if text is not None:
        # 1-2. The exact quote in its passage: at the stored position if the
        # context there agrees as well as anywhere, else the occurrence whose
        # context agrees best (never a chance occurrence of a short quote).
        start = best_exact(text, exact, prefix, suffix, hint=gloss.start)
        if start is not None:
            return anchor(passage_id, start, start + len(exact), kept if start == gloss.start else status.MOVED)
        # 3. The quote was an OCR misreading that the source now corrects.
        corrections = corrections_by_passage.get(passage_id, [])
        corrected = apply_corrections(exact, corrections)
        if corrected != exact:
            start = best_exact(
                text,
                corrected,
                apply_corrections(prefix, corrections),
                apply_corrections(suffix, corrections),
                gloss.start,
            )
            if start is not None:
                return anchor(passage_id, start, start + len(corrected), status.CORRECTED)
        # 4. A fuzzy match in the same passage, with the context agreeing
        # (on both sides for short quotes, on one side for long ones).
        fuzzy = fuzzy_find(text, exact, prefix, suffix)
        if fuzzy:
            start, end, _ratio = fuzzy
            before_ok, after_ok = sides_agree(text, start, end, prefix, suffix)
            if (before_ok and after_ok) or (len(exact) >= SHORT_QUOTE and (before_ok or after_ok)):
                return anchor(passage_id, start, end, status.MOVED)
    # 5. The exact quote in another passage of the document (a paragraph split
    # or renamed): only if it is the one occurrence there and its context agrees.
    hits = [
        (pid, start)
        for pid, other in passages.items()
        if pid != passage_id
        for start in occurrences(other, exact)
        if keeps_word_boundaries(other, start, start + len(exact), exact, prefix, suffix)
    ]
    if len(hits) == 1 and (prefix or suffix):
        pid, start = hits[0]
        if context_agrees(passages[pid], start, start + len(exact), prefix, suffix):
            return anchor(pid, start, start + len(exact), status.MOVED)
    return None


def reanchor_document(document):
    """Re-anchor every gloss of a document against its freshly imported passages."""
    from edition.glosses import save_version
    from edition.models import Gloss, Note

    passages = dict(document.passages.values_list("xml_id", "reading_text"))
    corrections = {}
    for passage_id, sic, corr in Note.objects.filter(document=document, kind=Note.Kind.OCR).values_list(
        "passage__xml_id", "sic", "corr"
    ):
        corrections.setdefault(passage_id, []).append((sic, corr))
    # Locked until the import commits: an editor saving meanwhile waits, so the
    # history never records a re-anchoring made from a stale copy of the gloss.
    for gloss in Gloss.objects.select_for_update().filter(document=document):
        found = locate(gloss, passages, corrections)
        if found is None:
            if gloss.anchor_status != Gloss.AnchorStatus.ORPHANED:
                gloss.anchor_status = Gloss.AnchorStatus.ORPHANED
                # The annotation changed: a new version, so its ETag changes too.
                save_version(gloss, None, "orphaned by import", fields=["anchor_status"])
            continue
        new = {
            "passage_xml_id": found.passage_xml_id,
            "start": found.start if gloss.exact else None,
            "end": found.end if gloss.exact else None,
            "exact": found.exact,
            "prefix": found.prefix,
            "suffix": found.suffix,
            "anchor_status": found.status,
        }
        # Only a gloss whose anchor changed is written (and gets a history
        # entry); source_revision then records the revision its selectors now
        # describe. An untouched gloss keeps the revision it was made on.
        if any(getattr(gloss, k) != v for k, v in new.items()):
            for k, v in new.items():
                setattr(gloss, k, v)
            gloss.source_revision = document.source_revision
            # The selectors changed, so the annotation did: a new version (and ETag), so a
            # form opened before the import cannot write its stale anchor back.
            save_version(gloss, None, "re-anchored by import", fields=[*new.keys(), "source_revision"])
