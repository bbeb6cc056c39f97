"""A historian copies a citation in Chromium (issue 10): the Copy button beside the Chicago
note puts exactly the note on the clipboard and says so; without JavaScript there is no
button, and the note is plain text to select."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("transactional_db")

PASSAGE = "/documents/usun-1762/passages/para-4/"


def test_the_copy_button_puts_the_chicago_note_on_the_clipboard(cable, live_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + PASSAGE)
    note = page.locator(".citation-note")
    button = page.get_by_role("button", name="Copy the note", exact=True)
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".copy-status")).to_have_text("The note is copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == note.inner_text().strip()
    assert copied.startswith("Adlai E. Stevenson, “Telegram From the Mission") and "p. 2,” in Telegram 1762" in copied
    # One button for each form: the edition's and the original's note and bibliography entry.
    expect(page.locator(".copy-button")).to_have_count(4)


def test_without_javascript_the_citation_is_text_and_no_dead_button(cable, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + PASSAGE)
    expect(page.locator(".citation-note")).to_contain_text("in Telegram 1762: A Digital Edition")
    expect(page.locator(".copy-button")).to_have_count(0)
    context.close()
