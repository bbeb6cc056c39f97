"""Text editors correct the text in Chromium; readers see it once it is published.

- Tess selects words the OCR misread, marks the OCR error in the form that opens there,
  and publishes the revision; Rita, a reader, sees the corrected reading and its note.
- Tess restores the earlier version from the history and publishes it.
- Tess and Theo correct the same version at once: the second is shown the first's change (409).
- The published text goes to a sources directory (export_sources) and back (import_sources).
"""

import re
import shutil

import pytest
from django.core.management import call_command

from edition.models import Passage
from edition.models.revisions import TextRevision, TextSource
from tests.support import CABLE, PASSWORD, cable_url, make_user, select_words

pytestmark = pytest.mark.usefixtures("transactional_db")


def text_editor(username):
    from edition.permissions import text_editors_group

    user = make_user(username, editor=True)
    user.groups.add(text_editors_group())
    return user


@pytest.fixture
def tess(transactional_db):
    return text_editor("tess")


@pytest.fixture
def theo(transactional_db):
    return text_editor("theo")


@pytest.fixture(autouse=True)
def _tei_all_warm():
    from edition.revisions import warm_schema

    warm_schema()


def log_in(browser, browser_context_args, live_server, user):
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return page


def mark_lags_by_selection(page, live_server, correction="LAGGED"):
    page.goto(cable_url(live_server))
    select_words(page, "para-4", "LAGS")
    page.get_by_role("link", name="Correct text").click()
    form = page.locator(".correction-form")
    form.get_by_label("Correction", exact=True).fill(correction)
    form.get_by_label("Certainty").select_option("medium")
    form.get_by_label("Evidence").fill("The typescript reads LAGGED; the OCR lost two letters.")
    form.get_by_role("button", name="Save as a working revision").click()


def publish(page, message):
    page.get_by_label("Message").fill(message)
    page.get_by_role("button", name="Publish revision").click()
    page.get_by_text("The revision is published").wait_for()


def test_tess_marks_an_ocr_error_by_selection_publishes_it_and_rita_reads_the_note(
    cable, tess, rita, live_server, browser, browser_context_args
):
    page = log_in(browser, browser_context_args, live_server, tess)
    mark_lags_by_selection(page, live_server)
    # The working revision, with its word diff against the published text.
    page.wait_for_url("**/revisions/")
    assert page.get_by_role("heading", name="Working revision: version 2").is_visible()
    assert page.locator(".revision-working ins").first.inner_text() == "LAGGED"
    assert page.locator(".revision-working del").first.inner_text() == "LAGS"

    reader = log_in(browser, browser_context_args, live_server, rita)
    reader.goto(cable_url(live_server))
    assert "LAGS BEHIND" in reader.locator('[id="para-4"]').inner_text()  # not published yet

    publish(page, "LAGS corrected to LAGGED")
    reader.reload()
    # The corrected word, then the new note's marker.
    assert re.search(r"LAGGED\d* BEHIND", reader.locator('[id="para-4"] .passage-body').inner_text())
    assert reader.get_by_text("the OCR lost two letters").count() >= 1
    assert reader.locator("#doc-version").inner_text().startswith("Text: version 2, ")
    reader.goto(cable_url(live_server, "?view=diplomatic"))
    assert re.search(r"LAGS\d* BEHIND", reader.locator('[id="para-4"] .passage-body').inner_text())


def test_tess_restores_an_older_version_and_publishes_it(cable, tess, live_server, browser, browser_context_args):
    page = log_in(browser, browser_context_args, live_server, tess)
    mark_lags_by_selection(page, live_server)
    page.wait_for_url("**/revisions/")
    publish(page, "LAGS corrected")
    page.get_by_role("button", name="Restore version 1").click()
    assert page.get_by_role("heading", name="Working revision: version 3").is_visible()
    assert page.locator(".revision-working del").first.inner_text() == "LAGGED"
    publish(page, "Back to the first encoding")
    page.goto(cable_url(live_server))
    assert "LAGS BEHIND" in page.locator('[id="para-4"] .passage-body').inner_text()
    history = [(r.number, r.state, r.message) for r in TextRevision.objects.order_by("number")]
    assert history[1:] == [(2, "published", "LAGS corrected"), (3, "published", "Back to the first encoding")]


