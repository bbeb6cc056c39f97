"""A historian at a wide screen reads the cable as a calm printed text and asks for the apparatus
on demand: highlighting, marks, furniture and gutter switched on under Display (a GET form that
works without JavaScript, remembered in a cookie with it), the left pane showing the typed page,
the notes beside their passages, the cited FRUS paragraph, or nothing; the Key explains every mark;
popovers wait for a hover intent and never open while text is being selected."""

import re

import pytest
from playwright.sync_api import expect

from tests.axe import violations
from tests.support import cable_url

LETTER = "/documents/frus1961-63v06-d67/"


def text_decoration(locator):
    return locator.evaluate(
        "(element) => { const style = getComputedStyle(element);"
        " return [style.textDecorationStyle, style.textDecorationThickness]; }"
    )


def open_display(page):
    menu = page.locator(".display-menu")
    if not menu.evaluate("(details) => details.open"):
        menu.locator("> summary").click()
    return page.locator(".display-form")


def choose(page, label):
    """Tick a Display choice and wait for the text to come back with it (its URL says so)."""
    control = open_display(page).get_by_label(label, exact=True)
    with page.expect_response(lambda response: "display=1" in response.url):
        control.check()
    expect(open_display(page).get_by_label(label, exact=True)).to_be_checked()


def test_the_default_is_a_clean_text_and_the_reader_switches_highlighting_on(cable, live_server, page):
    page.goto(cable_url(live_server))
    person = page.locator("#para-2 a.entity--person").first  # KUZNETSOV
    # Clean: one faint dotted underline for every name (a link stays a link), no labels, furniture folded.
    assert text_decoration(person) == ["dotted", "1px"]
    expect(page.locator(".passage-label").first).to_be_hidden()
    first_run = page.locator("#page-1 details.furniture-run").first
    expect(first_run.locator("summary")).to_have_text(re.compile(r"Printed form, stamps and marks\s*\(15 lines\)"))
    expect(page.locator('[id="p1-form-heading"]')).to_be_hidden()
    expect(page.locator("#opener-from")).to_be_visible()
    # The passage tools wait for hover or focus.
    tools = page.locator("#para-2 > .passage-tools")
    expect(tools).to_have_css("opacity", "0")
    page.locator("#para-2").hover()
    expect(tools).to_have_css("opacity", "1")

    choose(page, "Persons")
    text = page.locator("#document-text")
    expect(text).to_have_class(re.compile(r"\bshow-persons\b"))
    person = page.locator("#para-2 a.entity--person").first
    expect(person).to_have_css("text-decoration-style", "solid")
    expect(page).to_have_url(re.compile(r"[?&]persons=1"))
    cookie = {c["name"]: c["value"] for c in page.context.cookies()}["display"]
    assert "persons=1" in cookie

    # Remembered: the plain address shows the same choice on the next visit.
    page.goto(cable_url(live_server))
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bshow-persons\b"))
    expect(page.locator("#para-2 a.entity--person").first).to_have_css("text-decoration-style", "solid")

    # Furniture, marks and gutter: every run unfolds with its labels, corrections are marked, tools stand at the left.
    choose(page, "Page furniture")
    expect(page.locator('[id="p1-form-heading"]')).to_be_visible()
    expect(page.locator('[id="p1-form-heading"] .passage-label')).to_be_visible()
    choose(page, "Corrections and expansions")
    expect(page.locator('[id="p1-form-heading"] ins.corr')).to_have_css("border-bottom-style", "solid")
    choose(page, "Passage gutter")
    para = page.locator("#para-2")
    expect(para.locator("> .passage-tools")).to_have_css("opacity", "1")
    assert para.locator(".cite-link").bounding_box()["x"] < para.locator(".passage-body").bounding_box()["x"]
    # The view switch keeps the choices.
    page.get_by_role("link", name="Diplomatic text").click()
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bview-diplomatic\b.*\bshow-gutter\b"))


@pytest.fixture
def no_script_page(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    yield context.new_page()
    context.close()


def test_without_javascript_display_is_a_form_whose_choices_the_url_keeps(cable, live_server, no_script_page):
    page = no_script_page
    page.goto(cable_url(live_server))
    open_display(page)
    page.get_by_label("Places").check()
    page.get_by_label("Notes beside their passages").check()
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"\?view=reading&display=1&places=1&pane=notes$"))
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bpane-notes\b.*\bshow-places\b"))
    cuba = page.locator("#head-subject a.entity--place")
    expect(cuba).to_have_css("text-decoration-style", "double")
    # The other view keeps them, through its plain link.
    page.get_by_role("link", name="Diplomatic text").click()
    expect(page).to_have_url(re.compile(r"view=diplomatic&display=1&places=1&pane=notes"))
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bview-diplomatic\b.*\bpane-notes\b"))


