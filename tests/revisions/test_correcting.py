"""Tess corrects the text in the browser; readers see it once she publishes.

The story: Tess, a text editor, notices an OCR misreading the edition missed. She
selects the words, marks the OCR error (correction, certainty, evidence), and saves:
a working revision, which only text editors see, with its word diff. She publishes
it with a message; Rita the reader now sees the corrected reading and the new note,
the diplomatic text is still the witness word for word, and the glosses stand.
"""

import pytest
from django.test import Client

from edition.models import Note, Passage
from edition.models.revisions import TextRevision, TextSource
from tests.support import diplomatic_words, witness_words


def reading(xml_id):
    return Passage.objects.get(document__slug="usun-1762", xml_id=xml_id).reading_text


def select(xml_id, words, view="reading"):
    passage = Passage.objects.get(document__slug="usun-1762", xml_id=xml_id)
    text = passage.reading_text if view == "reading" else passage.diplomatic_text
    start = text.index(words)
    return {"start": start, "end": start + len(words), "exact": words, "view": view}


def correct_url(xml_id):
    return f"/documents/usun-1762/passages/{xml_id}/correct/"


def mark_ocr(client, xml_id, words, correction, base, view="reading", **extra):
    data = {
        "kind": "ocr", "base": base, **select(xml_id, words, view), "words": words,
        "correction": correction, "cert": "medium", "evidence": "The typescript's letters are clear here.", **extra,
    }  # fmt: skip
    return client.post(correct_url(xml_id), data)


@pytest.fixture
def tess_client(client, tess):
    client.force_login(tess)
    return client


def test_import_records_version_1_and_a_known_file_makes_no_new_revision(cable):
    from edition.importer import import_sources
    from tests.support import CABLE

    source = TextSource.objects.get(file="usun-1762.xml")
    assert [(r.number, r.state, r.origin, r.author) for r in source.revisions.all()] == [
        (1, "published", "import", None)
    ]
    import_sources([CABLE])
    assert source.revisions.count() == 1


def test_tess_marks_an_ocr_error_and_publishes_it_and_rita_reads_it(cable, tess_client, rita):
    assert "LAGS BEHIND" in reading("para-4")
    response = tess_client.get(correct_url("para-4") + "?exact=LAGS&start=0&end=4")
    assert response.status_code == 200 and "Mark an OCR error" in response.content.decode()

    response = mark_ocr(tess_client, "para-4", "LAGS", "LAGGED", base=1)
    assert response.status_code == 302, response.content.decode()[:2000]
    working = TextRevision.objects.get(number=2)
    assert working.state == "working" and working.author.username == "tess" and "LAGGED" in working.tei
    # Readers still see version 1: the rows are the published text.
    assert "LAGS BEHIND" in reading("para-4")
    page = tess_client.get("/documents/usun-1762/revisions/").content.decode()
    assert "Working revision: version 2" in page and "<del>LAGS</del>" in page and "<ins>LAGGED</ins>" in page
    document_page = tess_client.get("/documents/usun-1762/").content.decode()
    assert "Version 2 is a working revision, not yet published" in document_page

    response = tess_client.post("/documents/usun-1762/revisions/publish/", {"number": 2, "message": "LAGS corrected"})
    assert response.status_code == 302
    working.refresh_from_db()
    assert working.state == "published" and working.message == "LAGS corrected"
    assert "LAGGED BEHIND" in reading("para-4")
    note = Note.objects.get(document__slug="usun-1762", kind=Note.Kind.OCR, sic="LAGS")
    assert note.corr == "LAGGED" and note.cert == "medium" and "letters are clear" in note.text
    # The witness test holds on the new revision.
    assert diplomatic_words(cable) == witness_words()

    reader = Client()
    reader.force_login(rita)
    page = reader.get("/documents/usun-1762/").content.decode()
    assert "LAGGED" in page and "letters are clear" in page
    assert "Text: version 2, " in page and "Revisions of the text" not in page
    tess_page = tess_client.get("/documents/usun-1762/").content.decode()
    assert "Revisions of the text" in tess_page and "modules/corrections" in tess_page


def test_a_correction_made_against_an_older_revision_is_refused_with_the_other_change(cable, tess, theo, client):
    client.force_login(tess)
    assert mark_ocr(client, "para-4", "LAGS", "LAGGED", base=1).status_code == 302
    client.force_login(theo)
    response = mark_ocr(client, "para-5", "OUTLINED", "OUTLINES", base=1)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Another change was saved first" in page and "<ins>LAGGED</ins>" in page
    assert TextRevision.objects.count() == 2


