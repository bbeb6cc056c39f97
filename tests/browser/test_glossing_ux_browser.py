"""Glossing in one drag and two clicks (issue 9, Glossing), in Chromium.

- Alice drags across a word: a small Gloss button floats at the end of the selection (announced,
  reachable by keyboard); one click opens the form there, a second, "Save and publish", publishes.
  Rita, a reader, then sees the gloss with its lemma, Alice's name and the date.
- A drag that starts on a linked word selects the words instead of dragging the link.
- The gloss text is checked as Alice types: typed HTML is said to show as text, before saving.
- Logging in from a passage, and logging out, come back to the same passage in the same view.
"""

import re

import pytest
from playwright.sync_api import expect

from edition.forms import NewGlossForm
from edition.glosses import create_gloss
from edition.models import Gloss
from tests.axe import violations
from tests.support import PASSWORD, cable_url, selection

pytestmark = pytest.mark.usefixtures("transactional_db")


def drag_across(page, passage_id, words, start_on_link=False):
    """Press the mouse on the first letter of `words` in the passage and drag to their last letter.
    start_on_link: the words are a link's text (a person, a term); the drag starts on the link."""
    box = page.evaluate(
        """([passageId, words, onLink]) => {
            const body = document.querySelector(`[id="${passageId}"] .passage-body`);
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(words);
                if (at < 0 || (onLink && !node.parentElement.closest("a[href]"))) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                node.parentElement.scrollIntoView({block: "center"});
                const r = range.getBoundingClientRect();
                return {x: r.x, y: r.y, width: r.width, height: r.height};
            }
            return null;
        }""",
        [passage_id, words, start_on_link],
    )
    assert box, f"{words!r} is not in one text run of {passage_id}"
    middle = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, middle)
    page.mouse.down()
    for step in range(1, 6):
        page.mouse.move(box["x"] + 2 + (box["width"] - 3) * step / 5, middle)
    page.mouse.up()
    return box


def test_one_drag_and_two_clicks_publish_a_gloss_that_readers_see_with_its_lemma_author_and_date(
    cable, alice, live_server, page, login, browser, browser_context_args, axe
):
    alice.first_name, alice.last_name = "Alice", "Archer"
    alice.save()
    login(page, alice)
    page.goto(cable_url(live_server))

    words = drag_across(page, "para-4", "DISMANTLING")
    offer = page.get_by_role("button", name="Gloss selection")
    expect(offer).to_be_visible()
    # It floats at the selection's end, just under the words, not under the end of the passage.
    button = offer.bounding_box()
    assert 0 <= button["y"] - (words["y"] + words["height"]) <= 12
    assert abs(button["x"] + button["width"] / 2 - (words["x"] + words["width"])) <= button["width"]
    expect(page.get_by_role("status").filter(has_text="Gloss button shown")).to_contain_text("DISMANTLING")
    results = axe()
    assert results["violations"] == [], violations(results)

    offer.click()  # click 1
    form = page.locator("#gloss-form-para-4")
    expect(form.get_by_label("Gloss text")).to_be_focused()
    page.keyboard.type("The typescript reads DISTANTLING.")
    form.get_by_role("button", name="Save and publish").click()  # click 2

    expect(page.locator("#gloss-status")).to_contain_text("Gloss saved and published: readers see it now.")
    gloss = Gloss.objects.get()
    assert (gloss.exact, gloss.state, gloss.version) == ("DISMANTLING", Gloss.State.PUBLISHED, 1)

    readers = browser.new_context(**browser_context_args)
    rita = readers.new_page()
    rita.goto(cable_url(live_server, "#" + gloss.anchor_id))
    note = rita.locator(f'[id="{gloss.anchor_id}"]')
    expect(note.locator(".gloss-lemma")).to_have_text("DISMANTLING")
    expect(note).to_contain_text("by Alice Archer")
    expect(note.locator("time").first).to_have_attribute("datetime", gloss.created_at.strftime("%Y-%m-%d"))
    expect(note).to_contain_text("The typescript reads DISTANTLING.")
    readers.close()


def test_the_gloss_button_is_reached_and_pressed_by_keyboard(cable, alice, live_server, page, login):
    login(page, alice)
    page.goto(cable_url(live_server))
    drag_across(page, "para-4", "DISMANTLING")
    offer = page.get_by_role("button", name="Gloss selection")
    offer.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#gloss-form-para-4")).to_contain_text("New gloss on DISMANTLING")


def test_a_drag_that_starts_on_a_linked_word_selects_the_words(cable, alice, live_server, page, login):
    login(page, alice)
    page.goto(cable_url(live_server))
    # The first person, place or term linked in the words of a paragraph (a word or more).
    passage_id, text = page.evaluate(
        """() => {
            for (const a of document.querySelectorAll("#document-text .passage--p .passage-words a[href]")) {
                const words = a.textContent.trim();
                if (words.length >= 4 && !a.querySelector("*")) return [a.closest(".passage").id, words];
            }
        }"""
    )
    drag_across(page, passage_id, text, start_on_link=True)
    assert page.evaluate("getSelection().toString().trim()") == text
    expect(page.get_by_role("button", name="Gloss selection")).to_be_visible()
    assert page.url == cable_url(live_server)  # nothing was dropped, nothing followed


