"""Fixtures for the speed stories: the whole edition imported once per module."""

import pytest

from tests.support import CABLE, FRUS, imported_once

edition_once = imported_once(CABLE, FRUS)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cable(edition_once, db):
    from edition.models import Document

    return Document.objects.get(slug="usun-1762")


@pytest.fixture
def gloss_on(cable):
    """gloss_on(user, xml_id, body, publish=False): a gloss on a whole passage, written as the app writes it."""
    from edition import glosses

    def _write(user, xml_id, body, publish=False):
        gloss = glosses.create_gloss(user, cable, xml_id, None, body)
        if publish:
            glosses.publish(gloss, user)
        return gloss

    return _write
