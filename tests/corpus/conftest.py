"""The corpus tests read the whole FRUS volume: import it once per module
(importing the volume takes about a second; see tests.support.imported_once)."""

import pytest

from tests.support import CABLE, FRUS, imported_once

corpus_once = imported_once(CABLE, FRUS)


@pytest.fixture
def corpus(corpus_once, db):
    """The cable and the FRUS volume, imported (shared by the module's tests)."""
    from edition.models import Document

    return Document.objects.get(slug="usun-1762")