def test_selections_that_cross_markup_or_make_no_sense_are_refused_with_422(cable, tess_client):
    # "PARAGRAPHS FROM": half an expansion, half plain text.
    response = mark_ocr(tess_client, "para-4", "PARAGRAPHS FROM", "PARAGRAPHS FROM X", base=1)
    assert response.status_code == 422 and "crosses markup" in response.content.decode()
    response = mark_ocr(tess_client, "para-4", "LAGS", "", base=1)
    assert response.status_code == 422 and "Give the correction" in response.content.decode()
    assert TextRevision.objects.count() == 1


def test_without_javascript_tess_types_the_words(cable, tess_client):
    data = {
        "kind": "ocr", "base": 1, "view": "reading", "words": "lags", "correction": "LAGGED", "cert": "low",
        "evidence": "Typed.",
    }  # fmt: skip
    response = tess_client.post(correct_url("para-4"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "<sic>LAGS</sic>" in TextRevision.objects.get(number=2).tei


def test_an_ocr_correction_is_edited_then_withdrawn(cable, tess_client):
    assert mark_ocr(tess_client, "para-4", "LAGS", "LAGGED", base=1).status_code == 302
    tei = TextRevision.objects.get(number=2).tei
    choice_id = tei.split("<sic>LAGS</sic>")[0].rsplit('xml:id="', 1)[1].split('"')[0]
    url = f"/documents/usun-1762/corrections/{choice_id}/"
    form = tess_client.get(url).content.decode()
    assert "LAGGED" in form and "letters are clear" in form
    response = tess_client.post(url, {"base": 2, "correction": "LAG", "cert": "low", "evidence": "On second thoughts."})
    assert response.status_code == 302
    assert 'cert="low"' in TextRevision.objects.get(number=3).tei
    response = tess_client.post(url, {"base": 3, "withdraw": "1"})
    assert response.status_code == 302
    assert (
        "LAGS" in TextRevision.objects.get(number=4).tei
        and choice_id
        not in TextRevision.objects.get(number=4).tei.split("<revisionDesc>")[1].split("</revisionDesc>")[1]
    )


def test_restoring_version_1_makes_a_new_revision_with_its_text(cable, tess_client):
    assert mark_ocr(tess_client, "para-4", "LAGS", "LAGGED", base=1).status_code == 302
    tess_client.post("/documents/usun-1762/revisions/publish/", {"number": 2, "message": "LAGS"})
    assert "LAGGED" in reading("para-4")
    response = tess_client.post("/documents/usun-1762/revisions/1/restore/", {"base": 2})
    assert response.status_code == 302
    restored = TextRevision.objects.get(number=3)
    assert restored.tei == TextRevision.objects.get(number=1).tei and restored.message == "Restored version 1"
    tess_client.post("/documents/usun-1762/revisions/publish/", {"number": 3, "message": "Back to version 1"})
    assert "LAGS BEHIND" in reading("para-4")
    diff = tess_client.get("/documents/usun-1762/revisions/diff/?from=1&to=2&tei=1").content.decode()
    assert "<ins>LAGGED</ins>" in diff and "&lt;sic&gt;LAGS&lt;/sic&gt;" in diff


def test_tess_identifies_a_new_term_and_expands_an_abbreviation_and_the_indexes_update(cable, tess_client):
    data = {
        "kind": "identify", "base": 1, **select("para-4", "UNDERTAKINGS"), "words": "UNDERTAKINGS",
        "entity_kind": "term", "name": "undertakings", "identification": "The commitments of the exchange of letters.",
    }  # fmt: skip
    assert tess_client.post(correct_url("para-4"), data).status_code == 302
    form = tess_client.get(correct_url("para-5") + "?kind=abbr&exact=SOVS").content.decode()
    assert "<q>SOVIETS</q>" in form  # the expansion the edition already uses for SOVS
    tess_client.post("/documents/usun-1762/revisions/publish/", {"number": 2, "message": "A new term"})
    terms = tess_client.get("/terms/").content.decode()
    assert "undertakings" in terms
    assert 'ref="#term-undertakings-1"' in TextRevision.objects.get(number=2).tei


def test_tess_edits_an_editorial_note(cable, tess_client):
    url = "/documents/usun-1762/notes/n-ed-customary/edit/"
    assert "customary" in tess_client.get(url).content.decode()
    assert tess_client.post(url, {"base": 1, "note": ""}).status_code == 422
    assert tess_client.post(url, {"base": 1, "note": "The customary negotiators, rewritten."}).status_code == 302
    assert "The customary negotiators, rewritten." in TextRevision.objects.get(number=2).tei
