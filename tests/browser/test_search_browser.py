"""Rita searches in Chromium: results follow her typing without a reload, the page a result
opens marks the words and lets her step from hit to hit, and none of it has an axe violation
(the search itself is told in tests/test_search.py)."""

import re

from playwright.sync_api import expect

from tests.axe import violations


def test_results_update_as_the_student_types_without_a_reload(edition, live_server, page):
    page.goto(live_server.url + "/search/")
    page.evaluate("window.__marker = 1")
    page.get_by_label('Words or a "quoted phrase"').fill("KUZNETSOV")
    expect(page.locator("#search-results-heading")).to_contain_text("for “KUZNETSOV”")
    assert page.evaluate("window.__marker") == 1
    assert "q=KUZNETSOV" in page.url  # the address stays shareable
    page.get_by_label("In", exact=True).select_option("edition")
    expect(page.locator("#search-results-heading")).to_contain_text("for “KUZNETSOV”")
    expect(page).to_have_url(re.compile(r"scope=edition"))
    assert page.evaluate("window.__marker") == 1
    expect(page.locator(".hit").first).to_contain_text(re.compile("KUZNETSOV", re.I))
    page.locator(".hit a").first.click()
    expect(page).to_have_url(re.compile(r"/documents/usun-1762/\?.*hl=.*#"))


def test_the_header_box_searches_from_any_page(edition, live_server, page):
    page.goto(live_server.url + "/persons/")
    box = page.get_by_role("search", name="Site search")
    box.get_by_label("Search the edition").fill("quarentine")
    box.get_by_role("button", name="Search").click()
    expect(page.locator("#search-results-heading")).to_contain_text("No results for “quarentine”")
    page.get_by_role("link", name="quarantine").click()
    expect(page.locator("#search-results-heading")).to_contain_text("for “quarantine”")


def test_the_landing_page_marks_the_words_and_steps_from_hit_to_hit(edition, live_server, csp_page):
    page = csp_page
    page.goto(live_server.url + "/search/?q=quarantine&scope=edition&kind=text")
    page.get_by_role("link", name="¶ 6, p. 2").click()
    expect(page).to_have_url(re.compile(r"hl=QUARANTINE.*#para-6"))
    marks = page.locator("mark.search-hit")
    expect(marks.first).to_be_visible()
    total = marks.count()
    assert total >= 3  # ¶ 6 twice, ¶ 8, item (1)...
    current = page.locator("#para-6 mark.search-hit--current")
    expect(current).to_have_count(1)  # the hit the result pointed to
    status = page.locator(".search-steps-status")
    first = int(re.search(r"hit (\d+) of", status.inner_text()).group(1))
    page.get_by_role("button", name="Next hit").click()
    expect(status).to_contain_text(f"hit {first + 1} of {total}")
    focused = page.evaluate("document.activeElement.classList.contains('search-hit--current')")
    assert focused
    page.get_by_role("button", name="Previous hit").click()
    expect(status).to_contain_text(f"hit {first} of {total}")
    page.get_by_role("button", name="Clear highlighting").click()
    expect(page.locator("mark.search-hit")).to_have_count(0)
    assert not page.problems, page.problems


def test_a_diplomatic_hit_opens_the_diplomatic_view_with_the_word_marked(edition, live_server, page):
    page.goto(live_server.url + "/search/?q=DISTANTLING")
    page.locator(".hit-text a").first.click()
    expect(page).to_have_url(re.compile(r"view=diplomatic.*#para-4"))
    expect(page.locator("#para-4 mark.search-hit").first).to_have_text("DISTANTLING")


def test_search_pages_have_no_axe_violations(edition, live_server, page, axe):
    for path in (
        "/search/?q=quarantine",
        "/search/?q=zeppelin",
        "/search/?q=Kuznetzov",
        "/documents/usun-1762/?hl=QUARANTINE&hl=quarantine#para-6",
    ):
        page.goto(live_server.url + path)
        page.wait_for_load_state()
        found = violations(axe())
        assert not found, f"axe violations on {path}:\n" + "\n".join(found)
