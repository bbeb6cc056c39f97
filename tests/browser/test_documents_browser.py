"""In Chromium: a student narrows the list of letters as she types, pages
through it, and goes from a cited letter back to the cable. The pages she
meets have no axe violations."""

import re

import pytest
from playwright.sync_api import expect

from tests.axe import violations


@pytest.fixture
def imported(transactional_db, edition):
    return edition


def test_typing_a_name_filters_the_letters_without_reloading_the_page(imported, live_server, page, axe):
    page.goto(live_server.url + "/documents/")
    expect(page.get_by_role("heading", name="120 documents, page 1 of 6")).to_be_visible()
    assert violations(axe()) == []
    page.evaluate("window.notReloaded = true")
    page.get_by_label("From", exact=True).fill("Khrushchev")
    page.get_by_label("Month").select_option("1962-10")
    expect(page.get_by_role("heading", name="6 documents")).to_be_visible()
    expect(page).to_have_url(re.compile(r"sender=Khrushchev.*month=1962-10"))
    assert page.evaluate("window.notReloaded") is True
    expect(page.get_by_role("link", name="66. Letter From Chairman Khrushchev to President Kennedy")).to_be_visible()
    page.get_by_role("link", name="Show all").click()
    page.get_by_role("link", name="Page 2").click()
    expect(page.get_by_role("heading", name="120 documents, page 2 of 6")).to_be_visible()


def test_from_the_cited_letter_back_to_the_cable_and_on_to_the_persons(imported, live_server, page, axe):
    page.goto(live_server.url + "/documents/frus1961-63v06-d69/")
    assert violations(axe()) == []
    cited = page.locator(".cited-by")
    cited.get_by_role("link", name=re.compile("FIRM UNDERTAKINGS")).click()
    expect(page).to_have_url(re.compile(r"/documents/usun-1762/#para-4$"))
    expect(page.locator("#para-4")).to_be_in_viewport()
    page.goto(live_server.url + "/persons/frus1961-63v06-p_kns2/")
    assert violations(axe()) == []
    page.get_by_role("link", name="Nikita S. Khrushchev").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nikita S. Khrushchev")
