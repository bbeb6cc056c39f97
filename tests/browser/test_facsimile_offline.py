"""A student reads a FRUS letter offline: the scans cannot load, so each page's
transcription stands in for its scan instead of a broken image."""

from playwright.sync_api import expect

from tests.support import PIXEL_PNG

LETTER = "/documents/frus1961-63v06-d67/"
# The operator has configured the volume's scans (off by default: edition/settings.py).
ONLINE = "https://static.history.state.gov/frus/{volume}/medium/{facs}.png"


def test_offline_the_transcription_takes_the_place_of_each_scan(edition, live_server, page, settings):
    settings.FACSIMILE_BASE_URL = ONLINE
    for host in settings.FACSIMILE_IMAGE_HOSTS:
        page.route(f"{host}/**", lambda route: route.abort("internetdisconnected"))
    page.goto(live_server.url + LETTER)
    first = page.locator("figure.facsimile").first
    expect(first).to_have_class("facsimile facsimile--zoomable facsimile--unavailable")
    expect(first.locator("img")).to_be_hidden()
    expect(first.locator(".facsimile-tools")).to_be_hidden()
    expect(first.locator(".facsimile-transcription .transcription")).to_be_visible()
    expect(first.locator(".facsimile-transcription")).to_contain_text("Following message from President")
    expect(first.locator("figcaption")).to_have_text(
        "The scan of this page could not be loaded; its transcription follows."
    )


def test_online_the_scan_shows_and_its_transcription_waits_behind_a_summary(edition, live_server, page, settings):
    settings.FACSIMILE_BASE_URL = ONLINE
    for host in settings.FACSIMILE_IMAGE_HOSTS:
        page.route(f"{host}/**", lambda route: route.fulfill(body=PIXEL_PNG, content_type="image/png"))
    page.goto(live_server.url + LETTER)
    first = page.locator("figure.facsimile").first
    expect(first.locator("img")).to_be_visible()
    expect(first.locator(".facsimile-transcription .transcription")).to_be_hidden()
    first.get_by_text("Transcription of page 181").click()
    expect(first.locator(".facsimile-transcription .transcription")).to_be_visible()
    assert "facsimile--unavailable" not in first.get_attribute("class")
