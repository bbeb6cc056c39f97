"""A reader goes down page 1 of the cable, which has no scan: the transcription pane beside
the text follows, so the block of the passage being read is always in view and marked.

The stories:
- reading down to para-3 brings its block into the pane; going back up brings the pane back;
  the window itself never moves for it;
- a permalink to the form at the foot of page 1 opens with its block in the pane;
- a reader who is scrolling the pane themselves is left alone;
- without JavaScript the pane is still a pane that scrolls by itself, its caption on top.

Behind the pane: at import each block of the transcription names its passage (data-passage),
checked without a browser in tests/test_facsimile_follow.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.axe import violations
from tests.support import STICKY_BOTTOM, cable_url

pytestmark = pytest.mark.usefixtures("transactional_db")

PANE = "#page-1 figure.facsimile > .transcription"
CURRENT = re.compile(r"\bis-current\b")


def block(page, passage_id):
    return page.locator(f'{PANE} [data-passage="{passage_id}"]')


def read_down_to(page, passage_id):
    """Scroll the window until the passage's top meets the bottom of the sticky bars, as a
    reader who has just reached it. Twice: the view switch only sticks once scrolled past."""
    for _ in range(2):
        bars = page.evaluate(STICKY_BOTTOM)
        page.evaluate(
            "([id, bars]) => window.scrollBy(0, document.getElementById(id).getBoundingClientRect().top - bars)",
            [passage_id, bars],
        )


def wait_until_shown_in_pane(page, passage_id):
    """The passage's block is marked and wholly within the pane's visible box, and the pane
    has stopped scrolling (its smooth scroll has settled)."""
    page.wait_for_function(
        """([pane, id]) => {
            const box = document.querySelector(pane);
            const block = box.querySelector(`[data-passage="${id}"]`);
            const outer = box.getBoundingClientRect();
            const inner = block.getBoundingClientRect();
            const settled = window.__paneTop === box.scrollTop;
            window.__paneTop = box.scrollTop;
            return settled && block.classList.contains("is-current")
                && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
        }""",
        arg=[PANE, passage_id],
        polling=100,
    )


def pane_scroll_top(page):
    return page.locator(PANE).evaluate("(pane) => pane.scrollTop")


# --- Reading down the page --------------------------------------------------------------------


def test_reading_down_to_para_3_brings_its_block_into_the_pane_and_back_up(cable, live_server, page, axe):
    page.goto(cable_url(live_server, "?display=1&furniture=1"))  # the form's lines shown, not folded
    caption = page.locator("#page-1 figure.facsimile > figcaption")
    expect(caption).to_have_text("No image: diplomatic transcription of page 1, laid out as typed.")
    assert pane_scroll_top(page) == 0

    read_down_to(page, "para-3")
    window_before = page.evaluate("window.scrollY")
    wait_until_shown_in_pane(page, "para-3")
    assert pane_scroll_top(page) > 0, "the pane scrolled down to the foot of page 1"
    expect(page.locator(f"{PANE} .is-current")).to_have_count(1)
    assert page.evaluate("window.scrollY") == window_before, (
        "the pane follows; the window stays where the reader left it"
    )
    expect(caption).to_be_in_viewport()  # the label sits above the scrolled transcription
    assert violations(axe()) == []

    page.evaluate("window.scrollTo(0, 0)")
    first = block(page, "p1-num-01171")
    expect(first).to_have_class(CURRENT)
    page.wait_for_function("(pane) => document.querySelector(pane).scrollTop === 0", arg=PANE)
    assert page.evaluate("window.scrollY") == 0


def test_a_permalink_to_the_form_at_the_foot_of_page_1_opens_with_its_block_in_the_pane(cable, live_server, csp_page):
    # Under the real Content-Security-Policy: the pane follows without inline script or style.
    page = csp_page
    page.goto(cable_url(live_server, "#p1-form-return-notice"))
    wait_until_shown_in_pane(page, "p1-form-return-notice")
    assert pane_scroll_top(page) > 0
    assert page.problems == []


def test_focus_in_a_passage_brings_its_block_into_the_pane(cable, live_server, page):
    page.goto(cable_url(live_server, "?display=1&furniture=1"))  # the form's lines shown, not folded
    page.locator('[id="p1-form-return-notice"] a').first.focus()
    wait_until_shown_in_pane(page, "p1-form-return-notice")
    assert page.evaluate("document.activeElement.closest('.passage').id") == "p1-form-return-notice"


def test_a_reader_scrolling_the_pane_is_left_alone(cable, live_server, page):
    page.goto(cable_url(live_server))
    read_down_to(page, "para-3")
    wait_until_shown_in_pane(page, "para-3")

    # The reader turns the wheel over the pane, to the foot of the page.
    pane = page.locator(PANE).bounding_box()
    page.mouse.move(pane["x"] + pane["width"] / 2, pane["y"] + pane["height"] / 2)
    page.mouse.wheel(0, 2000)
    page.wait_for_function(
        "(pane) => { const box = document.querySelector(pane); "
        "return box.scrollTop + box.clientHeight >= box.scrollHeight - 1; }",
        arg=PANE,
    )
    at_foot = pane_scroll_top(page)

    # Then, within two seconds, the text moves up to para-1: its block is marked, not scrolled to.
    read_down_to(page, "para-1")
    expect(block(page, "para-1")).to_have_class(CURRENT)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert pane_scroll_top(page) == at_foot


# --- Without JavaScript -------------------------------------------------------------------------


def test_without_javascript_the_pane_scrolls_by_itself_under_its_caption(
    cable, live_server, browser, browser_context_args
):
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    page = context.new_page()
    page.goto(cable_url(live_server))
    figure = page.locator("#page-1 figure.facsimile")
    expect(figure.locator("> figcaption")).to_be_in_viewport()
    pane = page.locator(PANE)
    assert pane.evaluate("(pane) => pane.scrollHeight > pane.clientHeight"), "page 1 is taller than its pane"
    box = pane.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 60)  # the pane's top, in the window
    page.mouse.wheel(0, 400)
    expect(pane).to_have_js_property("scrollTop", 400)  # the pane scrolled, not the window
    assert page.evaluate("window.scrollY") == 0
    expect(page.locator(".transcription .is-current")).to_have_count(0)
    assert figure.locator("> figcaption").bounding_box()["y"] < box["y"], "the caption heads the pane"
    context.close()
