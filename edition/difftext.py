"""What changed between two texts, word by word: <del> for what went, <ins> for what came.

A general helper (gloss versions use it; so may any other text with versions). Words are
compared whole, with the spaces between them kept as they were, so the diff reads as the
text does, and a changed word shows as the old word struck and the new one inserted rather
than as a jumble of letters. Built on difflib, with no junk heuristic: short texts of
repeated words (USUN, GOVT…) must not be treated as noise.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

# A word is a run of non-space characters; the spaces after it go with it, so that a
# replaced word does not leave a doubled or missing space in the diff.
_TOKEN = re.compile(r"\S+\s*|\s+")

SAME, INSERTED, DELETED = "same", "inserted", "deleted"


@dataclass(frozen=True)
class Piece:
    """A run of text that is in both versions (SAME), only in the newer (INSERTED) or only in the older (DELETED)."""

    kind: str
    text: str


def words(text):
    return _TOKEN.findall(text or "")


def word_diff(before, after):
    """The pieces that turn `before` into `after`, in reading order (deletions before insertions)."""
    old, new = words(before), words(after)
    # Compare words without their trailing spaces: a word moved to the end of a line is the same word.
    matcher = difflib.SequenceMatcher(None, [w.strip() for w in old], [w.strip() for w in new], autojunk=False)
    pieces = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece(SAME, "".join(new[j1:j2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece(DELETED, "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece(INSERTED, "".join(new[j1:j2])))
    return [piece for piece in pieces if piece.text]


def has_changes(before, after):
    return any(piece.kind != SAME for piece in word_diff(before, after))


def diff_html(before, after):
    """The diff as HTML: unchanged words as text, <del> and <ins> around the changed ones (escaped)."""
    templates = {SAME: "{}", INSERTED: "<ins>{}</ins>", DELETED: "<del>{}</del>"}
    return format_html_join("", "{}", ((format_html(templates[p.kind], p.text),) for p in word_diff(before, after)))
