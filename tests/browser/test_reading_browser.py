"""A reader in Chromium: the cable's reading view, its notes, its two texts, on a desk and on a phone.

The stories:
- a reader switches between the reading and the diplomatic text without losing the page;
- a reader follows a note and comes back, by mouse and by keyboard, and at phone size;
- a reader glances at a note without leaving the text (popover on a desk, bottom sheet on a phone);
- a reader arrives at a permalink, from the page itself or from elsewhere;
- a reader without JavaScript can still do all of it with plain links.

Focus must never hide behind the sticky header and view switch (WCAG 2.4.11): the
tests check the focused element's box against the bars' bottom edge.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.axe import violations
from tests.support import STICKY_BOTTOM, cable_url, tab_to

pytestmark = pytest.mark.usefixtures("transactional_db")

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
MARK = "rgb(255, 243, 176)"  # --mark, the highlight of a :target


def by_id(page, element_id):
    return page.locator(f'[id="{element_id}"]')


def first_ocr_marker(page):
    """The first OCR correction's marker in a paragraph of the message."""
    return page.locator(".passage--p a.noteref--ocr").first


def assert_clear_of_sticky_bars(page, locator):
    """The element is wholly in view below the sticky bars (WCAG 2.4.11 and more)."""
    box = locator.bounding_box()
    bars = page.evaluate(STICKY_BOTTOM)
    height = page.viewport_size["height"]
    assert box["y"] >= bars - 0.5, f"{box} hides behind the sticky bars, which end at {bars}px"
    assert box["y"] + min(box["height"], 20) <= height, f"{box} is below the viewport"


def is_target(locator):
    return locator.evaluate("(element) => element.matches(':target')")


def click_in_place(page, locator):
    """A mouse click where the element stands, without Playwright scrolling it into view first."""
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


# --- Switching views ---------------------------------------------------------------------------


def test_switching_views_swaps_the_text_in_place_and_keeps_the_choice_in_the_url(cable, live_server, page):
    page.goto(cable_url(live_server))
    page.evaluate("window.__marker = 'the same page, never reloaded'")
    reading_link = page.get_by_role("link", name="Reading text")
    diplomatic_link = page.get_by_role("link", name="Diplomatic text")
    expect(reading_link).to_have_attribute("aria-current", "page")

    # The reader has scrolled down to a paragraph of the message.
    passage = page.locator("#document-text .passage--p").nth(4)
    passage_id = passage.get_attribute("id")
    passage.evaluate("(element) => element.scrollIntoView()")
    top_before = passage.bounding_box()["y"]

    click_in_place(page, diplomatic_link)
    expect(page).to_have_url(re.compile(r"\?view=diplomatic$"))
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bview-diplomatic\b"))
    expect(diplomatic_link).to_have_attribute("aria-current", "page")
    expect(reading_link).not_to_have_attribute("aria-current", "page")
    expect(page.locator("#document-text abbr.abbr").first).to_be_attached()
    assert page.evaluate("window.__marker") == "the same page, never reloaded"
    # The same paragraph stays where the reader's eyes were, and focus stays on the switch.
    page.wait_for_function(
        "([id, top]) => Math.abs(document.getElementById(id).getBoundingClientRect().top - top) <= 2",
        arg=[passage_id, top_before],
    )
    expect(diplomatic_link).to_be_focused()

    click_in_place(page, reading_link)
    expect(page).to_have_url(re.compile(r"\?view=reading$"))
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bview-reading\b"))
    expect(reading_link).to_have_attribute("aria-current", "page")
    expect(page.locator("#document-text .expan").first).to_be_attached()
    assert page.evaluate("window.__marker") == "the same page, never reloaded"

    # The browser's Back button returns to the diplomatic text, still without a reload.
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?view=diplomatic$"))
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bview-diplomatic\b"))
    assert page.evaluate("window.__marker") == "the same page, never reloaded"


# --- Following a note and coming back ----------------------------------------------------------


def test_a_reader_follows_a_note_by_mouse_and_comes_back(cable, live_server, page):
    page.goto(cable_url(live_server))
    marker = first_ocr_marker(page)
    note_id = marker.get_attribute("data-note")

    marker.click()
    expect(page).to_have_url(re.compile(f"#{note_id}$"))
    note = by_id(page, note_id)
    expect(note).to_be_focused()
    assert is_target(note)
    expect(note).to_have_css("background-color", MARK)
    assert_clear_of_sticky_bars(page, note)
    expect(page.locator("#note-popover")).to_be_hidden()  # the note itself has the reader's attention

    note.locator('[role="doc-backlink"]').click()
    expect(page).to_have_url(re.compile(f"#ref-{note_id}$"))
    expect(marker).to_be_focused()
    assert is_target(marker)
    assert_clear_of_sticky_bars(page, marker)
    expect(page.locator("#note-popover")).to_be_hidden()  # no popover over the text just returned to


