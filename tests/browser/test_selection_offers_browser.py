"""What a selection offers an editor who both glosses and corrects the text, in Chromium.

Tess is an editor and a text editor. Words selected inside one passage of the reading text offer
her both "Gloss selection" and "Correct text" (one shared listener tells both offers:
static/edition/modules/passage-selection.js); in the diplomatic view only "Correct text", since
glosses anchor on the reading text; a selection that runs over two passages offers neither.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.support import cable_url, make_user, select_words

pytestmark = pytest.mark.usefixtures("transactional_db")


@pytest.fixture
def tess(transactional_db):
    from edition.permissions import text_editors_group

    user = make_user("tess", editor=True)
    user.groups.add(text_editors_group())
    return user


def test_one_selection_offers_a_gloss_and_a_correction_where_each_applies(cable, tess, live_server, page, login):
    login(page, tess)
    page.goto(cable_url(live_server))
    gloss_offer = page.get_by_role("button", name=re.compile("^Gloss selection"))
    correct_offer = page.get_by_role("link", name="Correct text")

    select_words(page, "para-4", "LAGS")
    expect(gloss_offer).to_be_visible()
    expect(gloss_offer).to_contain_text("LAGS")
    expect(correct_offer).to_be_visible()
    expect(correct_offer).to_have_attribute(
        "href", re.compile(r"/passages/para-4/correct/\?.*view=reading.*exact=LAGS")
    )

    # Words of two passages at once: neither a gloss nor a correction can hold them.
    page.evaluate(
        """() => {
            const first = document.querySelector('[id="para-4"] .passage-body');
            const second = document.querySelector('[id="para-5"] .passage-body');
            window.getSelection().setBaseAndExtent(first.firstChild, 0, second.lastChild, 0);
        }"""
    )
    expect(gloss_offer).to_have_count(0)
    expect(correct_offer).to_have_count(0)

    page.goto(cable_url(live_server, "?view=diplomatic"))
    select_words(page, "para-4", "LAGS")
    expect(correct_offer).to_be_visible()
    expect(correct_offer).to_have_attribute("href", re.compile(r"view=diplomatic"))
    expect(gloss_offer).to_have_count(0)  # glosses anchor on the reading text
