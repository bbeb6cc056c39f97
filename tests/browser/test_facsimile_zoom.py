"""A historian zooms into a page scan to read a detail, without dragging (WCAG 2.5.7).

The story: page 1 of the cable has a scan (added to the TEI as a `graphic`, as in
test_facsimile_image). Beside it, the reader finds buttons to zoom in and out, to fit
the scan to its pane again, and to pan it left, right, up and down. The current zoom
is announced politely. A keyboard user Tabs to the same buttons, and can scroll the
zoomed scan with the arrow keys. The pages without a scan keep their transcription,
with no buttons. The buttons keep working, and the zoom is kept, when the reader
switches to the diplomatic text (an htmx swap); and all of it runs under the real
Content-Security-Policy. Without JavaScript the scan simply fits its pane.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.axe import violations
from tests.support import SCAN_URL, tab_to

pytestmark = pytest.mark.usefixtures("transactional_db")

# What the reader sees of the scan: its width on screen, the pane's, and how far the pane is scrolled.
SCAN = """(figure) => {
    const view = figure.querySelector('.facsimile-view') || figure;
    const image = figure.querySelector('img');
    return {width: image.getBoundingClientRect().width, pane: view.clientWidth,
            left: view.scrollLeft, top: view.scrollTop};
}"""


def open_the_cable(page, live_server):
    page.goto(f"{live_server.url}/documents/usun-1762/")
    scan = page.locator("#page-1 .facsimile")
    scan.locator("img").scroll_into_view_if_needed()
    page.wait_for_function(
        "(image) => image.complete && image.naturalWidth > 0", arg=scan.locator("img").element_handle()
    )
    return scan


def seen(scan):
    return scan.evaluate(SCAN)


def assert_zoom(scan, percent):
    """The status says the zoom, and the scan is that wide against its pane."""
    expect(scan.get_by_role("status")).to_have_text(f"Zoom {percent}%")
    shown = seen(scan)
    assert shown["width"] == pytest.approx(shown["pane"] * percent / 100, rel=0.01), shown


def test_a_reader_zooms_pans_and_fits_the_scan_with_buttons(cable_with_a_scan, live_server, page, axe):
    scan = open_the_cable(page, live_server)

    # Only the page with a scan has the buttons; the others keep their transcription.
    expect(page.locator(".facsimile-tools")).to_have_count(1)
    for section in page.locator("section.page").all()[1:]:
        expect(section.locator(".facsimile .transcription")).to_be_visible()
    expect(scan.get_by_role("region", name="Scan of page 1, scrollable")).to_be_visible()
    assert_zoom(scan, 100)  # fits the pane, as without JavaScript

    # Every button is named after what it does to which page, and is big enough to hit.
    names = [
        "Zoom in on page 1",
        "Zoom out of page 1",
        "Fit page 1 to the pane",
        "Pan left on page 1",
        "Pan up on page 1",
        "Pan down on page 1",
        "Pan right on page 1",
    ]
    for name in names:
        box = scan.get_by_role("button", name=name).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, f"{name}: {box}"
    expect(scan.get_by_role("button", name="Zoom out of page 1")).to_have_attribute("aria-disabled", "true")

    scan.get_by_role("button", name="Zoom in on page 1").click()
    assert_zoom(scan, 150)
    scan.get_by_role("button", name="Zoom in on page 1").click()
    assert_zoom(scan, 200)
    expect(scan.get_by_role("button", name="Zoom out of page 1")).to_have_attribute("aria-disabled", "false")

    before = seen(scan)
    scan.get_by_role("button", name="Pan right on page 1").click()
    assert seen(scan)["left"] > before["left"]
    scan.get_by_role("button", name="Pan down on page 1").click()
    assert seen(scan)["top"] > before["top"]
    after = seen(scan)
    scan.get_by_role("button", name="Pan left on page 1").click()
    assert seen(scan)["left"] < after["left"]

    # With the buttons in place and the scan zoomed. From the top of the page: scrolled down,
    # the sticky view switch half covers the header's links, which axe counts as crowded targets.
    page.evaluate("window.scrollTo(0, 0)")
    assert violations(axe()) == []

    scan.get_by_role("button", name="Zoom out of page 1").click()
    assert_zoom(scan, 150)
    scan.get_by_role("button", name="Fit page 1 to the pane").click()
    assert_zoom(scan, 100)
    assert seen(scan)["left"] == 0 and seen(scan)["top"] == 0


def test_a_keyboard_user_zooms_and_pans_the_scan(cable_with_a_scan, live_server, page):
    scan = open_the_cable(page, live_server)
    zoom_in = scan.get_by_role("button", name="Zoom in on page 1")

    tab_to(page, zoom_in)
    expect(zoom_in).to_have_css("outline-style", "solid")  # the focus is visible
    page.keyboard.press("Enter")
    assert_zoom(scan, 150)
    page.keyboard.press("Space")
    assert_zoom(scan, 200)

    pan_right = scan.get_by_role("button", name="Pan right on page 1")
    tab_to(page, pan_right, limit=6)
    before = seen(scan)["left"]
    page.keyboard.press("Space")
    assert seen(scan)["left"] > before

    # The zoomed scan is a region in the Tab order, which the arrow keys scroll.
    region = scan.get_by_role("region", name="Scan of page 1, scrollable")
    tab_to(page, region, limit=3)
    before = seen(scan)
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "([figure, top]) => figure.querySelector('.facsimile-view').scrollTop > top",
        arg=[scan.element_handle(), before["top"]],
    )


def test_the_zoom_survives_a_switch_of_view_under_the_real_csp(cable_with_a_scan, live_server, csp_page):
    # The other tests bypass the CSP so that axe can be injected; this one keeps it.
    page = csp_page
    scan = open_the_cable(page, live_server)
    assert "style-src 'self'" in page.request.get(page.url).headers["content-security-policy"]

    scan.get_by_role("button", name="Zoom in on page 1").click()
    scan.get_by_role("button", name="Zoom in on page 1").click()
    assert_zoom(scan, 200)

    # The reader compares the detail with the diplomatic text: the scans are rendered anew.
    page.get_by_role("link", name="Diplomatic text").click()
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bview-diplomatic\b"))
    expect(page.locator(".facsimile-tools")).to_have_count(1)
    assert_zoom(scan, 200)
    scan.get_by_role("button", name="Zoom in on page 1").click()
    assert_zoom(scan, 300)
    before = seen(scan)["left"]
    scan.get_by_role("button", name="Pan right on page 1").click()
    assert seen(scan)["left"] > before
    scan.get_by_role("button", name="Fit page 1 to the pane").click()
    assert_zoom(scan, 100)

    assert page.problems == []


def test_without_javascript_the_scan_fits_its_pane(cable_with_a_scan, live_server, browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    page = context.new_page()
    page.goto(f"{live_server.url}/documents/usun-1762/")
    scan = page.locator("#page-1 .facsimile")
    expect(scan.locator("img")).to_have_attribute("src", SCAN_URL)
    expect(page.get_by_role("button", name=re.compile("Zoom"))).to_have_count(0)
    shown = seen(scan)
    assert shown["width"] <= shown["pane"]
    context.close()
