"""Editors gloss the cable in Chromium (issue 3).

The stories:
- Alice logs in, selects words in a paragraph and glosses them without the page
  reloading; she edits the gloss, deletes it and undoes that, and publishes it.
  Then a reader, not logged in, sees it as a numbered note at its words.
- Alice and Bob edit the same gloss in two browsers; Bob saves first, and Alice's
  form shows her the conflict with Bob's newer text instead of overwriting it.
- Without JavaScript, "Gloss" is a page with a form that leads back to the passage.
"""

import re

import pytest
from playwright.sync_api import expect

from edition.models import Gloss
from tests.axe import violations
from tests.support import cable_url, select_words

pytestmark = pytest.mark.usefixtures("transactional_db")

MARKER = "the same page, never reloaded"


def note_of(page, gloss):
    return page.locator(f'[id="{gloss.anchor_id}"]')


def marker_of(page, gloss):
    return page.locator(f'[id="ref-{gloss.anchor_id}"]')


def test_alice_glosses_selected_words_edits_deletes_undoes_and_publishes_and_rita_reads_it(
    cable, alice, live_server, page, login, browser, browser_context_args, axe
):
    login(page, alice)
    page.goto(cable_url(live_server))
    page.evaluate(f"window.__marker = '{MARKER}'")

    # She selects a word in paragraph 4: the page offers to gloss the selection.
    select_words(page, "para-4", "DISMANTLING")
    offer = page.get_by_role("button", name="Gloss selection")
    expect(offer).to_be_visible()
    expect(page.locator(".gloss-offer-quote")).to_have_text("DISMANTLING")
    offer.click()

    # The form appears under the passage, with the quoted words, and takes focus.
    form = page.locator("#gloss-form-para-4")
    expect(form).to_contain_text("New gloss on DISMANTLING")
    textarea = form.get_by_label("Gloss text")
    expect(textarea).to_be_focused()
    textarea.fill("The OCR read *DISTANTLING*; see [the OCR note](#n-ocr-dismantling).")
    form.get_by_role("button", name="Save draft").click()

    # The text comes back with the words marked and a marker; the page never reloaded.
    # A draft takes no number a reader could cite: its marker says "draft".
    expect(page.locator("#gloss-status")).to_contain_text("Gloss saved as a draft.")
    gloss = Gloss.objects.get()
    assert (gloss.passage_xml_id, gloss.exact) == ("para-4", "DISMANTLING")
    expect(page.locator(f'mark[data-gloss="{gloss.public_id}"]')).to_have_text("DISMANTLING")
    expect(marker_of(page, gloss)).to_be_focused()
    expect(marker_of(page, gloss)).to_have_attribute("data-n", "draft")
    expect(marker_of(page, gloss)).to_have_attribute("aria-label", "Draft gloss")
    assert page.evaluate("window.__marker") == MARKER
    note = note_of(page, gloss)
    expect(note).to_contain_text("Draft")
    expect(note.locator("em")).to_have_text("DISTANTLING")

    # She edits it in place.
    note.get_by_role("link", name=re.compile("^Edit")).click()
    edit = page.locator(f"#gloss-edit-{gloss.public_id}")
    expect(edit.get_by_label("Gloss text")).to_be_focused()
    # The page with a form open, a draft's note and its actions, and the status: no axe violations.
    results = axe()
    assert results["violations"] == [], violations(results)
    edit.get_by_label("Gloss text").fill("The OCR read **DISTANTLING**.")
    edit.get_by_role("button", name="Save").click()
    expect(note_of(page, gloss).locator("strong")).to_have_text("DISTANTLING")
    gloss.refresh_from_db()
    assert gloss.version == 2

    # She deletes it, and thinks better of it.
    note_of(page, gloss).get_by_role("button", name=re.compile("^Delete")).click()
    expect(page.locator("#gloss-status")).to_contain_text("Gloss deleted.")
    expect(note_of(page, gloss)).to_have_count(0)
    expect(page.locator(f'mark[data-gloss="{gloss.public_id}"]')).to_have_count(0)
    undo = page.get_by_role("button", name="Undo delete")
    expect(undo).to_be_focused()
    undo.click()
    expect(note_of(page, gloss)).to_be_visible()
    expect(page.locator("#gloss-status")).to_contain_text("Gloss restored.")

    # She publishes it.
    note_of(page, gloss).get_by_role("button", name=re.compile("^Publish")).click()
    expect(page.locator("#gloss-status")).to_contain_text("Gloss published")
    expect(note_of(page, gloss).locator(".badge")).to_have_count(0)
    assert page.evaluate("window.__marker") == MARKER
    gloss.refresh_from_db()
    assert gloss.state == Gloss.State.PUBLISHED and gloss.deleted_at is None

    # Rita, a reader who is not logged in, sees it at its words as gloss "a", the first of the
    # glosses' own series (the edition's notes keep their numbers).
    reader = browser.new_context(**browser_context_args)
    rita = reader.new_page()
    rita.goto(cable_url(live_server))
    marker = marker_of(rita, gloss)
    expect(marker).to_have_attribute("data-n", "a")  # what the stylesheet shows
    expect(marker).to_have_attribute("aria-label", "Gloss a")
    expect(rita.locator(f'mark[data-gloss="{gloss.public_id}"]')).to_have_text("DISMANTLING")
    expect(note_of(rita, gloss)).to_contain_text("a Gloss")
    expect(note_of(rita, gloss).locator("strong")).to_have_text("DISTANTLING")
    expect(rita.get_by_role("button", name=re.compile("^(Edit|Publish|Delete)"))).to_have_count(0)
    expect(rita.get_by_role("link", name=re.compile("^Gloss ¶"))).to_have_count(0)
    reader.close()


