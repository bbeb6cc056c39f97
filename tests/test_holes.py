"""Holes found by probing the running edition (issue 11): each answered 500, or answered
wrongly, and now gets a clear answer. Run on SQLite and on PostgreSQL alike."""

import logging

import pytest

PASSWORD = "correct horse battery staple"


# --- 2. a month the calendar does not have --------------------------------------------------------


@pytest.mark.parametrize("month", ["0000-01", "1962-13", "1962-00"])
def test_a_reader_asking_for_an_impossible_month_is_told_so(client, edition, month):
    response = client.get("/documents/", {"month": month})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"“{month}” is not a month (YYYY-MM), so the month filter was ignored." in page


def test_a_real_month_still_filters_the_letters(client, edition):
    page = client.get("/documents/", {"month": "1962-10"}).content.decode()
    assert "/documents/frus1961-63v06-d67/" in page  # Khrushchev's letter of 26 October 1962


# --- 3. control characters in the address --------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "/search/?q=%00",
        "/search/?q=%00zzzz",
        "/documents/?q=%00",
        "/documents/?sender=Khru%00shchev",
        "/documents/usun-1762/passages/para-1%00/",
        "/documents/usun%00-1762/",
        "/search/?q=IL%1B28",
    ],
)
def test_an_intruder_sending_control_characters_is_refused_with_a_clear_message(intruder_client, edition, address):
    response = intruder_client.get(address)
    assert response.status_code == 400
    assert "control characters" in response.content.decode()


def test_a_search_with_a_line_break_pasted_in_still_answers(client, edition):
    assert client.get("/search/", {"q": "IL-28\n"}).status_code == 200


# --- 7. the admin history of a gloss that is not there ----------------------------------------------


@pytest.mark.parametrize("object_id", ["abc", "999999", "1%20OR%201=1"])
def test_a_maintainer_asking_for_the_history_of_no_gloss_is_not_shown_an_error(maintainer_client, db, object_id):
    response = maintainer_client.get(f"/admin/edition/gloss/{object_id}/history/", follow=True)
    assert response.status_code in (200, 404)
    if response.status_code == 200:  # the admin's own answer: back to the list, saying why
        assert "doesn’t exist" in response.content.decode()


@pytest.mark.parametrize("version", ["abc", "999999"])
def test_a_maintainer_asking_for_a_version_that_is_not_there_gets_a_not_found(
    maintainer_client, draft_by_alice, version
):
    gloss = draft_by_alice
    assert maintainer_client.get(f"/admin/edition/gloss/{gloss.pk}/history/{version}/").status_code == 404
    assert maintainer_client.get(f"/admin/edition/gloss/abc/history/{version}/", follow=True).status_code == 200


def test_the_history_of_a_real_gloss_is_still_shown(maintainer_client, draft_by_alice):
    gloss = draft_by_alice
    assert maintainer_client.get(f"/admin/edition/gloss/{gloss.pk}/history/").status_code == 200


# --- 9. login throttling --------------------------------------------------------------------------


def wrong_password(client, url, username):
    return client.post(url, {"username": username, "password": "not the password"})


@pytest.mark.parametrize("login_url", ["/accounts/login/", "/admin/login/"])
def test_an_intruder_guessing_alices_password_is_locked_out(client, alice, login_url, settings, caplog):
    # alice is a staff-less editor: the admin form refuses her anyway, but guesses still count.
    attempts = [wrong_password(client, login_url, "alice").status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert attempts[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)  # the form again, with its error
    with caplog.at_level(logging.WARNING, logger="axes"):
        locked = client.post(login_url, {"username": "alice", "password": PASSWORD})
    assert attempts[-1] == 429 or locked.status_code == 429
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed log-ins" in page
    assert f"after {settings.AXES_FAILURE_LIMIT} wrong passwords in a row" in page
    assert "_auth_user_id" not in client.session  # even the right password does not get in
    assert any("Locking out" in record.getMessage() for record in caplog.records) or attempts[-1] == 429


def test_the_lockout_is_logged(client, alice, settings, caplog):
    with caplog.at_level(logging.WARNING):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            wrong_password(client, "/accounts/login/", "alice")
    assert any("AXES: Locking out" in record.getMessage() for record in caplog.records)


def test_an_intruder_trying_many_accounts_from_one_address_is_locked_out(client, alice, bob, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        wrong_password(client, "/accounts/login/", f"guess{n}")
    assert client.post("/accounts/login/", {"username": "bob", "password": PASSWORD}).status_code == 429


def test_alice_mistyping_once_still_logs_in(client, alice, settings):
    assert wrong_password(client, "/accounts/login/", "alice").status_code == 200
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_the_lockout_page_passes_the_quality_bar_for_words(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong_password(client, "/accounts/login/", "alice")
    page = client.get("/accounts/login/").content.decode()
    assert "<form" in page  # reading the form is never locked; only the guesses are


# --- 10. headers and settings (the subprocess checks are in tests/production/) ---------------------


def test_every_page_says_which_browser_features_it_does_not_use(client, db):
    policy = client.get("/")["Permissions-Policy"]
    features = dict(part.strip().split("=") for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
