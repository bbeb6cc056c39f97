"""Shared fixtures: the imported edition, and the personas the stories are told about.

- a reader: logged in, but no editor rights;
- an editor and a second editor: members of the "editors" group;
- an intruder: anonymous, trying to write.

Plain helpers (paths, the external checkers, browser helpers) are in tests/support.py.
The Chromium stories, and their fixtures, are in tests/browser/: every test there is
marked `browser`, so `pytest -m "not browser"` starts no browser.
"""

import os
from pathlib import Path

import pytest

from tests.support import CABLE, FRUS, PASSWORD, SOURCES, make_user

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from tests that also drive a page.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Mark the browser tests by where they live; refuse one that drives a browser from elsewhere,
    since `-m "not browser"` would start Chromium for it."""
    strays = []
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
        elif {"browser_name", "playwright"} & set(getattr(item, "fixturenames", ())):
            strays.append(item.nodeid)
    if strays:
        raise pytest.UsageError("Tests that drive a browser belong in tests/browser/: " + ", ".join(strays))


@pytest.fixture(autouse=True)
def _isolated_sources(settings):
    settings.SOURCES_DIR = SOURCES


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty page cache (edition/caching.py), as it starts with its own
    database: a rolled-back test leaves versions behind that the next test would reach again."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from edition.served_pages import SERVED

    SERVED.clear()  # the pages each process keeps in front of that cache (edition/served_pages.py)
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()  # never a shared Redis: its clear() empties the whole database


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
def maintainer_client(client, db):
    """mara, a superuser who looks after the admin."""
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("mara", "mara@example.org", PASSWORD))
    return client


@pytest.fixture
def draft_by_alice(cable, alice):
    """A draft gloss by alice on the cable's first paragraph, written through the gloss domain."""
    from edition.glosses import create_gloss

    return create_gloss(alice, cable, "para-1", None, "A note.")
