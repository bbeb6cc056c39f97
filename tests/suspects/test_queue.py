"""The suspect-word queue: likely OCR errors listed for an editor to review.

Told in three parts: a cable the test makes up, with known OCR errors planted in it,
where the queue must find each with the right first suggestion and nothing else; the
edition's own cable read raw, as if nothing were corrected, against the issue's
targets; and Alice's decisions, which keep a dismissed word out of the queue for good.
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from edition import suspects
from edition.management.commands.suspects import TARGET_LISTED, TARGET_MAX_LENGTH
from tests.support import CABLE, FRUS, SOURCES, imported_once

# ---------------------------------------------------------------------------
# A made-up cable: clean words around planted errors

CORPUS = [
    "The Secretary met the Soviet Minister on 14 May 1962 to discuss the withdrawal of offensive weapons.",
    "The Government of the United States will not accept any delay in the inspection of the sites.",
    "Ambassador Dobrynin handed over a statement by the Government on 2 May 1963.",
    "The Minister said the official position of the Government had not changed since the meeting.",
]
NAMES = ["Anatoly F. Dobrynin", "GOVT", "SOV", "Havana"]

CLEAN = (
    "SECRETARY MET SOV MINISTER AND DOBRYNIN IN HAVANA. GOVT WILL NOT ACCEPT DELAY IN INSPECTION OF SITES. "
    "MINISTER SAID POSITION OF HIS GOVERNMENT HAD NOT CHANGED SINCE MEETING, AND 1962/11/14 SS 11/14/CWO-W "
    "NO. 1762 AT 9:09 PM WERE STATED; IL-28'S AND B-52 WILL BE DISCUSSED. RECONNAIS- SANCE FLIGHTS GO ON. "
    "OFFENSIVE WEAPONS, OFFENSIVE WEAPONS."
)
# (what the OCR read, what was typed): each kind of error the issue names.
PLANTED = [
    ("GOVERNRNENT", "GOVERNMENT"),  # rn read for m
    ("0FFICIAL", "OFFICIAL"),  # zero read for O
    ("MINIS TER", "MINISTER"),  # a space inserted in a word
    ("VVITHDRAWAL", "WITHDRAWAL"),  # vv read for w
    ("M Y", "MAY"),  # a faint letter read as a space
    ("OFTEN FIVE", "OFFENSIVE"),  # one word the document repeats, misread as two
]
MADE_UP_CABLE = [
    suspects.PassageText("p1", "STAMPED CU-410/1 RECEIVED", furniture=True),
    suspects.PassageText("para-1", CLEAN),
    suspects.PassageText(
        "para-2",
        "GOVERNRNENT STATEMENT ON 0FFICIAL POSITION WAS READ BY MINIS TER. "
        "VVITHDRAWAL OF OFTEN FIVE WEAPONS TO BE COMPLETED BY M Y 1963.",
    ),
    suspects.PassageText("p2", "CU-410/2", furniture=True),
    suspects.PassageText("p3", "CUT-410/3", furniture=True),
]


@pytest.fixture(scope="module")
def made_up_lexicon():
    return suspects.Lexicon.build(CORPUS, NAMES)


def test_every_planted_error_is_listed_with_the_right_first_suggestion(made_up_lexicon):
    found = suspects.find_suspects(MADE_UP_CABLE, made_up_lexicon)
    message = {suspect.words: suspect.best for suspect in found if not suspect.furniture}

    assert message == dict(PLANTED)


def test_clean_words_numbers_dates_and_codes_raise_no_suspect(made_up_lexicon):
    found = suspects.find_suspects([suspects.PassageText("para-1", CLEAN)], made_up_lexicon)

    assert found == []


def test_page_furniture_is_listed_apart_and_a_broken_series_number_is_put_back_in_its_series(made_up_lexicon):
    found = suspects.find_suspects(MADE_UP_CABLE, made_up_lexicon)
    furniture = [suspect for suspect in found if suspect.furniture]

    assert [(suspect.passage, suspect.words, suspect.best) for suspect in furniture] == [
        ("p3", "CUT-410/3", "CU-410/3")
    ]


def test_suggestions_follow_the_ocr_confusion_pairs(made_up_lexicon):
    # "CLEFEAT" is two plain edits from "DEFEAT" but one confusion pair (cl read for d) away:
    # it comes first, before words that are as near by plain edits.
    lexicon = suspects.Lexicon.build(["The defeat of the motion.", "A clef and a feat."], [])
    found = suspects.find_suspects([suspects.PassageText("p", "CLEFEAT OF MOTION")], lexicon)

    assert [(suspect.words, suspect.best) for suspect in found] == [("CLEFEAT", "DEFEAT")]
    assert suspects.weighted_distance("clefeat", "defeat") < suspects.weighted_distance("clefeat", "clefts")


def test_marked_words_are_not_listed_again(made_up_lexicon):
    text = "GOVERNRNENT STATEMENT WAS READ."
    marked = ((0, len("GOVERNRNENT")),)  # already the sic of a correction

    found = suspects.find_suspects([suspects.PassageText("p", text, marked=marked)], made_up_lexicon)

    assert found == []


# ---------------------------------------------------------------------------
# The edition's cable, read raw

edition_once = imported_once(CABLE, FRUS)


@pytest.fixture
def cable(edition_once, db):
    from edition.models import Document

    return Document.objects.get(slug="usun-1762")


def test_on_the_raw_witness_the_queue_meets_the_issue_targets(cable):
    figures = suspects.measure(cable)

    ocr_notes = cable.notes.filter(kind="ocr").count()
    assert figures.corrections == ocr_notes == 14
    assert figures.listed >= TARGET_LISTED
    assert figures.queue_length <= TARGET_MAX_LENGTH
    # Each figure is counted, not asserted: it agrees with the details it comes from.
    assert figures.listed == sum(1 for detail in figures.details if detail[2])
    assert figures.right_first == sum(1 for detail in figures.details if detail[4])
    assert figures.right_first <= figures.listed
    assert figures.queue_length == figures.message_length + figures.furniture_length


def test_the_measure_command_prints_the_same_figures(cable):
    out = StringIO()
    call_command("suspects", "--measure", "--json", stdout=out)
    printed = json.loads(out.getvalue())

    figures = suspects.measure(cable)
    assert (printed["listed"], printed["right_first_suggestion"], printed["queue_length"]) == (
        figures.listed,
        figures.right_first,
        figures.queue_length,
    )


def test_the_core_runs_on_the_witness_file_itself(cable):
    """No database rows in the core: the OCR text file, cut at blank lines, gives the same catch."""
    witness = (SOURCES / "witness" / "telegram-1762-ocr.txt").read_text(encoding="utf-8")
    blocks = [block for block in re.split(r"\n\s*\n", witness) if block.strip()]
    passages = [suspects.PassageText(f"block-{n}", block.replace("~~", "")) for n, block in enumerate(blocks)]

    found = suspects.find_suspects(passages, suspects.edition_lexicon())

    sics = [note.sic for note in cable.notes.filter(kind="ocr")]
    listed = [sic for sic in sics if any(set(sic.split()) & set(suspect.words.split()) for suspect in found)]
    assert len(listed) >= TARGET_LISTED
    assert len(found) <= TARGET_MAX_LENGTH


def test_furniture_is_listed_apart_from_the_message(cable):
    queue = suspects.document_queue(cable, raw=True)
    roles = dict(cable.passages.values_list("xml_id", "role"))

    assert queue.furniture and queue.message
    assert {roles[suspect.passage] for suspect in queue.furniture} == {"furniture"}
    assert {roles[suspect.passage] for suspect in queue.message} == {"text"}
    # Stamped numbers, dates and telegram numbers do not flood it.
    assert not any(re.fullmatch(r"[\d/:,().-]+", suspect.words) for suspect in queue)


def test_what_the_edition_already_corrected_is_not_listed(cable):
    raw = {suspect.words for suspect in suspects.document_queue(cable, raw=True)}
    edited = {suspect.words for suspect in suspects.document_queue(cable)}

    corrected = set(cable.notes.filter(kind="ocr").values_list("sic", flat=True))
    assert raw & corrected
    assert not edited & corrected


def test_accept_gives_the_correction_form_its_prefill(cable):
    queue = suspects.document_queue(cable, raw=True)
    dismantling = next(suspect for suspect in queue if suspect.words == "DISTANTLING")

    assert dismantling.prefill() == {
        "passage": "para-4",
        "words": "DISTANTLING",
        "start": dismantling.start,
        "end": dismantling.end,
        "correction": "DISMANTLING",
    }
    passage = cable.passages.get(xml_id="para-4")
    assert passage.diplomatic_text[dismantling.start : dismantling.end] == "DISTANTLING"


def test_the_queue_command_prints_message_and_furniture_apart(cable):
    out = StringIO()
    call_command("suspects", "usun-1762", "--raw", stdout=out)

    printed = out.getvalue()
    assert printed.index("Message text") < printed.index("'STEVENS ON'") < printed.index("Page furniture")
    assert printed.index("Page furniture") < printed.index("'CUT-710/4'")


# ---------------------------------------------------------------------------
# Alice's decisions


def test_alice_dismisses_a_word_with_a_reason_and_it_never_comes_back(cable, alice):
    from edition.importer import import_sources
    from edition.models import SuspectDecision

    assert "TRT" in [suspect.words for suspect in suspects.document_queue(cable)]

    suspects.dismiss(cable, "TRT", alice, "The communications clerk's initials, not an error.", "p4-initials-trt")

    row = SuspectDecision.objects.get(document=cable, words="TRT")
    assert (row.decision, row.passage_xml_id, row.user) == ("dismissed", "p4-initials-trt", alice)
    assert row.reason == "The communications clerk's initials, not an error."
    assert "TRT" not in [suspect.words for suspect in suspects.document_queue(cable)]

    import_sources([CABLE])  # a re-import rebuilds passages, not decisions
    assert "TRT" not in [suspect.words for suspect in suspects.document_queue(cable)]


def test_a_decision_for_the_whole_document_covers_every_passage(cable, alice):
    from edition.models import Note

    Note.objects.filter(document=cable, sic="STEVENS ON").update(sic="")  # as if the edition had not marked them
    assert [s.passage for s in suspects.document_queue(cable) if s.words == "STEVENS ON"] == ["para-4", "para-5"]

    suspects.record_decision(cable, "STEVENS ON", alice, "accepted", "Corrected through the OCR form.")
    assert "STEVENS ON" not in [suspect.words for suspect in suspects.document_queue(cable)]


def test_a_dismissal_needs_a_reason_and_a_real_passage(cable, alice):
    from edition.models import SuspectDecision

    with pytest.raises(suspects.DecisionError, match="reason"):
        suspects.dismiss(cable, "TRT", alice, "   ")
    with pytest.raises(suspects.DecisionError, match="no passage"):
        suspects.dismiss(cable, "TRT", alice, "initials", "para-99")
    assert not SuspectDecision.objects.exists()


def test_dismissing_twice_updates_the_one_decision(cable, alice, bob):
    from edition.models import SuspectDecision

    suspects.dismiss(cable, "TRT", alice, "initials", "p4-initials-trt")
    suspects.dismiss(cable, "TRT", bob, "the clerk's initials", "p4-initials-trt")

    row = SuspectDecision.objects.get()
    assert (row.user, row.reason) == (bob, "the clerk's initials")
