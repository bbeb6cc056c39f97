"""Who may write: every write endpoint, told for each persona.

- Ivan, the intruder (anonymous), is sent to log in; nothing is written.
- Rita, a reader with an account, gets 403; nothing is written.
- Alice and Bob, editors, may write; CSRF is enforced on every POST.
"""

import pytest
from django.test import Client

from edition.models import Gloss

GETS = ["new", "edit", "history", "orphans"]
POSTS = ["new", "edit", "publish", "unpublish", "delete", "undelete", "restore", "reattach"]


@pytest.fixture
def gloss(write_gloss, alice):
    return write_gloss(alice, "para-4", "Alice's gloss.", words="DISMANTLING")


def url(name, gloss):
    first = gloss.history.earliest()
    return {
        "new": "/documents/usun-1762/passages/para-4/glosses/new/",
        "edit": f"/glosses/{gloss.public_id}/edit/",
        "publish": f"/glosses/{gloss.public_id}/publish/",
        "unpublish": f"/glosses/{gloss.public_id}/unpublish/",
        "delete": f"/glosses/{gloss.public_id}/delete/",
        "undelete": f"/glosses/{gloss.public_id}/undelete/",
        "history": f"/glosses/{gloss.public_id}/history/",
        "restore": f"/glosses/{gloss.public_id}/history/{first.history_id}/restore/",
        "orphans": "/glosses/orphans/",
        "reattach": f"/glosses/{gloss.public_id}/reattach/",
    }[name]


def post_data(name, gloss):
    return {
        "new": {"body": "Intruding."},
        "edit": {"body": "Intruding.", "version": gloss.version},
        "restore": {"version": gloss.version},
        "reattach": {"passage": "para-1", "exact": "", "version": gloss.version},
    }.get(name, {})


def state(gloss):
    gloss.refresh_from_db()
    return (Gloss.objects.count(), gloss.body, gloss.state, gloss.deleted_at, gloss.version, gloss.passage_xml_id)


@pytest.mark.parametrize("name", POSTS)
def test_the_intruder_is_sent_to_log_in_and_writes_nothing(client, gloss, name):
    before = state(gloss)
    response = client.post(url(name, gloss), post_data(name, gloss))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert state(gloss) == before


@pytest.mark.parametrize("name", POSTS)
def test_after_logging_in_the_editor_comes_back_to_the_page_not_to_a_post_only_endpoint(client, gloss, name):
    response = client.post(
        url(name, gloss), post_data(name, gloss), HTTP_REFERER="http://testserver/documents/usun-1762/?view=diplomatic"
    )
    assert response["Location"] == "/accounts/login/?next=/documents/usun-1762/%3Fview%3Ddiplomatic"
    elsewhere = client.post(url(name, gloss), post_data(name, gloss), HTTP_REFERER="https://evil.example/phish")
    assert elsewhere["Location"] == "/accounts/login/?next=/"


def test_an_expired_session_during_an_htmx_write_sends_the_whole_page_to_log_in(client, gloss):
    """The login page must replace the page, not be swapped into the text."""
    before = state(gloss)
    response = client.post(
        url("publish", gloss),
        {"view": "reading"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/documents/usun-1762/#para-4",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/documents/usun-1762/"
    assert response.content == b""
    assert state(gloss) == before


@pytest.mark.parametrize("name", GETS)
def test_the_intruder_asking_for_a_form_is_sent_to_log_in(client, gloss, name):
    response = client.get(url(name, gloss))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("name", POSTS)
def test_rita_the_reader_is_forbidden_and_writes_nothing(reader_client, gloss, name):
    before = state(gloss)
    assert reader_client.post(url(name, gloss), post_data(name, gloss)).status_code == 403
    assert state(gloss) == before


@pytest.mark.parametrize("name", GETS)
def test_rita_the_reader_cannot_open_the_forms(reader_client, gloss, name):
    assert reader_client.get(url(name, gloss)).status_code == 403


@pytest.mark.parametrize("name", GETS)
def test_bob_the_second_editor_opens_every_form(client, bob, gloss, name):
    client.force_login(bob)
    assert client.get(url(name, gloss)).status_code == 200


@pytest.mark.parametrize("name", POSTS)
def test_a_post_without_the_csrf_token_is_refused_even_for_an_editor(alice, gloss, name):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(alice)
    before = state(gloss)
    assert csrf_client.post(url(name, gloss), post_data(name, gloss)).status_code == 403
    assert state(gloss) == before


def test_an_editor_with_the_csrf_token_writes(alice, gloss):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(alice)
    csrf_client.get("/documents/usun-1762/")  # sets the CSRF cookie, as the page does for htmx
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(url("edit", gloss), {"body": "With the token.", "version": 1}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    assert state(gloss)[1] == "With the token."


def test_get_is_not_a_way_to_write(editor_client, gloss):
    for name in ["publish", "unpublish", "delete", "undelete", "restore", "reattach"]:
        assert editor_client.get(url(name, gloss)).status_code == 405


def test_readers_and_intruders_see_no_editor_controls(client, reader_client, gloss):
    gloss.state = Gloss.State.PUBLISHED
    gloss.save()
    for page in [reader_client.get("/documents/usun-1762/"), Client().get("/documents/usun-1762/")]:
        html = page.content.decode()
        assert gloss.anchor_id in html  # the published gloss is there
        for control in ["gloss-button", "gloss-actions", "glosses.js", "gloss-status", "Orphaned glosses"]:
            assert control not in html
