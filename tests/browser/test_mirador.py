"""Mirador 4 shows the cable's manifest (issue 10).

The story: rita, developing the edition on her own machine (DEBUG on, no SITE_ROOT), opens the
cable's IIIF manifest in Mirador 4, a viewer nobody here wrote (from npm, pinned in
package-lock.json; its UMD build, dist/mirador.min.js, served on a test-only page of the live
server by Playwright's router, never by the app). Mirador lists the cable's 4 pages, paints each
with the app's typed-page rendering (the ids follow the live server's host and port, so every image
loads), and its annotation panel lists alice's published gloss on the page shown.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.support import ROOT, publish_client_glosses

pytestmark = pytest.mark.usefixtures("transactional_db")

MIRADOR = ROOT / "node_modules" / "mirador" / "dist" / "mirador.min.js"
VIEWER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mirador (test page)</title></head>
<body><div id="viewer" style="position: absolute; inset: 0"></div>
<script src="/__mirador__/mirador.min.js"></script>
<script>
  window.viewer = Mirador.viewer({ id: "viewer", windows: [{ manifestId: MANIFEST, view: "gallery" }] });
</script></body></html>"""


def open_in_mirador(page, live_server, manifest_url):
    assert MIRADOR.exists(), f"{MIRADOR} is missing: run `make test` (npm ci)"

    def answer(route):
        if route.request.url.endswith("/mirador.min.js"):
            route.fulfill(status=200, content_type="text/javascript", body=MIRADOR.read_bytes())
        else:
            body = VIEWER_PAGE.replace("MANIFEST", f'"{manifest_url}"')
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)

    page.route(re.compile(r".*/__mirador__/.*"), answer)
    page.goto(live_server.url + "/__mirador__/index.html")


def test_mirador_shows_the_four_typed_pages_and_a_gloss_in_its_annotation_panel(
    cable, alice, live_server, page, settings
):
    settings.DEBUG = True  # developing: no SITE_ROOT, so ids follow the live server's host and port
    settings.SITE_ROOT_FOLLOWS_REQUEST = True
    publish_client_glosses(cable, alice)
    images = []
    page.on("response", lambda r: "/rendering.svg" in r.url and images.append((r.url, r.status)))
    open_in_mirador(page, live_server, f"{live_server.url}/documents/usun-1762/manifest.json")

    # The gallery: the 4 canvases, by their labels, each painted with its page image.
    gallery = page.get_by_role("region", name="gallery section")
    for number in range(1, 5):
        expect(gallery.get_by_role("button", name=f"Page {number}", exact=True)).to_be_visible(timeout=30_000)
    expect(gallery.get_by_role("button")).to_have_count(4)
    page.wait_for_function(
        """() => {
            const images = [...document.querySelectorAll('.mirador-window img[src$="rendering.svg"]')];
            return images.length === 4 && images.every((image) => image.complete && image.naturalWidth === 1700);
        }""",
        timeout=30_000,
    )
    sources = page.eval_on_selector_all('.mirador-window img[src$="rendering.svg"]', "images => images.map(i => i.src)")
    assert sorted(sources) == [f"{live_server.url}/documents/usun-1762/pages/{n}/rendering.svg" for n in range(1, 5)]
    assert sorted(images) == sorted((source, 200) for source in sources)

    # Page 1, and its annotations: alice's gloss on para-3 is listed.
    gallery.get_by_role("button", name="Page 1", exact=True).dblclick()
    page.get_by_role("button", name="Toggle sidebar").click()
    page.get_by_role("tab", name=re.compile("Annotations", re.I)).click()
    panel = page.locator(".mirador-companion-window-left")
    expect(panel).to_contain_text("Words the facsimile pane and a note repeat.", timeout=30_000)
