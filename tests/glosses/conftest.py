"""Fixtures for the gloss stories: the cable, a passage to gloss, and glosses
written the way the app writes them."""

import pytest

from tests.support import CABLE, imported_once, selection


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The personas' passwords are hashed for every test; a cheap hasher keeps these stories fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The cable imported once per module; each test rolls back its own glosses and re-imports.
cable_once = imported_once(CABLE)


@pytest.fixture
def cable(cable_once, db):
    from edition.models import Document

    return Document.objects.get(slug="usun-1762")


@pytest.fixture
def para4(cable):
    """Paragraph 4 of the cable: Stevenson reads the President's letters; "DISMANTLING" (OCR: DISTANTLING)."""
    return cable.passages.get(xml_id="para-4")


@pytest.fixture
def write_gloss(cable):
    """write_gloss(user, xml_id, body, words=None, occurrence=1, publish=False) -> Gloss, as the form view writes it."""
    from edition.forms import NewGlossForm
    from edition.glosses import create_gloss
    from edition.models import Gloss

    def _write(user, xml_id, body, words=None, occurrence=1, publish=False, document=None):
        document = document or cable
        passage = document.passages.get(xml_id=xml_id)
        data = {"body": body, **(selection(passage.reading_text, words, occurrence) if words else {})}
        form = NewGlossForm(data, passage=passage, passage_xml_id=xml_id)
        assert form.is_valid(), form.errors
        gloss = create_gloss(user, document, xml_id, form.cleaned_data["selectors"], form.cleaned_data["body"])
        if publish:
            gloss.state = Gloss.State.PUBLISHED
            gloss.save()
        return gloss

    return _write
