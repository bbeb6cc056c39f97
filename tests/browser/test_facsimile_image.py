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

import re
import struct
import zlib

import pytest
from playwright.sync_api import expect

from tests.conftest import CABLE

pytestmark = pytest.mark.usefixtures("transactional_db")

SCAN_URL = "/static/facsimiles/usun-1762-page-1.png"


def png(width, height):
    """A greyscale PNG of a typed page: paper, with darker bands for the lines (pure Python)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(
        b"\x00" + bytes([70 if 60 <= y < height - 60 and y % 24 < 10 else 235]) * width for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


@pytest.fixture
def scan_of_page_one(tmp_path, settings):
    """The scan, as a static file at SCAN_URL."""
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "usun-1762-page-1.png").write_bytes(png(425, 550))
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("facsimiles", scans)]
    return SCAN_URL


@pytest.fixture
def cable_with_a_scan(tmp_path, scan_of_page_one, db):
    """The cable imported from a copy of its TEI whose first surface now has a graphic."""
    from edition.importer import import_sources
    from edition.models import Document

    tei = CABLE.read_text(encoding="utf-8")
    surface = re.search(r'<surface xml:id="surface-1"[^>]*>.*?(</desc>)', tei, re.S)
    assert surface, "the cable's TEI has no surface-1 with a desc"
    # The editors describe the page as scanned now, and point to the scan.
    described = surface.group(0).replace(" (no image available)", "")
    graphic = f'\n      <graphic url="{scan_of_page_one}" width="425px" height="550px"/>'
    tei = tei[: surface.start()] + described + graphic + tei[surface.end() :]
    copy = tmp_path / CABLE.name
    copy.write_text(tei, encoding="utf-8")
    import_sources([copy])
    return Document.objects.get(slug="usun-1762")


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
