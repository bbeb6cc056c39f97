"""A student searches the edition: the telegram, its notes and the FRUS letters."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import CABLE, FRUS, imported_once

edition_once = imported_once(CABLE, FRUS)


@pytest.fixture
def imported(edition_once, db):
    return None


def results(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def hit_links(html):
    return re.findall(r'<p class="hit-where"><a href="([^"]+)"', html)


def test_a_student_finds_the_bombers_in_the_telegram_and_the_letters(client, imported):
    html = results(client, "IL-28")
    links = hit_links(html)
    assert links[0].startswith("/documents/usun-1762/#")  # the telegram comes first
    assert any(link.startswith("/documents/frus1961-63v06-") for link in links)
    assert "<mark>IL-28</mark>" in html


def test_every_word_must_occur_and_a_quoted_phrase_is_one(client, imported):
    both = hit_links(results(client, "quarantine invasion", scope="edition"))
    phrase = hit_links(results(client, '"lift quarantine"', scope="edition"))
    assert both and phrase
    assert set(phrase) <= set(hit_links(results(client, "lift quarantine", scope="edition")))
    assert not hit_links(results(client, '"quarantine lift"', scope="edition"))


def test_the_ocr_misreading_leads_to_the_diplomatic_view_where_it_stands(client, imported):
    links = hit_links(results(client, "DISTANTLING"))
    assert "/documents/usun-1762/?view=diplomatic#para-4" in links
    assert "/documents/usun-1762/#n-ocr-dismantling" in links  # its editorial note
    assert "/documents/usun-1762/#para-4" in hit_links(results(client, "DISMANTLING", scope="edition"))


def test_the_scope_narrows_to_the_letters(client, imported):
    links = hit_links(results(client, "Khrushchev", scope="corpus"))
    assert links and all(link.startswith("/documents/frus1961-63v06-") for link in links)
    assert 'rel="next"' in results(client, "Khrushchev", scope="corpus")  # paged, 20 a page


def test_a_hostile_query_is_shown_as_text(client, imported):
    html = results(client, '<script>alert(1)</script>')
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_nothing_found_says_what_to_try(client, imported):
    assert "Nothing found" in results(client, "zeppelin")
    assert "Search the telegram" in results(client, "")


def test_results_update_as_the_student_types_without_a_reload(edition, live_server, page):
    page.goto(live_server.url + "/search/")
    page.evaluate("window.__marker = 1")
    page.get_by_label('Words or a "quoted phrase"').fill("KUZNETSOV")
    expect(page.locator("#search-results-heading")).to_contain_text("for “KUZNETSOV”")
    assert page.evaluate("window.__marker") == 1
    assert "q=KUZNETSOV" in page.url
    page.get_by_label("In", exact=True).select_option("edition")
    expect(page.locator(".hit").first).to_contain_text("KUZNETSOV")
    page.locator(".hit a").first.click()
    expect(page).to_have_url(re.compile(r"/documents/usun-1762/#"))


def test_a_history_restore_gets_the_whole_page_not_the_results_fragment(client, imported):
    """htmx asks with HX-Request (and no target) when it restores a page from history."""
    response = client.get("/search/", {"q": "IL-28"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert response.content.decode().lstrip().startswith("<!DOCTYPE html>")
    swap = client.get("/search/", {"q": "IL-28"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-results")
    assert swap.content.decode().lstrip().startswith('<section id="search-results"')
    assert "HX-Request" in response["Vary"]


def test_every_page_answers_head_too(client, imported):
    for path in ("/", "/documents/usun-1762/", "/search/?q=IL-28", "/persons/", "/documents/"):
        assert client.head(path).status_code == 200, path