def test_a_keyboard_user_follows_a_note_and_comes_back(cable, live_server, page):
    page.goto(cable_url(live_server))
    marker = first_ocr_marker(page)
    note_id = marker.get_attribute("data-note")
    number = marker.get_attribute("data-n")  # the number the stylesheet shows
    passage = marker.locator("xpath=ancestor::div[contains(@class, 'passage ')][1]")
    passage.locator(".permalink").focus()

    tab_to(page, marker)
    popover = page.locator("#note-popover")
    expect(popover).to_be_visible()  # keyboard focus shows the note, as hover does
    expect(popover).to_contain_text(number)
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(marker).to_be_focused()  # Escape closes the popover, never moves focus

    page.keyboard.press("Enter")
    note = by_id(page, note_id)
    expect(note).to_be_focused()
    assert is_target(note)
    assert_clear_of_sticky_bars(page, note)

    backlink = note.locator('[role="doc-backlink"]')
    tab_to(page, backlink, limit=10)
    page.keyboard.press("Enter")
    expect(marker).to_be_focused()
    assert_clear_of_sticky_bars(page, marker)
    expect(popover).to_be_hidden()


def test_tabbing_reaches_every_marker_in_order_and_focus_never_hides_behind_the_bars(cable, live_server, page):
    # With the page furniture shown (folded, its markers are out of reach until opened).
    page.goto(cable_url(live_server, "?display=1&furniture=1"))
    markers = page.locator("#document-text a.noteref")
    numbers = markers.evaluate_all("markers => markers.map((m) => m.dataset.n)")
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    # Record every focus stop, and whether something else (a sticky bar) covers it once
    # focused: Chromium scrolls an element into view before its focus event.
    page.evaluate(
        """() => {
        window.__markers = [];
        window.__hidden = [];
        document.addEventListener('focusin', (event) => {
            const element = event.target;
            if (element.matches('a.noteref')) window.__markers.push(element.dataset.n);
            if (!element.closest('main') || element.closest('.view-switch')) return;
            const box = element.getClientRects()[0];
            const x = box.left + Math.min(4, box.width / 2), y = box.top + Math.min(4, box.height / 2);
            const seen = document.elementFromPoint(x, y);
            if (!seen || !element.contains(seen)) {
                window.__hidden.push(
                    element.outerHTML.slice(0, 60) + ' under ' + (seen && seen.outerHTML.slice(0, 40)));
            }
        });
    }"""
    )
    page.locator(".view-switch a").last.focus()
    presses = 0
    while page.evaluate("window.__markers.length") < len(numbers) and presses < 1500:
        for _ in range(25):
            page.keyboard.press("Tab")
        presses += 25
    assert page.evaluate("window.__markers")[: len(numbers)] == numbers
    hidden = page.evaluate("window.__hidden")
    assert hidden == [], "\n".join(hidden)


# --- Glancing at a note: popover -----------------------------------------------------------------


def test_hovering_a_marker_shows_its_note_in_a_popover_that_escape_closes(cable, live_server, page, axe):
    page.goto(cable_url(live_server))
    marker = first_ocr_marker(page)
    note_id = marker.get_attribute("data-note")
    number = marker.get_attribute("data-n")  # the number the stylesheet shows
    body = by_id(page, note_id).locator(".note-body").inner_text()

    marker.hover()
    popover = page.get_by_role("tooltip")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(number)
    expect(popover).to_contain_text("OCR correction")
    expect(popover).to_contain_text(body[:40])
    go = popover.get_by_role("link", name=f"Go to note {number}")
    expect(go).to_have_attribute("href", f"#{note_id}")
    # A screen reader hears "Note 17, link", then the note as the marker's description.
    expect(marker).to_have_accessible_name(f"Note {number}")
    expect(marker).to_have_accessible_description(re.compile("OCR correction"))
    assert popover.bounding_box()["y"] >= marker.bounding_box()["y"]  # beside the marker, not elsewhere
    assert violations(axe()) == []

    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(marker).not_to_have_attribute("aria-describedby", re.compile("."))

    # The popover can be hovered (WCAG 1.4.13), and its link goes to the note.
    page.mouse.move(0, 0)
    marker.hover()
    expect(popover).to_be_visible()
    go.hover()
    expect(popover).to_be_visible()
    go.click()
    expect(by_id(page, note_id)).to_be_focused()
    expect(popover).to_be_hidden()


