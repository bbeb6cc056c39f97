"""Who may change the text: every endpoint of the corrections, told for each persona.

- The intruder (anonymous) is sent to log in; nothing is written.
- Rita, a reader, gets 403; so does Alice, an editor who glosses but is not a text editor.
- Tess, a text editor, may; CSRF is enforced on every POST.
"""

import pytest
from django.test import Client

from edition.models import SuspectDecision
from edition.models.revisions import TextRevision

GETS = {
    "correct": "/documents/usun-1762/passages/para-4/correct/",
    "revisions": "/documents/usun-1762/revisions/",
    "diff": "/documents/usun-1762/revisions/diff/?from=1&to=1",
    "ocr edit": "/documents/usun-1762/corrections/c-dismantling/",
    "suspects": "/documents/usun-1762/suspects/",
    "note edit": "/documents/usun-1762/notes/n-ed-customary/edit/",
}
POSTS = {
    "correct": ("/documents/usun-1762/passages/para-4/correct/", {
        "kind": "ocr", "base": 1, "words": "LAGS", "correction": "LAGGED", "cert": "high", "evidence": "Intruding.",
    }),
    "publish": ("/documents/usun-1762/revisions/publish/", {"number": 1, "message": "Intruding."}),
    "restore": ("/documents/usun-1762/revisions/1/restore/", {"base": 1}),
    "ocr edit": ("/documents/usun-1762/corrections/c-dismantling/", {
        "base": 1, "correction": "DISMANTLED", "cert": "low", "evidence": "Intruding.",
    }),
    "ocr withdraw": ("/documents/usun-1762/corrections/c-dismantling/", {"base": 1, "withdraw": "1"}),
    "dismiss": ("/documents/usun-1762/suspects/dismiss/", {"word": "WORD", "reason": "Intruding."}),
    "note edit": ("/documents/usun-1762/notes/n-ed-customary/edit/", {"base": 1, "note": "Intruding."}),
}  # fmt: skip


def state():
    return (
        list(TextRevision.objects.values_list("number", "state", "sha256")),
        SuspectDecision.objects.count(),
    )


@pytest.mark.parametrize("name", POSTS)
def test_the_intruder_is_sent_to_log_in_and_writes_nothing(cable, client, name):
    before = state()
    url, data = POSTS[name]
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert state() == before


@pytest.mark.parametrize("name", GETS)
def test_the_intruder_cannot_see_the_editing_pages(cable, client, name):
    response = client.get(GETS[name])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("persona", ["rita", "alice"])
@pytest.mark.parametrize("name", POSTS)
def test_a_reader_and_a_glossing_editor_are_refused_every_write(cable, client, rita, alice, persona, name):
    client.force_login({"rita": rita, "alice": alice}[persona])
    before = state()
    url, data = POSTS[name]
    assert client.post(url, data).status_code == 403
    assert state() == before


@pytest.mark.parametrize("persona", ["rita", "alice"])
@pytest.mark.parametrize("name", GETS)
def test_a_reader_and_a_glossing_editor_are_refused_every_page(cable, client, rita, alice, persona, name):
    client.force_login({"rita": rita, "alice": alice}[persona])
    assert client.get(GETS[name]).status_code == 403


@pytest.mark.parametrize("name", POSTS)
def test_csrf_is_checked_on_every_write(cable, tess, name):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(tess)
    before = state()
    url, data = POSTS[name]
    assert csrf_client.post(url, data).status_code == 403
    assert state() == before


@pytest.mark.parametrize("name", GETS)
def test_tess_the_text_editor_sees_every_page(cable, client, tess, name):
    client.force_login(tess)
    assert client.get(GETS[name]).status_code == 200


def test_the_text_editors_group_exists_after_migrate_with_its_permission_only(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="text-editors")
    assert list(group.permissions.values_list("codename", flat=True)) == ["change_textrevision"]
    assert not Group.objects.get(name="editors").permissions.filter(codename="change_textrevision").exists()