def test_two_editors_edit_the_same_gloss_and_the_second_is_shown_the_conflict(
    cable, alice, bob, live_server, browser, browser_context_args, login
):
    from edition.forms import NewGlossForm
    from edition.glosses import create_gloss

    passage = cable.passages.get(xml_id="para-6")
    form = NewGlossForm({"body": "The first text."}, passage=passage, passage_xml_id="para-6")
    assert form.is_valid()
    gloss = create_gloss(alice, cable, "para-6", form.cleaned_data["selectors"], form.cleaned_data["body"])

    pages = {}
    for user in (alice, bob):
        context = browser.new_context(**browser_context_args)
        pages[user.username] = context.new_page()
        login(pages[user.username], user)
        pages[user.username].goto(cable_url(live_server, "#" + gloss.anchor_id))
        note_of(pages[user.username], gloss).get_by_role("link", name=re.compile("^Edit")).click()
        expect(pages[user.username].get_by_label("Gloss text")).to_have_value("The first text.")

    bobs = pages["bob"]
    bobs.get_by_label("Gloss text").fill("Bob's text.")
    bobs.get_by_role("button", name="Save").click()
    expect(note_of(bobs, gloss)).to_contain_text("Bob's text.")

    alices = pages["alice"]
    alices.get_by_label("Gloss text").fill("Alice's text.")
    alices.get_by_role("button", name="Save").click()
    conflict = alices.locator(".gloss-conflict")
    expect(conflict).to_contain_text("This gloss was changed while you were editing it.")
    expect(conflict.locator(".gloss-conflict-text")).to_have_text("Bob's text.")
    expect(alices.get_by_label("Gloss text")).to_have_value("Alice's text.")  # her words are kept
    expect(alices.get_by_label("Gloss text")).to_be_focused()
    gloss.refresh_from_db()
    assert gloss.body == "Bob's text."  # nothing overwritten

    # She merges, and this time the save goes through.
    alices.get_by_label("Gloss text").fill("Bob's text. Alice's text.")
    alices.get_by_role("button", name="Save").click()
    expect(note_of(alices, gloss)).to_contain_text("Bob's text. Alice's text.")
    gloss.refresh_from_db()
    assert (gloss.body, gloss.version) == ("Bob's text. Alice's text.", 3)
    for p in pages.values():
        p.context.close()


def test_without_javascript_the_gloss_form_is_a_page_that_leads_back(
    cable, alice, live_server, browser, browser_context_args, login
):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    login(page, alice)
    page.goto(cable_url(live_server))
    page.get_by_role("link", name="Gloss ¶ 1, p. 1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gloss ¶ 1, p. 1")
    page.get_by_label("Gloss text").fill("The meeting of 13 November.")
    page.get_by_role("button", name="Save draft").click()
    assert page.url.endswith("/documents/usun-1762/#para-1")
    gloss = Gloss.objects.get()
    expect(note_of(page, gloss)).to_contain_text("The meeting of 13 November.")
    context.close()


def test_when_alices_session_expires_a_write_takes_her_to_log_in_and_back(cable, alice, live_server, page, login):
    gloss = Gloss.objects.create(
        document=cable,
        passage_xml_id="para-1",
        source_revision=cable.source_revision,
        body="Draft.",
        body_html="<p>Draft.</p>",
        created_by=alice,
        updated_by=alice,
    )
    login(page, alice)
    page.goto(cable_url(live_server))
    page.context.clear_cookies(name="sessionid")  # the session expires while the page is open
    note_of(page, gloss).get_by_role("button", name=re.compile("^Publish")).click()
    # The whole page goes to the login form (not the login page swapped into the text)...
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/documents/usun-1762/"))
    assert Gloss.objects.get().state == Gloss.State.DRAFT
    # ...and logging in leads back to the text, where the draft waits, unpublished.
    page.get_by_label("Username").fill(alice.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/documents/usun-1762/$"))
    expect(note_of(page, gloss)).to_contain_text("Draft.")
