"""A student searches in Chromium: the results follow her typing, without a reload
(the search itself is told in tests/test_search.py)."""

import re

from playwright.sync_api import expect


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