def test_the_enhancements_run_under_the_content_security_policy(cable, live_server, csp_page):
    # The other tests bypass the CSP so that axe can be injected; this one keeps it.
    page = csp_page
    response = page.goto(cable_url(live_server))
    assert "script-src 'self'" in response.headers["content-security-policy"]

    first_ocr_marker(page).hover()
    expect(page.locator("#note-popover")).to_be_visible()
    page.get_by_role("link", name="Diplomatic text").click()
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bview-diplomatic\b"))
    page.locator("#document-text .passage--p a.noteref").first.hover()
    expect(page.locator("#note-popover")).to_be_visible()
    assert page.problems == []


# --- Permalinks, facsimile, abbreviations ------------------------------------------------------


def test_a_permalink_scrolls_to_its_passage_and_highlights_it(cable, live_server, page):
    xml_id = cable.passages.filter(element="p").order_by("order")[2].xml_id
    page.goto(cable_url(live_server, f"#{xml_id}"))
    passage = by_id(page, xml_id)
    assert is_target(passage)
    expect(passage).to_have_css("background-color", MARK)
    assert_clear_of_sticky_bars(page, passage)

    # The highlight survives a switch of view, and the URL keeps both the view and the passage.
    page.get_by_role("link", name="Diplomatic text").click()
    expect(page).to_have_url(re.compile(rf"\?view=diplomatic#{xml_id}$"))
    expect(by_id(page, xml_id)).to_have_css("background-color", MARK)

    # A following permalink click moves the highlight.
    other = page.locator("#document-text .passage--p").nth(5)
    other.locator(".permalink").click()
    expect(other).to_have_css("background-color", MARK)
    expect(by_id(page, xml_id)).not_to_have_css("background-color", MARK)


def test_a_permalink_from_another_page_lands_on_the_passage(cable, live_server, page):
    xml_id = cable.passages.filter(element="p").order_by("order")[5].xml_id
    page.goto(f"{live_server.url}/documents/usun-1762/passages/{xml_id}/")
    page.get_by_role("link", name="Read it in context").click()
    expect(page).to_have_url(re.compile(rf"/documents/usun-1762/#{xml_id}$"))
    passage = by_id(page, xml_id)
    expect(passage).to_have_css("background-color", MARK)
    assert is_target(passage)
    assert_clear_of_sticky_bars(page, passage)


def test_the_facsimile_page_stays_in_view_while_its_text_scrolls(cable, live_server, page):
    page.goto(cable_url(live_server))
    page_two = page.locator("#page-2")
    text = page_two.locator(".page-text")
    facsimile = page_two.locator(".facsimile")
    # The text of page 2 is longer than the screen, so keeping its facsimile in view takes work.
    assert text.bounding_box()["height"] > page.viewport_size["height"]

    page_two.locator(".passage:visible").last.evaluate("(element) => element.scrollIntoView({block: 'end'})")
    box = facsimile.bounding_box()
    bars = page.evaluate(STICKY_BOTTOM)
    assert box["y"] >= bars - 0.5, "the facsimile pane slid under the sticky bars"
    assert box["y"] + box["height"] <= page.viewport_size["height"] + 0.5, "the facsimile pane is not wholly in view"
    assert box["y"] > page_two.bounding_box()["y"], "the facsimile pane did not stay with the scrolled text"
    # Side by side on a desk.
    assert box["x"] + box["width"] <= text.bounding_box()["x"]


def test_abbreviations_show_their_expansion_on_focus_and_hover(cable, live_server, page):
    page.goto(cable_url(live_server, "?view=diplomatic"))
    abbreviation = page.locator("#document-text .passage--p abbr.abbr").first
    expansion = abbreviation.get_attribute("data-expan")
    assert expansion and abbreviation.get_attribute("title") == expansion

    def shown(element):
        return element.evaluate("(element) => getComputedStyle(element, '::after').content")

    assert shown(abbreviation) in ("none", "normal")
    abbreviation.focus()
    assert shown(abbreviation) == f'"{expansion}"'
    page.locator(".view-switch a").first.focus()
    assert shown(abbreviation) in ("none", "normal")
    abbreviation.hover()
    assert shown(abbreviation) == f'"{expansion}"'

    # In the reading text the expansion is shown; focus tells what the cable had.
    page.goto(cable_url(live_server))
    expanded = page.locator("#document-text .passage--p .expan").first
    expanded.focus()
    assert shown(expanded) == f'"cable: {expanded.get_attribute("data-abbr")}"'


# --- Screen reader semantics -------------------------------------------------------------------


