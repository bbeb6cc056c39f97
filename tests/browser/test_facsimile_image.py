"""A page image added later needs no code change (issue 2, section 4).

The story: the editors obtain a scan of page 1. They put the file with the
edition's static files and add `<graphic url="...">` to the page's `surface` in the
TEI. After the next import the facsimile pane shows the scan for page 1, and still
the diplomatic transcription for the pages without one.

Where the file lives: the graphic's URL is used as it stands, so a scan kept with the
edition is a static file (`static/facsimiles/…`, served by WhiteNoise after
`collectstatic`, and allowed by the CSP's img-src 'self'). The test puts a generated
PNG in a temporary static directory mounted at that prefix, which the live server's
static handler serves like any other static file. A data: URL would prove less: it
never travels over HTTP the way a real scan does.
"""

import pytest
from playwright.sync_api import expect

from tests.support import SCAN_URL

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_a_scan_added_to_the_tei_shows_in_the_facsimile_pane(cable_with_a_scan, live_server, csp_page):
    pages = list(cable_with_a_scan.pages.order_by("order"))
    assert pages[0].image_url == SCAN_URL and not any(page.image_url for page in pages[1:])

    # Under the real Content-Security-Policy: the scan comes from 'self'.
    page = csp_page
    page.goto(f"{live_server.url}/documents/usun-1762/")

    first = page.locator(f"#{pages[0].anchor} .facsimile")
    image = first.locator("img")
    expect(image).to_have_attribute("src", SCAN_URL)
    expect(image).to_have_attribute("alt", pages[0].image_alt)  # the surface's desc describes the scan
    # The scan takes the pane; the page's transcription waits behind a summary.
    expect(first.locator(".facsimile-transcription .transcription")).to_be_hidden()
    expect(first.locator("figcaption")).to_contain_text("Facsimile of page 1")
    # Chromium fetched and decoded it.
    image.scroll_into_view_if_needed()
    page.wait_for_function("(image) => image.complete && image.naturalWidth === 425", arg=image.element_handle())

    for other in pages[1:]:
        pane = page.locator(f"#{other.anchor} .facsimile")
        expect(pane.locator("img")).to_have_count(0)
        expect(pane.get_by_role("region", name=f"Diplomatic transcription of page {other.n}")).to_be_visible()
    assert page.problems == []
