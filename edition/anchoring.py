"""Where a gloss stands in the text, and finding it again after an import.

A gloss keeps three descriptions of its anchor (W3C Web Annotation): the
passage's xml:id, a TextQuoteSelector (exact + prefix/suffix) and a
TextPositionSelector (offsets in the passage's reading text). After each import
we try, in order:
1. the stored position, if the quote still stands there;
2. the exact quote in the same passage, the occurrence whose context agrees best;
3. the quote with the passage's OCR corrections applied ("DISTANTLING" -> "DISMANTLING");
4. a fuzzy match in the same passage;
5. the exact quote elsewhere in the document, only if unique and its context agrees.
A gloss that none of these places becomes an orphan. Import never deletes a
gloss, and never moves one to another occurrence without saying so.
"""

import difflib
import re
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix and suffix kept, as Hypothesis does
SHORT_QUOTE = 32  # below this, chance matches are likely: demand context agreement
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


def find_quote(text, exact, prefix="", suffix="", hint=None):
    """Offsets of exact in text: the occurrence whose context agrees best.

    Returns (start, context_score) or None. hint (an old start offset) breaks ties.
    """
    if not exact:
        return None
    starts = [m.start() for m in re.finditer(re.escape(exact), text)]
    if not starts:
        return None
    best = None
    for start in starts:
        score = context_score(text, start, start + len(exact), prefix, suffix)
        distance = abs(start - hint) if hint is not None else 0
        key = (score, -distance)
        if best is None or key > best[0]:
            best = (key, start)
    return best[1], best[0][0]


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


def context_agrees(text, start, end, prefix, suffix):
    """Both sides of the context agree (at least 8 characters, or all there is)."""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    need_before = min(8, len(prefix), len(before)) if prefix else 0
    need_after = min(8, len(suffix), len(after)) if suffix else 0
    return common_suffix_length(before, prefix) >= need_before and common_prefix_length(after, suffix) >= need_after


def fuzzy_find(text, exact, prefix, suffix):
    """Best approximate occurrence of exact in text, as (start, end, ratio)."""
    if not exact or not text:
        return None
    best = None
    word_starts = [0] + [m.end() for m in re.finditer(r"\s+", text)]
    lengths = {max(1, len(exact) + delta) for delta in range(-max(2, len(exact) // 5), max(2, len(exact) // 5) + 1)}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    for start in word_starts:
        for length in lengths:
            candidate = text[start : start + length]
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if best is None or ratio > best[2]:
                best = (start, start + len(candidate.rstrip()), ratio)
    if best and best[2] >= FUZZY_THRESHOLD:
        return best
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

    if text is not None and not exact:
        return Anchor(passage_id, 0, len(text), "", "", "", status.ANCHORED)

    def anchor(pid, start, end, new_status):
        sel = selectors_for(passages[pid], start, end)
        return Anchor(pid, start, end, sel["exact"], sel["prefix"], sel["suffix"], new_status)

    unchanged = status.ANCHORED if gloss.anchor_status == status.ANCHORED else gloss.anchor_status
    if text is not None:
        # 1. The stored position still holds the quote.
        if gloss.start is not None and text[gloss.start : gloss.end] == exact:
            if context_score(text, gloss.start, gloss.end, prefix, suffix) > 0 or len(exact) >= SHORT_QUOTE or text.count(exact) == 1:
                return anchor(passage_id, gloss.start, gloss.end, unchanged if unchanged != status.ORPHANED else status.MOVED)
        # 2. The exact quote elsewhere in the passage.
        found = find_quote(text, exact, prefix, suffix, hint=gloss.start)
        if found:
            start, _score = found
            if len(exact) >= SHORT_QUOTE or text.count(exact) == 1 or context_agrees(text, start, start + len(exact), prefix, suffix):
                return anchor(passage_id, start, start + len(exact), status.MOVED if start != gloss.start else unchanged)
        # 3. The quote was an OCR misreading that the source now corrects.
        corrections = corrections_by_passage.get(passage_id, [])
        corrected = apply_corrections(exact, corrections)
        if corrected != exact:
            found = find_quote(
                text, corrected, apply_corrections(prefix, corrections), apply_corrections(suffix, corrections), gloss.start
            )
            if found:
                return anchor(passage_id, found[0], found[0] + len(corrected), status.CORRECTED)
        # 4. A fuzzy match in the same passage (with context for short quotes).
        fuzzy = fuzzy_find(text, exact, prefix, suffix)
        if fuzzy:
            start, end, _ratio = fuzzy
            if len(exact) >= SHORT_QUOTE or context_agrees(text, start, end, prefix, suffix):
                return anchor(passage_id, start, end, status.MOVED)
    # 5. The exact quote in another passage of the document: unique, and in context.
    hits = [(pid, m.start()) for pid, t in passages.items() if pid != passage_id for m in re.finditer(re.escape(exact), t)]
    if len(hits) == 1:
        pid, start = hits[0]
        if context_agrees(passages[pid], start, start + len(exact), prefix, suffix) and (prefix or suffix):
            return anchor(pid, start, start + len(exact), status.MOVED)
    return None


def reanchor_document(document):
    """Re-anchor every gloss of a document against its freshly imported passages."""
    from edition.models import Gloss, Note

    passages = dict(document.passages.values_list("xml_id", "reading_text"))
    corrections = {}
    for passage_id, sic, corr in Note.objects.filter(document=document, kind=Note.Kind.OCR).values_list(
        "passage__xml_id", "sic", "corr"
    ):
        corrections.setdefault(passage_id, []).append((sic, corr))
    for gloss in Gloss.objects.filter(document=document):
        found = locate(gloss, passages, corrections)
        if found is None:
            if gloss.anchor_status != Gloss.AnchorStatus.ORPHANED:
                gloss.anchor_status = Gloss.AnchorStatus.ORPHANED
                gloss._change_reason = "orphaned by import"
                gloss.save(update_fields=["anchor_status", "updated_at"])
            continue
        new = {
            "passage_xml_id": found.passage_xml_id,
            "start": found.start if gloss.exact else None,
            "end": found.end if gloss.exact else None,
            "exact": found.exact,
            "prefix": found.prefix,
            "suffix": found.suffix,
            "anchor_status": found.status,
            "source_revision": document.source_revision,
        }
        if any(getattr(gloss, k) != v for k, v in new.items()):
            for k, v in new.items():
                setattr(gloss, k, v)
            gloss._change_reason = "re-anchored by import"
            gloss.save(update_fields=[*new.keys(), "updated_at"])
