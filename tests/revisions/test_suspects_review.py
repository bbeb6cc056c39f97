"""Tess reviews the suspect words of the cable: Accept opens the OCR form prefilled, Dismiss
records why, and the word is not listed again."""

import re
from html import unescape

import pytest

from edition.models import SuspectDecision
from edition.models.revisions import TextRevision
from edition.suspects import document_queue


@pytest.fixture
def tess_client(client, tess):
    client.force_login(tess)
    return client


def accept_link(page, words):
    for href in re.findall(r'href="([^"]*correct/[^"]*)"', page):
        href = unescape(href)
        if f"exact={words}" in href:
            return href
    raise AssertionError(f"no Accept link for {words}")


def test_accept_opens_the_prefilled_ocr_form_and_saving_it_marks_the_error(cable, tess_client):
    page = tess_client.get("/documents/usun-1762/suspects/").content.decode()
    assert "In the page furniture" in page and "<q>TRT</q>" in page
    form = tess_client.get(accept_link(page, "TRT"))
    html = form.content.decode()
    assert form.status_code == 200
    best = next(s for s in document_queue(cable) if s.words == "TRT").best  # the queue's first suggestion
    assert best and f'name="correction" value="{best}"' in html and 'name="view" value="diplomatic"' in html
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    data = {**fields, "kind": "ocr", "words": "TRT", "correction": best, "cert": "low", "evidence": "Accepted."}
    response = tess_client.post("/documents/usun-1762/passages/p4-initials-trt/correct/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "<sic>TRT</sic>" in TextRevision.objects.get(number=2).tei


def test_dismiss_needs_a_reason_and_the_word_is_not_listed_again(cable, tess_client):
    response = tess_client.post("/documents/usun-1762/suspects/dismiss/", {"word": "TRT", "reason": ""})
    assert response.status_code == 422 and "reason" in response.content.decode()
    response = tess_client.post(
        "/documents/usun-1762/suspects/dismiss/",
        {"word": "TRT", "passage": "p4-initials-trt", "reason": "The typist's initials."},
    )
    assert response.status_code == 302
    assert SuspectDecision.objects.get(words="TRT").reason == "The typist's initials."
    assert "<q>TRT</q>" not in tess_client.get("/documents/usun-1762/suspects/").content.decode()
