"""Alice glosses chosen words with the keyboard only, in Chromium (WCAG 2.1.1).

Selecting words needs a mouse; the "Gloss" control does not. Opened by Enter, its
form asks for the words to gloss, and the gloss lands on them without the page
reloading, exactly as a glossed selection does.
"""

import pytest
from playwright.sync_api import expect

from edition.models import Gloss
from tests.axe import violations

pytestmark = pytest.mark.usefixtures("transactional_db")

MARKER = "the same page, never reloaded"


def test_alice_tabs_to_gloss_types_the_words_and_saves_without_a_mouse(cable, alice, live_server, page, login, axe):
    login(page, alice)
    page.goto(f"{live_server.url}/documents/usun-1762/")
    page.evaluate(f"window.__marker = '{MARKER}'")

    # From paragraph 4's Cite link, Tab reaches its Gloss control; Enter opens the form.
    page.locator('[id="para-4"] .cite-link').focus()
    page.keyboard.press("Tab")
    gloss_control = page.get_by_role("link", name="Gloss ¶ 4, p. 2")
    expect(gloss_control).to_be_focused()
    page.keyboard.press("Enter")

    # The form opens under the passage with the gloss text focused, and asks which words.
    form = page.locator("#gloss-form-para-4")
    expect(form.get_by_label("Gloss text")).to_be_focused()
    words = form.get_by_label("Words to gloss (leave empty to gloss the whole passage)")
    expect(words).to_have_accessible_description(
        "As they read in the passage, in any case: “dismantling” finds DISMANTLING."
    )
    # The page with the form open, its passage in view below the sticky bars: no axe violations.
    page.locator('[id="para-4"]').evaluate("passage => passage.scrollIntoView()")
    results = axe()
    assert results["violations"] == [], violations(results)

    page.keyboard.type("The OCR read *DISTANTLING*.")
    page.keyboard.press("Tab")
    expect(words).to_be_focused()
    page.keyboard.type("dismantling")
    page.keyboard.press("Tab")
    expect(form.get_by_label("Words just before them (only if the words occur more than once)")).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Save draft")).to_be_focused()
    page.keyboard.press("Enter")

    # The word is marked in the text, its numbered marker has focus, and the page never reloaded.
    expect(page.locator("#gloss-status")).to_contain_text("Gloss saved as a draft.")
    gloss = Gloss.objects.get()
    assert (gloss.passage_xml_id, gloss.exact) == ("para-4", "DISMANTLING")
    expect(page.locator(f'mark[data-gloss="{gloss.public_id}"]')).to_have_text("DISMANTLING")
    expect(page.locator(f'[id="ref-{gloss.anchor_id}"]')).to_be_focused()
    assert page.evaluate("window.__marker") == MARKER


def test_words_that_are_not_in_the_passage_are_said_so_next_to_the_field(cable, alice, live_server, page, login):
    login(page, alice)
    page.goto(f"{live_server.url}/documents/usun-1762/")
    page.locator('[id="para-4"] .cite-link').focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    form = page.locator("#gloss-form-para-4")
    expect(form.get_by_label("Gloss text")).to_be_focused()
    page.keyboard.type("On the missiles in Turkey.")
    page.keyboard.press("Tab")
    page.keyboard.type("missiles in Turkey")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Save draft")).to_be_focused()
    page.keyboard.press("Space")

    # The form comes back in place with what she typed; the message is announced (an alert),
    # and the field is marked invalid, its description saying what is wrong.
    expect(form.get_by_role("alert")).to_have_text("These words are not in the passage. Type them as they read there.")
    words = form.get_by_label("Words to gloss (leave empty to gloss the whole passage)")
    expect(words).to_have_attribute("aria-invalid", "true")
    expect(words).to_have_accessible_description(
        "As they read in the passage, in any case: “dismantling” finds DISMANTLING. "
        "These words are not in the passage. Type them as they read there."
    )
    expect(words).to_have_value("missiles in Turkey")
    assert not Gloss.objects.exists()
