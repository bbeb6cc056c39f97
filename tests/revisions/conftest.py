"""Personas of the text-correction stories.

- Tess, a text editor: in the groups "editors" and "text-editors";
- Theo, a second text editor;
- Alice, an editor who glosses but may not change the text (no text-editors group);
- Rita, a reader; the intruder, anonymous.
"""

import pytest

from tests.support import make_user


def text_editor(username):
    from edition.permissions import text_editors_group

    user = make_user(username, editor=True)
    user.groups.add(text_editors_group())
    return user


@pytest.fixture
def tess(db):
    """Tess, a text editor."""
    return text_editor("tess")


@pytest.fixture
def theo(db):
    """Theo, a second text editor."""
    return text_editor("theo")


@pytest.fixture(scope="session", autouse=True)
def _tei_all_compiled():
    """Compile tei_all once for the session (lxml takes several seconds), in the background."""
    from edition.revisions import warm_schema

    warm_schema()
