"""Glosses survive every revision of the text, as they survive an import.

Alice glossed words of paragraph 4 before Tess corrected the text. When Tess publishes,
the glosses are re-anchored: one on words the correction left alone stays put; one that
quoted the misreading now stands on the corrected words ("corrected"), and follows the
words back (moved) when the earlier version is restored. Nothing is ever deleted.
"""

from edition.anchoring import selectors_for
from edition.glosses import create_gloss
from edition.models import Gloss, Passage
from edition.models.revisions import TextSource
from edition.revisions import Selection, correct, publish, restore


def gloss_on(user, document, xml_id, words):
    text = Passage.objects.get(document=document, xml_id=xml_id).reading_text
    start = text.index(words)
    return create_gloss(user, document, xml_id, selectors_for(text, start, start + len(words)), f"On {words}.")


def correct_lags(document, tess, base=1):
    text = Passage.objects.get(document=document, xml_id="para-4").reading_text
    start = text.index("LAGS")
    data = {"correction": "LAGGED", "cert": "high", "evidence": "The typescript."}
    return correct(document, base, Selection("para-4", "reading", start, start + 4, "LAGS"), "ocr", data, tess)


def test_glosses_are_reanchored_when_a_correction_is_published(cable, alice, tess):
    untouched = gloss_on(alice, cable, "para-4", "URGED QUICK SETTLEMENT")
    misread = gloss_on(alice, cable, "para-4", "US LAGS BEHIND")
    whole = create_gloss(alice, cable, "para-5", None, "On the whole passage.")
    source = TextSource.objects.get(file=cable.source_file)
    publish(source, correct_lags(cable, tess).number, tess, "LAGS corrected")

    for gloss in (untouched, misread, whole):
        gloss.refresh_from_db()
    assert untouched.exact == "URGED QUICK SETTLEMENT" and untouched.anchor_status == Gloss.AnchorStatus.ANCHORED
    assert misread.exact == "US LAGGED BEHIND" and misread.anchor_status == Gloss.AnchorStatus.CORRECTED
    assert whole.anchor_status == Gloss.AnchorStatus.ANCHORED
    assert Gloss.objects.count() == 3

    # Restoring version 1 brings LAGS back: the gloss follows it, nothing is deleted.
    publish(source, restore(source, 1, 2, tess).number, tess, "Back")
    misread.refresh_from_db()
    assert misread.exact == "US LAGS BEHIND" and misread.anchor_status == Gloss.AnchorStatus.MOVED
    assert Gloss.objects.count() == 3 and not Gloss.objects.filter(deleted_at__isnull=False).exists()
