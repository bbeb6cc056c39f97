"""The corpus tests read the whole FRUS volume: import it once per module.

Importing the volume takes over a second, so the modules here that only read
(no browser, no writes that outlive a test) share one import, committed
before their first test and removed after their last. Each test still runs in
its own rolled-back transaction. Browser tests (transactional_db, which empties
the database after each test) use the function-scoped `edition` fixture instead.
"""

import pytest

from tests.conftest import CABLE, FRUS


@pytest.fixture(scope="module")
def imported_once(django_db_setup, django_db_blocker):
    from edition.importer import import_sources
    from edition.models import Document, Entity

    with django_db_blocker.unblock():
        import_sources([CABLE, FRUS])
    yield
    with django_db_blocker.unblock():
        Document.objects.all().delete()
        Entity.objects.all().delete()


@pytest.fixture
def corpus(imported_once, db):
    """The cable and the FRUS volume, imported (shared by the module's tests)."""
    from edition.models import Document

    return Document.objects.get(slug="usun-1762")
