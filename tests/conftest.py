"""Shared fixtures: the imported edition, and the personas the stories are told about.

- a reader: logged in, but no editor rights;
- an editor and a second editor: members of the "editors" group;
- an intruder: anonymous, trying to write.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright;
never `playwright install` (these machines cannot download browsers).
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from tests that also drive a page.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
CABLE = SOURCES / "usun-1762.xml"
FRUS = SOURCES / "frus1961-63v06.xml"
SHARED = ROOT.parent / "shared"

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    # Browser tests are marked so they can be run (or left out) as a group: -m browser
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets axe-core be injected under our strict Content-Security-Policy.
    return {**browser_context_args, "bypass_csp": True, "viewport": {"width": 1280, "height": 800}}


@pytest.fixture(autouse=True)
def _isolated_sources(settings):
    settings.SOURCES_DIR = SOURCES


def imported_once(*paths):
    """A module-scoped fixture for modules whose tests only read: the sources are
    imported once and committed before the module's first test, and removed after
    its last. Each test still runs in its own rolled-back transaction on top.
    (Browser tests use transactional_db, which empties the database after each
    test: they take the function-scoped `edition` or `cable` fixtures instead.)"""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        from edition.importer import import_sources
        from edition.models import Document, Entity

        with django_db_blocker.unblock():
            import_sources(list(paths))
        yield
        with django_db_blocker.unblock():
            Document.objects.all().delete()
            Entity.objects.all().delete()

    return fixture


@pytest.fixture
def edition(db):
    """The whole edition imported: the cable and the FRUS volume."""
    from edition.importer import import_sources
    from edition.models import Document

    if not Document.objects.filter(slug="usun-1762").exists() or not Document.objects.corpus().exists():
        import_sources([CABLE, FRUS])
    return Document.objects.get(slug="usun-1762")


@pytest.fixture
def cable(db):
    """Only the cable imported (fast)."""
    from edition.importer import import_sources
    from edition.models import Document

    if not Document.objects.filter(slug="usun-1762").exists():
        import_sources([CABLE])
    return Document.objects.get(slug="usun-1762")


def make_user(username, editor=False):
    from django.contrib.auth.models import User

    user = User.objects.create_user(username, f"{username}@example.org", "correct horse battery staple")
    if editor:
        from edition.permissions import editors_group

        user.groups.add(editors_group())
    return user


@pytest.fixture
def alice(db):
    """Alice, an editor."""
    return make_user("alice", editor=True)


@pytest.fixture
def bob(db):
    """Bob, a second editor."""
    return make_user("bob", editor=True)


@pytest.fixture
def rita(db):
    """Rita, a reader with an account but no editor rights."""
    return make_user("rita")


@pytest.fixture
def editor_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def reader_client(client, rita):
    client.force_login(rita)
    return client


@pytest.fixture
def intruder_client(client):
    """Anonymous, and trying to write."""
    return client


@pytest.fixture
def shared_dir():
    return SHARED


@pytest.fixture
def login(live_server):
    """Log a browser page in through the real login form."""

    def _login(page, user, password="correct horse battery staple"):
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
