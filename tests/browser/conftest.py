"""Fixtures for the stories told in Chromium (every test in this directory is marked `browser`).

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright;
never `playwright install` (these machines cannot download browsers).
"""

import os
import re
import shutil

import pytest

from tests.support import CABLE, PASSWORD, SCAN_URL, png

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets axe-core be injected under our strict Content-Security-Policy.
    return {**browser_context_args, "bypass_csp": True, "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def login(live_server):
    """Log a browser page in through the real login form."""

    def _login(page, user, password=PASSWORD):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()

    return _login


@pytest.fixture
def csp_page(browser, browser_context_args):
    """A page under the real Content-Security-Policy (the `page` fixture bypasses it, so
    that axe can be injected). Console errors and warnings, and uncaught exceptions,
    are collected in csp_page.problems: a page that works under the CSP has none."""
    context = browser.new_context(**{**browser_context_args, "bypass_csp": False})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type in ("error", "warning") and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def axe(page):
    """axe(page) -> the axe-core results for the page as it stands."""
    from tests.axe import run_axe

    def _run(p=None, **options):
        return run_axe(p or page, options=options)

    return _run


@pytest.fixture
def scan_of_page_one(tmp_path, settings):
    """A scan of the cable's page 1, as a static file at SCAN_URL."""
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