def test_the_left_pane_shows_the_typed_page_the_notes_the_cited_paragraph_or_nothing(cable, edition, live_server, page):
    # The typed page (the default), its caption on top.
    page.goto(cable_url(live_server))
    figure = page.locator("#page-1 figure.facsimile")
    expect(figure).to_be_visible()
    assert figure.locator("> figcaption").bounding_box()["y"] < figure.locator(".transcription").bounding_box()["y"]

    # The notes beside their passages: each note in the margin at the left of the passage that calls it.
    choose(page, "Notes beside their passages")
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bpane-notes\b"))
    expect(page.locator("figure.facsimile")).to_have_count(0)
    expect(page.locator("section.footnotes")).to_have_count(0)
    marker = page.locator("#document-text .passage--p a.noteref--ocr").first
    note_id = marker.get_attribute("data-note")
    row = marker.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' margin-row ')][1]")
    note = row.locator(f'.margin-row-margin [id="{note_id}"]')
    expect(note).to_be_visible()
    note_box, marker_box = note.bounding_box(), marker.bounding_box()
    assert note_box["x"] + note_box["width"] <= marker_box["x"], "the note stands in the margin at the left"
    assert abs(note_box["y"] - row.bounding_box()["y"]) < 20, "beside its passage, not at the page's foot"
    # The marker still leads to its note.
    marker.click()
    expect(note).to_be_focused()

    # The cited FRUS paragraph beside the passage that cites it.
    choose(page, "The cited FRUS paragraphs")
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bpane-cited\b"))
    citing = page.locator('a.ref[href$="#d67-p4-i2"]').first.locator(
        "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' margin-row ')][1]"
    )
    cited = citing.locator(".cited-paragraph", has_text="Document 67")
    expect(cited).to_contain_text("We, on our part")  # d67 ¶ 4, item 2: Kennedy's letter of 27 October
    expect(cited.get_by_role("link", name="Document 67, ¶ 4, p. 182")).to_have_attribute(
        "href", "/documents/frus1961-63v06-d67/#d67-p4"
    )
    assert cited.bounding_box()["x"] < citing.locator(".margin-row-text").bounding_box()["x"]

    # Nothing: the text takes the width.
    choose(page, "Nothing: the text takes the width")
    expect(page.locator("#document-text")).to_have_class(re.compile(r"\bpane-none\b"))
    expect(page.locator("figure.facsimile")).to_have_count(0)
    section, text = page.locator("#page-1").bounding_box(), page.locator("#page-1 .page-text").bounding_box()
    assert text["width"] > 0.95 * section["width"]


def test_a_frus_letter_without_a_scan_requests_none_and_gives_its_text_the_width(edition, live_server, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + LETTER)
    assert not [url for url in requested if not url.startswith(live_server.url)], "no third-party request"
    expect(page.locator("figure.facsimile")).to_have_count(0)
    section, text = page.locator("section.page").first.bounding_box(), page.locator(".page-text").first.bounding_box()
    assert text["width"] > 0.95 * section["width"]
    # Its notes may still stand beside their paragraphs.
    expect(open_display(page).get_by_label("The typed page")).to_have_count(0)
    choose(page, "Notes beside their passages")
    expect(page.locator(".margin-row-margin .note").first).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_key_explains_every_mark_and_both_schemes_pass_axe(scheme, cable, live_server, page, axe):
    page.emulate_media(color_scheme=scheme)
    page.goto(cable_url(live_server, "?display=1&persons=1&places=1&terms=1&marks=1&furniture=1"))
    page.locator(".legend-menu > summary").click()
    legend = page.locator(".legend")
    expect(legend).to_be_visible()
    for words in ("OCR correction", "A person", "A place", "abbreviation or a term", "corrected", "stamp", "gloss"):
        expect(legend).to_contain_text(words)
    # The samples are the text's own classes: the person sample looks like a highlighted person.
    expect(legend.locator(".entity--person")).to_have_css("text-decoration-style", "solid")
    page.locator(".display-menu > summary").click()
    assert violations(axe()) == []
    if scheme == "dark":
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(24, 24, 22)"


def test_editorial_principles_speak_plainly_first_and_technically_second(cable, live_server, page):
    page.goto(cable_url(live_server))
    principles = page.locator("details.reader-principles")
    principles.locator("> summary").click()
    plain = principles.locator("p").first
    expect(plain).to_contain_text("OCR")
    assert "<choice>" not in plain.inner_text() and "@cert" not in plain.inner_text()
    technical = principles.locator("details.editorial-principles")
    assert principles.get_by_text("For encoders: the technical part").bounding_box()["y"] > plain.bounding_box()["y"]
    technical.locator("> summary").click()
    expect(technical).to_contain_text("@cert")


def test_a_popover_waits_for_a_hover_intent_and_never_opens_while_selecting(cable, live_server, page):
    page.goto(cable_url(live_server))
    person = page.locator("#para-2 a.entity--person").first
    popover = page.locator("#note-popover")
    # Passing over a name while reading opens nothing.
    box = person.bounding_box()
    page.mouse.move(box["x"] - 30, box["y"] + box["height"] / 2)
    page.mouse.move(box["x"] + box["width"] + 30, box["y"] + box["height"] / 2, steps=3)
    page.wait_for_timeout(600)
    expect(page.locator("#note-popover:visible")).to_have_count(0)
    # Resting on it does, with the identification's whole first sentence.
    person.hover()
    expect(popover).to_be_visible()
    identification = popover.locator(".note-popover-text p").last
    expect(identification).to_contain_text("First Deputy Foreign Minister of the Soviet Union")
    assert identification.inner_text().rstrip().endswith("."), "a whole sentence, not cut at ';'"
    page.keyboard.press("Escape")
    page.mouse.move(0, 0)
    # Selecting across names opens none.
    paragraph = page.locator("#para-2 .passage-body")
    start = paragraph.bounding_box()
    page.mouse.move(start["x"] + 2, start["y"] + 6)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(600)
    page.mouse.up()
    page.wait_for_timeout(600)
    assert page.evaluate("window.getSelection().toString().trim().length") > 0
    expect(page.locator("#note-popover:visible")).to_have_count(0)
