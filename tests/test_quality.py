"""Every kind of page a reader meets is valid HTML.

A reader may arrive anywhere: on the home page, in the cable (read or
diplomatic), in a FRUS letter, on a passage's citation page, in the indexes,
or on the editors' login page. Each must be valid HTML for the Nu Html Checker
(vnu.jar from npm, run by the system Java). The same pages show zero axe-core
violations in Chromium: tests/browser/test_quality_browser.py.

The Nu checker starts a JVM (1–3 s), so the served pages are rendered once for
the module and checked in a single vnu run.
"""

import pytest
from django.db import transaction
from django.test import Client

from tests.support import PAGE_NAMES, PAGES, editor_with_glosses, import_for, nu_check, path_of


@pytest.fixture(scope="module")
def nu_errors(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every page as the server sends it, checked by the Nu Html Checker in one run.

    The edition is imported inside a transaction that is rolled back once the
    pages are rendered, so nothing outlives this fixture."""
    served = {}
    with django_db_blocker.unblock(), transaction.atomic():
        import_for("edition")
        reader, editor = Client(), Client()
        editor.force_login(editor_with_glosses())
        for name, _need, who in PAGES:
            client = editor if who == "editor" else reader
            response = client.get(path_of(name))
            assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
            served[name] = response.content.decode()
        transaction.set_rollback(True)
    return nu_check(served, tmp_path_factory.mktemp("nu"))


# django_db: tells pytest-django to set up the test database that `nu_errors` uses.
@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_is_valid_html(name, nu_errors):
    errors = nu_errors[name]
    assert not errors, f"{len(errors)} Nu errors on {name}:\n" + "\n".join(errors)
