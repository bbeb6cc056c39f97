"""Editors read passages by the names readers see ("¶ 4, p. 2"), never by their ids (issue 9), in Chromium.

- Alice glosses ¶ 4: the Gloss control beside it is announced as "Gloss ¶ 4, p. 2"; the gloss's own
  pages (edit, history, restore) name its passage so, and an orphan's page says its passage is gone.
- Tess, a text editor, opens the correction form of ¶ 4 and the suspect words of the cable: each
  passage is named as readers name it, while every link still aims at its id.
"""

import re

import pytest
from playwright.sync_api import expect

from edition.forms import NewGlossForm
from edition.glosses import create_gloss, edit_text
from edition.models import Gloss
from tests.support import INTERNAL_IDS, cable_url, make_user, selection

pytestmark = pytest.mark.usefixtures("transactional_db")


def words_seen(page):
    """What a person reads on the page (and a screen reader announces): the main content's text."""
    return page.locator("main").inner_text()


def assert_no_ids(page):
    # A link's target, as the gloss text's help shows how to write one ("#para-4"), is an address.
    words = re.sub(r"#[\w-]+", "", words_seen(page))
    found = INTERNAL_IDS.search(words)
    assert not found, f"{page.url} shows the id {found[0]!r}"


@pytest.fixture
def gloss_on_para4(cable, alice):
    passage = cable.passages.get(xml_id="para-4")
    form = NewGlossForm({"body": "First thoughts.", **selection(passage.reading_text, "DISMANTLING")}, passage=passage)
    assert form.is_valid(), form.errors
    gloss = create_gloss(alice, cable, "para-4", form.cleaned_data["selectors"], form.cleaned_data["body"])
    edit_text(gloss, alice, "Second thoughts.")
    return gloss


def test_an_editor_reads_passages_by_their_labels_on_every_gloss_page(
    cable, alice, gloss_on_para4, live_server, page, login
):
    gloss = gloss_on_para4
    login(page, alice)
    page.goto(cable_url(live_server))
    expect(page.get_by_role("link", name="Gloss ¶ 4, p. 2", exact=True)).to_have_attribute(
        "href", re.compile(r"/passages/para-4/glosses/new/$")
    )

    page.goto(f"{live_server.url}/documents/usun-1762/passages/para-4/glosses/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gloss ¶ 4, p. 2")
    assert_no_ids(page)

    page.goto(f"{live_server.url}/glosses/{gloss.public_id}/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit gloss on ¶ 4, p. 2")
    expect(page.locator(".gloss-form-where")).to_have_text("(¶ 4, p. 2)")
    assert_no_ids(page)

    page.goto(f"{live_server.url}/glosses/{gloss.public_id}/history/")
    expect(page.locator(".gloss-summary")).to_contain_text("(¶ 4, p. 2)")
    assert_no_ids(page)
    page.get_by_role("link", name=re.compile("^Restore this text")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restore the text of version 1?")
    assert_no_ids(page)


def test_an_orphans_page_says_its_passage_is_gone_and_offers_passages_by_label(cable, alice, live_server, page, login):
    orphan = create_gloss(alice, cable, "para-99", None, "Its passage is gone.")
    Gloss.objects.filter(pk=orphan.pk).update(anchor_status=Gloss.AnchorStatus.ORPHANED)
    login(page, alice)
    page.goto(f"{live_server.url}/glosses/orphans/")
    heading = page.get_by_role("heading", level=2, name=re.compile("a passage not in the published text"))
    expect(heading).to_be_visible()
    choice = page.get_by_label("Passage", exact=True)
    offered = choice.locator("option").filter(has_text=re.compile(r"^¶ 4, p\. 2: "))
    choice.select_option(label=offered.inner_text())
    expect(choice).to_have_value("para-4")  # the id is what the form sends, not what it shows
    assert_no_ids(page)


def test_a_text_editor_reads_passages_by_their_labels_in_corrections_and_suspects(cable, live_server, page, login):
    from edition.permissions import text_editors_group

    tess = make_user("tess", editor=True)
    tess.groups.add(text_editors_group())
    login(page, tess)

    page.goto(f"{live_server.url}/documents/usun-1762/passages/para-4/correct/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct ¶ 4, p. 2")
    assert_no_ids(page)

    page.goto(f"{live_server.url}/documents/usun-1762/suspects/")
    passage_links = page.locator("table.suspects td:nth-child(2) a")
    expect(passage_links.first).to_be_visible()
    for link in passage_links.all():
        assert re.search(r"#[\w-]+$", link.get_attribute("href"))  # still aims at the passage's id
        assert not INTERNAL_IDS.search(link.inner_text()), link.inner_text()
        assert re.search(r"p\. \d+$", link.inner_text()), link.inner_text()

    page.goto(f"{live_server.url}/documents/usun-1762/notes/n-ed-customary/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Editorial note \d+$"))  # as cited
    assert_no_ids(page)