def test_typed_html_is_said_to_show_as_text_before_saving(cable, alice, live_server, page, login, axe):
    login(page, alice)
    page.goto(cable_url(live_server))
    drag_across(page, "para-4", "DISMANTLING")
    page.get_by_role("button", name="Gloss selection").click()
    form = page.locator("#gloss-form-para-4")
    form.get_by_label("Gloss text").fill("See <script>alert(1)</script> here.")
    warning = form.locator(".gloss-markup-warning")
    expect(warning).to_contain_text("<script> will be shown as text, not as HTML")
    assert not Gloss.objects.exists()  # checked, not saved
    results = axe()
    assert results["violations"] == [], violations(results)
    form.get_by_label("Gloss text").fill("See *here*.")
    expect(warning).to_have_count(0)


def test_logging_in_and_out_keeps_the_passage_and_the_view(cable, alice, live_server, page):
    place = cable_url(live_server, "?view=diplomatic#para-4")
    page.goto(place)
    page.get_by_role("link", name="Editor log in").click()
    page.get_by_label("Username").fill(alice.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(place)
    expect(page.get_by_text("Signed in as alice")).to_be_visible()
    expect(page.locator('[id="para-4"]')).to_be_in_viewport()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(place)
    expect(page.get_by_role("link", name="Editor log in")).to_be_visible()


def test_without_a_fragment_the_passage_in_view_is_the_place(cable, alice, live_server, page):
    page.goto(cable_url(live_server))
    page.wait_for_load_state("networkidle")
    para6 = page.locator('[id="para-6"]')
    # Its top just under the sticky bars, once the page has settled (the panes lay out after load).
    para6.evaluate("p => p.scrollIntoView()")
    page.wait_for_timeout(500)
    para6.evaluate("p => p.scrollIntoView()")
    # Clicked where it shows in the sticky header (Playwright's own click would first scroll it "into view").
    link = page.get_by_role("link", name="Editor log in").bounding_box()
    page.mouse.click(link["x"] + link["width"] / 2, link["y"] + link["height"] / 2)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username").fill(alice.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(cable_url(live_server, "#para-6"))  # the passage at the top of the window


def test_restoring_asks_first_then_lands_on_the_passage(cable, alice, live_server, page, login, axe):
    passage = cable.passages.get(xml_id="para-4")
    form = NewGlossForm({"body": "The original.", **selection(passage.reading_text, "DISMANTLING")}, passage=passage)
    assert form.is_valid(), form.errors
    gloss = create_gloss(alice, cable, "para-4", form.cleaned_data["selectors"], form.cleaned_data["body"])
    login(page, alice)
    page.goto(f"{live_server.url}/glosses/{gloss.public_id}/edit/")
    page.get_by_label("Gloss text").fill("A mistake.")
    page.get_by_role("button", name="Save").click()
    # Saved on its own page, the gloss lands back in the text with its new words (as without JavaScript):
    # what Alice sees once the save is done, before she opens the history.
    expect(page).to_have_url(cable_url(live_server, "#" + gloss.anchor_id))
    expect(page.locator(f'[id="{gloss.anchor_id}"]')).to_contain_text("A mistake.")
    page.goto(f"{live_server.url}/glosses/{gloss.public_id}/history/")
    page.get_by_role("link", name=re.compile("^Restore this text")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restore the text of version 1?")
    expect(page.locator(".gloss-changes del")).to_have_text("A mistake.")
    expect(page.locator(".gloss-changes ins")).to_have_text("The original.")
    results = axe()
    assert results["violations"] == [], violations(results)
    page.get_by_role("button", name="Restore this text").click()
    expect(page).to_have_url(cable_url(live_server, "#" + gloss.anchor_id))
    expect(page.locator(f'[id="{gloss.anchor_id}"]')).to_contain_text("The original.")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_published_gloss_reads_like_a_printed_apparatus(scheme, cable, alice, live_server, page, axe):
    alice.first_name, alice.last_name = "Alice", "Archer"
    alice.save()
    passage = cable.passages.get(xml_id="para-4")
    words = selection(passage.reading_text, "DISMANTLING")
    form = NewGlossForm({"body": "The typescript reads DISTANTLING.", **words}, passage=passage)
    assert form.is_valid(), form.errors
    gloss = create_gloss(
        alice, cable, "para-4", form.cleaned_data["selectors"], form.cleaned_data["body"], publish=True
    )

    page.emulate_media(color_scheme=scheme)
    page.goto(cable_url(live_server, "#" + gloss.anchor_id))  # Rita, a reader, follows the gloss's marker
    note = page.locator(f'[id="{gloss.anchor_id}"]')
    lemma, byline, body = note.locator(".gloss-lemma"), note.locator(".gloss-byline"), note.locator(".note-body p")
    expect(lemma).to_have_text("DISMANTLING")
    expect(byline).to_contain_text("by Alice Archer")
    looks = page.evaluate(
        """([lemma, byline, body]) => {
            const style = (el, pseudo) => getComputedStyle(el, pseudo || null);
            return {
                opens: style(lemma, "::before").content, closes: style(lemma, "::after").content,
                quotes: style(lemma).quotes,
                bylineSize: parseFloat(style(byline).fontSize), bodySize: parseFloat(style(body).fontSize),
                bylineColour: style(byline).color, bodyColour: style(body).color,
            };
        }""",
        [lemma.element_handle(), byline.element_handle(), body.element_handle()],
    )
    # The lemma is closed by a square bracket, as in a printed apparatus, not set in quotation marks.
    assert looks["quotes"] == "none"
    assert looks["closes"].startswith('"]"'), looks["closes"]
    # The byline is quieter than the gloss: smaller, and in the muted ink.
    assert looks["bylineSize"] < looks["bodySize"], looks
    assert looks["bylineColour"] != looks["bodyColour"], looks
    # Its contrast stays at 4.5:1 or more, on the note highlighted as the link's target too.
    results = axe()
    assert results["violations"] == [], violations(results)