def test_two_editors_correct_the_same_version_and_the_second_is_shown_the_first_change(
    cable, tess, theo, live_server, browser, browser_context_args
):
    pages = {user.username: log_in(browser, browser_context_args, live_server, user) for user in (tess, theo)}
    # Both open the form on version 1, Theo on other words of the same paragraph.
    for page, words in ((pages["tess"], "LAGS"), (pages["theo"], "REREAD")):
        page.goto(cable_url(live_server))
        select_words(page, "para-4", words)
        page.get_by_role("link", name="Correct text").click()
        page.locator(".correction-form").get_by_label("Evidence").wait_for()
    for name, correction in (("tess", "LAGGED"), ("theo", "RE-READ")):
        form = pages[name].locator(".correction-form")
        form.get_by_label("Correction", exact=True).fill(correction)
        form.get_by_label("Evidence").fill(f"{name}'s evidence.")
        form.get_by_role("button", name="Save as a working revision").click()
        if name == "tess":
            pages[name].wait_for_url("**/revisions/")
    conflict = pages["theo"].locator(".revision-conflict")
    conflict.wait_for()
    assert "Another change was saved first" in conflict.inner_text()
    assert conflict.locator("ins").first.inner_text() == "LAGGED"
    assert TextRevision.objects.count() == 2  # Theo's change was not saved


def test_the_published_text_goes_to_a_sources_directory_and_back(
    cable, tess, rita, live_server, browser, browser_context_args, tmp_path, settings
):
    page = log_in(browser, browser_context_args, live_server, tess)
    mark_lags_by_selection(page, live_server)
    page.wait_for_url("**/revisions/")
    publish(page, "LAGS corrected")

    settings.SOURCES_DIR = tmp_path
    shutil.copy(CABLE, tmp_path / CABLE.name)
    call_command("export_sources")
    assert "<sic>LAGS</sic>" in (tmp_path / CABLE.name).read_text(encoding="utf-8")
    call_command("import_sources", str(tmp_path / CABLE.name))
    assert TextRevision.objects.count() == 2  # the file is the published revision: no new one
    assert TextSource.objects.get().imported_sha256 == TextRevision.objects.get(number=2).sha256

    reader = log_in(browser, browser_context_args, live_server, rita)
    reader.goto(cable_url(live_server))
    assert re.search(r"LAGGED\d* BEHIND", reader.locator('[id="para-4"] .passage-body').inner_text())
    assert Passage.objects.get(xml_id="para-4").reading_text.count("LAGGED") == 1


def test_the_correction_pages_have_no_axe_violations(cable, tess, live_server, browser, browser_context_args):
    from tests.axe import run_axe, violations

    page = log_in(browser, browser_context_args, live_server, tess)
    page.goto(cable_url(live_server))
    select_words(page, "para-4", "LAGS")
    page.get_by_role("link", name="Correct text").click()
    page.locator(".correction-form").get_by_label("Evidence").wait_for()
    checked = {"the document with the form open": run_axe(page)}
    mark_lags_by_selection(page, live_server)
    page.wait_for_url("**/revisions/")
    for name, rest in (
        ("revisions", "revisions/"),
        ("diff", "revisions/diff/?from=1&to=2&tei=1"),
        ("suspects", "suspects/"),
        ("ocr edit", "corrections/c-dismantling/"),
        ("correction page", "passages/para-4/correct/"),
    ):
        page.goto(cable_url(live_server, rest))
        checked[name] = run_axe(page)
    for name, results in checked.items():
        assert results["violations"] == [], (name, violations(results))
