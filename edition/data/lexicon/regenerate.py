"""Regenerate english-words.txt.gz from Debian's wamerican word list.

    apt-get install -y wamerican
    python edition/data/lexicon/regenerate.py [/usr/share/dict/american-english]

The edition never reads /usr/share at run time: it reads the compact file this
script writes, which is committed beside it (see README.md for source and licence).
Derivation, kept deliberately simple so the file can be checked against its source:
- lower-cased and de-duplicated, one word a line, sorted;
- possessive entries ("Abel's") dropped: the suspect-word queue strips "'s" itself;
- single letters dropped except "a" and "i": in OCR output a lone letter is far more
  often a fragment of a broken word ("M Y") than the letter itself.
"""

import gzip
import sys
from pathlib import Path

SOURCE = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/american-english")
TARGET = Path(__file__).resolve().parent / "english-words.txt.gz"


def derive(lines):
    words = set()
    for line in lines:
        word = line.strip().lower()
        if not word or word.endswith("'s"):
            continue
        if len(word) == 1 and word not in ("a", "i"):
            continue
        words.add(word)
    return sorted(words)


def main():
    words = derive(SOURCE.read_text(encoding="utf-8").splitlines())
    # mtime=0: the same word list always gives the same bytes (a clean git diff).
    with open(TARGET, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} words from {SOURCE} -> {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