def test_markers_notes_and_back_links_carry_their_dpub_roles(cable, live_server, page):
    page.goto(cable_url(live_server, "?display=1&furniture=1"))  # every marker shown, the furniture's too
    markers = page.locator("#document-text a.noteref").evaluate_all(
        "(markers) => markers.map((m) => [m.getAttribute('role'), m.getAttribute('aria-label'), m.dataset.note, m.id])"
    )
    assert len(markers) == cable.notes.count()
    for number, (role, label, note_id, marker_id) in enumerate(markers, start=1):
        assert (role, label, marker_id) == ("doc-noteref", f"Note {number}", f"ref-{note_id}")
        note = by_id(page, note_id)
        expect(note).to_have_attribute("role", "doc-footnote")
        expect(note.locator('[role="doc-backlink"]')).to_have_attribute("href", f"#ref-{note_id}")
    # The accessible name is the label, not the bracketed digits on screen.
    expect(page.locator("#document-text a.noteref").nth(2)).to_have_accessible_name("Note 3")


# --- On a phone --------------------------------------------------------------------------------


@pytest.fixture
def phone_page(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    yield context.new_page()
    context.close()


def test_on_a_phone_a_tapped_marker_opens_its_note_in_a_bottom_sheet(cable, live_server, phone_page, axe):
    page = phone_page
    page.goto(cable_url(live_server))
    marker = first_ocr_marker(page)
    note_id = marker.get_attribute("data-note")
    number = marker.get_attribute("data-n")  # the number the stylesheet shows
    body = by_id(page, note_id).locator(".note-body").inner_text()

    marker.tap()
    sheet = page.get_by_role("dialog", name=f"Note {number}, OCR correction")
    expect(sheet).to_be_visible()
    expect(sheet).to_contain_text(body[:40])
    assert "#" not in page.url  # the reader has not left the text
    box = sheet.bounding_box()
    assert abs(box["y"] + box["height"] - page.viewport_size["height"]) <= 1  # it sits at the bottom
    assert box["width"] <= page.viewport_size["width"]
    close = sheet.get_by_role("button", name="Close")
    expect(close).to_be_focused()
    close_box = close.bounding_box()
    assert close_box["width"] >= 24 and close_box["height"] >= 24
    assert violations(axe(page)) == []

    close.tap()
    expect(sheet).to_be_hidden()
    expect(marker).to_be_focused()

    # Escape closes it too, and a keyboard opens it the same way.
    page.keyboard.press("Enter")
    expect(sheet).to_be_visible()
    page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()
    expect(marker).to_be_focused()


def test_on_a_phone_a_reader_follows_a_note_and_comes_back(cable, live_server, phone_page):
    page = phone_page
    page.goto(cable_url(live_server))
    marker = first_ocr_marker(page)
    note_id = marker.get_attribute("data-note")
    number = marker.get_attribute("data-n")  # the number the stylesheet shows

    marker.tap()
    page.get_by_role("link", name=f"Go to note {number} in the notes").tap()
    expect(page.get_by_role("dialog")).to_be_hidden()
    note = by_id(page, note_id)
    expect(page).to_have_url(re.compile(f"#{note_id}$"))
    expect(note).to_be_focused()
    assert_clear_of_sticky_bars(page, note)

    note.locator('[role="doc-backlink"]').tap()
    expect(marker).to_be_focused()
    assert_clear_of_sticky_bars(page, marker)
    expect(page.get_by_role("dialog")).to_be_hidden()

    # On a phone the text and the facsimile stack: the message first, its typed page after it.
    page_one = page.locator("#page-1")
    facsimile, text = page_one.locator(".facsimile").bounding_box(), page_one.locator(".page-text").bounding_box()
    assert text["y"] + text["height"] <= facsimile["y"]
    assert facsimile["width"] > 0.8 * page.viewport_size["width"]


# --- Without JavaScript ------------------------------------------------------------------------


def test_without_javascript_the_switch_and_the_notes_are_plain_links(cable, live_server, browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    page = context.new_page()
    page.goto(cable_url(live_server))

    page.get_by_role("link", name="Diplomatic text").click()
    expect(page).to_have_url(re.compile(r"\?view=diplomatic$"))
    expect(page.get_by_role("link", name="Diplomatic text")).to_have_attribute("aria-current", "page")
    expect(page.locator("#document-text abbr.abbr").first).to_be_attached()
    page.get_by_role("link", name="Reading text").click()
    expect(page).to_have_url(re.compile(r"\?view=reading$"))

    marker = first_ocr_marker(page)
    note_id = marker.get_attribute("data-note")
    marker.click()
    expect(page).to_have_url(re.compile(f"#{note_id}$"))
    note = by_id(page, note_id)
    assert is_target(note)
    expect(note).to_be_focused()
    assert_clear_of_sticky_bars(page, note)
    note.locator('[role="doc-backlink"]').click()
    expect(page).to_have_url(re.compile(f"#ref-{note_id}$"))
    assert is_target(marker)
    expect(marker).to_be_focused()
    context.close()
