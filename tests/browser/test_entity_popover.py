"""A student glances at who someone is without leaving the text: hovering or
tabbing to a person, term or place shows its short identification."""

from playwright.sync_api import expect

from tests.axe import violations
from tests.support import cable_url, tab_to


def first_person(page):
    return page.locator("#para-2 a.entity--person").first  # KUZNETSOV


def test_hovering_a_person_shows_who_they_are_and_escape_closes_it(cable, live_server, page, axe):
    page.goto(cable_url(live_server))
    person = first_person(page)
    person.hover()
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Kuznetsov")
    expect(tooltip).to_contain_text("Deputy")  # "First Deputy Foreign Minister of the Soviet Union"
    expect(tooltip.get_by_role("link")).to_have_attribute("href", "/persons/usun-1762-kuznetsov/")
    # The native title tooltip does not double it, and the link is described by the popover.
    assert person.get_attribute("title") is None
    assert person.get_attribute("aria-describedby") == "note-popover-text"
    assert not violations(axe())
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()


def test_a_keyboard_user_gets_the_same_identification_on_focus(cable, live_server, page):
    page.goto(cable_url(live_server))
    term = page.locator("#para-2 a.entity--term").first  # RECONNAISSANCE FLIGHTS
    entry = term.get_attribute("href")
    page.locator("#para-2 .permalink").focus()  # start from the paragraph, then Tab as a keyboard user does
    tab_to(page, term)
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("term")
    page.keyboard.press("Enter")  # following the link still goes to the entry
    expect(page).to_have_url(live_server.url + entry)
