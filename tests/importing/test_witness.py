"""Nothing of the witness is lost.

A historian's check: rebuild the diplomatic text of the cable from the TEI,
as imported, and compare it word for word with the OCR witness kept in
sources/witness/. They must be equal, apart from whitespace and what the
encoding documents: the OCR's "- " bullets for numbered items (an OCR artefact)
and its ~~X~~ convention for struck-through text.
"""

import difflib

from edition.models import Passage
from tests.support import diplomatic_words, witness_words


def test_the_diplomatic_text_is_the_witness_word_for_word(cable):
    ours, witness = diplomatic_words(cable), witness_words()
    diff = [
        line
        for line in difflib.unified_diff(witness, ours, "witness", "tei", lineterm="", n=2)
        if not line.startswith(("---", "+++"))
    ]
    assert ours == witness, "\n".join(diff[:60])


def test_the_reading_text_differs_from_the_witness_only_where_the_tei_says(cable):
    passages = {p.xml_id: p for p in Passage.objects.filter(document=cable)}
    reading = " ".join(p.reading_text for p in passages.values())
    for corrected in ("STEVENSON READ TWO NUMBERED", "DISMANTLING AND WITHDRAWAL", "OFFENSIVE WEAPONS"):
        assert corrected in reading
    for misreading in ("STEVENS ON", "DISTANTLING", "OFFER FIVE"):
        assert misreading not in reading
        assert misreading in " ".join(p.diplomatic_text for p in passages.values())
