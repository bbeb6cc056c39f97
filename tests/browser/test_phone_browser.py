"""A student reads the cable on a 390 px phone with touch: the message starts on the first screen
(metadata, editorial principles and page 1's form lines folded above it); a tapped note opens in a
bottom sheet that never hides the tapped number, and Back closes it without leaving the document;
every tap target is at least 44 × 44 px; no page scrolls sideways from 320 px upwards."""

import re

import pytest
from playwright.sync_api import expect

from tests.support import cable_url

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LETTER = "/documents/frus1961-63v06-d67/"


@pytest.fixture
def phone(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    yield context.new_page()
    context.close()


def top_in_page(locator):
    return locator.evaluate("(element) => element.getBoundingClientRect().top + window.scrollY")


def test_the_message_starts_on_the_first_screen(cable, live_server, phone):
    page = phone
    page.goto(cable_url(live_server))
    first_line = page.locator("#opener-from")  # "FROM: NEW YORK"
    expect(first_line).to_contain_text("FROM: NEW YORK")
    y = top_in_page(first_line)
    print(f"\nfirst line of the message at y = {y:.0f} px on a 390 x 844 screen")
    assert y + first_line.bounding_box()["height"] <= 844, f"the message begins below the first screen (y = {y})"
    expect(first_line).to_be_in_viewport()
    # What stood above it is folded, one tap away.
    summaries = page.locator(".doc-disclosures > details > summary")
    expect(summaries).to_have_count(3)
    assert [text.split()[0] for text in summaries.all_inner_texts()] == ["About", "Editorial", "Cite"]
    expect(page.locator(".doc-disclosures > details[open]")).to_have_count(0)
    assert top_in_page(page.locator("details.reader-principles")) < y
    expect(page.locator('[id="p1-form-heading"]')).to_be_hidden()
    page.locator("#page-1 details.furniture-run > summary").first.tap()
    expect(page.locator('[id="p1-form-heading"]')).to_be_visible()


def test_back_closes_the_sheet_and_the_reader_stays_on_the_document(cable, live_server, phone):
    page = phone
    page.goto(cable_url(live_server))
    address = page.url
    marker = page.locator(".passage--p a.noteref--ocr").first
    marker.tap()
    sheet = page.get_by_role("dialog")
    expect(sheet).to_be_visible()
    page.go_back()
    expect(sheet).to_be_hidden()
    assert page.url == address, "Back closed the sheet and left the reader on the document"
    expect(page.locator("#opener-from")).to_be_attached()
    expect(marker).to_be_focused()
    # Closing it by its button takes its history entry away too: Back then leaves the page as usual.
    marker.tap()
    expect(sheet).to_be_visible()
    sheet.get_by_role("button", name="Close").tap()
    expect(sheet).to_be_hidden()
    assert page.url == address
    assert page.evaluate("window.history.state === null || !window.history.state.noteSheet")


def test_the_sheet_never_hides_the_tapped_marker(cable, live_server, phone):
    page = phone
    page.goto(cable_url(live_server))
    # A marker low on the screen, where the sheet rises.
    for marker in page.locator(".passage--p a.noteref").all():
        marker.scroll_into_view_if_needed()
        page.evaluate("(y) => window.scrollBy(0, y)", -(844 - 120) + marker.bounding_box()["y"])
        box = marker.bounding_box()
        if 844 - 160 < box["y"] < 844 - 60:
            break
    else:
        pytest.fail("no marker could be brought near the bottom of the screen")
    marker.tap()
    sheet = page.get_by_role("dialog")
    expect(sheet).to_be_visible()
    page.wait_for_timeout(200)
    sheet_top, box = sheet.bounding_box()["y"], marker.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= sheet_top, (box, sheet_top)


def test_markers_and_other_tap_targets_are_at_least_44_px(cable, live_server, phone):
    page = phone
    page.goto(cable_url(live_server))
    targets = page.locator(
        "main a.noteref, .view-nav a, .bar-menu > summary, .doc-disclosures summary, .furniture-run > summary,"
        " .passage-tools a, .site-nav a, .site-search button, .note-back a"
    )
    small = targets.evaluate_all(
        """(elements) => elements.filter((element) => element.getClientRects().length).map((element) => {
            const box = element.getBoundingClientRect();
            return [element.className || element.tagName, element.textContent.trim().slice(0, 20),
                    Math.round(box.width), Math.round(box.height)];
        }).filter(([, , width, height]) => width < 44 || height < 44)"""
    )
    assert targets.count() > 100
    assert small == [], small


@pytest.mark.parametrize("width", [320, 390, 768])
def test_no_page_scrolls_sideways(width, cable, edition, live_server, browser, browser_context_args):
    context = browser.new_context(
        **{**browser_context_args, "viewport": {"width": width, "height": 800}, "is_mobile": True, "has_touch": True}
    )
    page = context.new_page()
    for path in (
        "/documents/usun-1762/",
        "/documents/usun-1762/?view=diplomatic&display=1&furniture=1&gutter=1&marks=1&pane=notes",
        "/documents/usun-1762/?display=1&pane=cited",
        LETTER,
        "/",
        "/persons/",
        "/search/?q=IL-28",
    ):
        page.goto(live_server.url + path)
        page.locator(".display-menu > summary, .legend-menu > summary").evaluate_all(
            "(summaries) => summaries.forEach((summary) => summary.parentElement.open = true)"
        )
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{path} at {width} px scrolls sideways: {widths}"
    context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_the_site_links_wrap_on_a_phone_and_each_is_on_screen(width, cable, live_server, browser, browser_context_args):
    context = browser.new_context(
        **{**browser_context_args, "viewport": {"width": width, "height": 844}, "is_mobile": True, "has_touch": True}
    )
    page = context.new_page()
    page.goto(cable_url(live_server))
    nav = page.get_by_role("navigation", name="Site")
    # The row does not scroll sideways on its own: it wraps, and nothing of it lies past the screen's edge.
    widths = nav.locator("ul").evaluate("(list) => [list.scrollWidth, list.clientWidth]")
    assert widths[0] <= widths[1], f"the site links scroll sideways at {width} px: {widths}"
    links = nav.get_by_role("link")
    expect(links).to_have_count(7)  # Home … Editor log in
    for link in links.all():
        box = link.bounding_box()
        name = link.inner_text()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{name!r} lies off the screen: {box}"
        assert box["height"] >= 44, f"{name!r} is {box['height']} px high"
    # Every link is there to tap: the last one too, where the row used to run off the screen.
    links.last.tap()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    context.close()
