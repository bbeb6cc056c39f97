"""Alice's writes come back as the parts they changed, and leave every note number as a reload shows it.

A gloss write answers with its passage, its note and the status, swapped in by id
(edition/page_changes.py), never the whole text: every other gloss keeps its letter. Whatever she does, every
marker and every note on her page then shows what a full reload of the page shows.
"""

import re

from playwright.sync_api import expect

from edition import glosses
from tests.support import cable_url

SHOWN = """() => ({
  markers: Object.fromEntries(Array.from(document.querySelectorAll('#document-text a[role="doc-noteref"]'))
    .map((a) => [a.id, a.dataset.n || a.textContent.trim()])),
  notes: Object.fromEntries(Array.from(document.querySelectorAll('#document-text aside.note'))
    .map((n) => [n.id, n.querySelector('.note-number').textContent.trim()])),
  order: Array.from(document.querySelectorAll('#document-text aside.note')).map((n) => n.id),
  passages: document.querySelectorAll('#document-text .passage').length,
})"""


def whole_passage(user, cable, xml_id, body, publish=False):
    gloss = glosses.create_gloss(user, cable, xml_id, None, body)
    if publish:
        glosses.publish(gloss, user)
    return gloss


def test_publishing_deleting_and_writing_glosses_in_parts_leaves_every_number_as_a_reload_shows_it(
    cable, alice, live_server, page, login
):
    early = whole_passage(alice, cable, "para-2", "An early draft.")
    for xml_id in ("para-3", "para-5", "para-8"):
        whole_passage(alice, cable, xml_id, f"Published on {xml_id}.", publish=True)
    login(page, alice)
    page.goto(cable_url(live_server))
    page.evaluate("document.getElementById('document-text').dataset.kept = 'yes'")
    before = page.evaluate(SHOWN)
    assert sorted(v for k, v in before["markers"].items() if "gloss" in k) == ["a", "b", "c", "draft"]

    def check_against_a_reload(status):
        expect(page.locator("#gloss-status")).to_contain_text(status)
        # The text was never replaced: only its parts were.
        assert page.evaluate("document.getElementById('document-text').dataset.kept") == "yes"
        in_parts = page.evaluate(SHOWN)
        page.reload()
        page.wait_for_load_state()
        reloaded = page.evaluate(SHOWN)
        assert in_parts == reloaded
        page.evaluate("document.getElementById('document-text').dataset.kept = 'yes'")
        return reloaded

    # She publishes the early draft: it takes the next letter, "d", and every other gloss keeps its own.
    page.locator(f"#{early.anchor_id}").get_by_role("button", name=re.compile("^Publish")).click()
    shown = check_against_a_reload("Gloss published")
    assert shown["markers"][f"ref-{early.anchor_id}"] == "d"
    others = {k: v for k, v in before["markers"].items() if "gloss" in k and k != f"ref-{early.anchor_id}"}
    assert {k: shown["markers"][k] for k in others} == others

    # She deletes it again: the others still keep theirs.
    page.locator(f"#{early.anchor_id}").get_by_role("button", name=re.compile("^Delete")).click()
    shown = check_against_a_reload("Gloss deleted.")
    assert f"ref-{early.anchor_id}" not in shown["markers"]
    assert sorted(v for k, v in shown["markers"].items() if "gloss" in k) == ["a", "b", "c"]

    # She writes a new gloss on a passage in the middle: its note stands where a reload puts it.
    # (by keyboard: the control shows on focus)
    page.locator("#para-4 a.gloss-button").focus()
    page.keyboard.press("Enter")
    form = page.locator("#gloss-form-para-4")
    form.get_by_label("Gloss text").fill("A new draft in the middle.")
    form.get_by_role("button", name=re.compile("^Save( draft)?$")).click()
    shown = check_against_a_reload("Gloss saved as a draft.")
    assert shown["passages"] == before["passages"]
