"""Every write carries the version the editor saw; a write against an older one changes nothing (409).

Alice's page shows a gloss at one version. Bob changes the gloss meanwhile. Whatever
Alice then presses (save, publish, unpublish, delete, undo delete, restore, re-attach)
is refused with 409: the gloss, its history and the admin's log stay exactly as Bob left them.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client

from edition import glosses
from edition.models import Gloss

HTMX = {"HTTP_HX_REQUEST": "true"}


def prepared(gloss, name):
    """The gloss in the state each write acts on (published to unpublish, deleted to undo, orphaned to re-attach)."""
    if name == "unpublish":
        glosses.publish(gloss, gloss.created_by)
    if name == "undelete":
        glosses.delete(gloss, gloss.created_by)
    if name == "reattach":
        Gloss.objects.filter(pk=gloss.pk).update(anchor_status=Gloss.AnchorStatus.ORPHANED)
    gloss.refresh_from_db()
    return gloss


def write(name, gloss, version):
    """What Alice's browser posts for each write, carrying the version her page showed."""
    first = gloss.history.earliest()
    return {
        "edit": (f"/glosses/{gloss.public_id}/edit/", {"body": "Alice's stale text.", "version": version}),
        "publish": (f"/glosses/{gloss.public_id}/publish/", {"view": "reading", "version": version}),
        "unpublish": (f"/glosses/{gloss.public_id}/unpublish/", {"view": "reading", "version": version}),
        "delete": (f"/glosses/{gloss.public_id}/delete/", {"view": "reading", "version": version}),
        "undelete": (f"/glosses/{gloss.public_id}/undelete/", {"view": "reading", "version": version}),
        "restore": (f"/glosses/{gloss.public_id}/history/{first.history_id}/restore/", {"version": version}),
        "reattach": (
            f"/glosses/{gloss.public_id}/reattach/",
            {"passage": "para-11", "exact": "NO NEW POINTS WERE AGREED", "prefix": "", "version": version},
        ),
    }[name]


def everything_about(gloss):
    row = Gloss.objects.filter(pk=gloss.pk).values().get()
    return row, gloss.history.count(), LogEntry.objects.count()


WRITES = ["edit", "publish", "unpublish", "delete", "undelete", "restore", "reattach"]


@pytest.mark.parametrize("htmx", [False, True], ids=["without JavaScript", "with htmx"])
@pytest.mark.parametrize("name", WRITES)
def test_a_write_against_a_version_bob_has_replaced_changes_nothing(client, write_gloss, alice, bob, name, htmx):
    gloss = prepared(write_gloss(alice, "para-4", "Alice's text.", words="DISMANTLING"), name)
    seen_by_alice = gloss.version
    bob_rewrites(gloss, bob)
    before = everything_about(gloss)

    client.force_login(alice)
    url, data = write(name, gloss, seen_by_alice)
    response = client.post(url, data, **(HTMX if htmx else {}))

    assert response.status_code == 409
    assert everything_about(gloss) == before
    html = response.content.decode()
    if name == "undelete" and htmx:  # a deleted gloss is not in the text: the status says why nothing happened
        assert "Nothing was done: this gloss changed since your page was made (now version 5)" in html
    else:  # the newer text, to check before trying again
        assert "Bob&#x27;s text." in html or "Bob's text." in html


def bob_rewrites(gloss, bob):
    """Bob rewrites the gloss's text (a deleted one he brings back, rewrites and deletes again)."""
    with glosses.editing(gloss.public_id, gloss.version, deleted_too=True) as locked:
        deleted = locked.deleted_at is not None
        if deleted:
            glosses.undelete(locked, bob)
        glosses.edit_text(locked, bob, "Bob's text.")
        if deleted:
            glosses.delete(locked, bob)


@pytest.mark.parametrize("name", WRITES)
def test_a_write_without_a_version_is_refused_too(editor_client, write_gloss, alice, name):
    gloss = prepared(write_gloss(alice, "para-4", "Alice's text."), name)
    before = everything_about(gloss)
    url, data = write(name, gloss, None)
    data.pop("version")
    assert editor_client.post(url, data).status_code == 409
    assert everything_about(gloss) == before


def test_a_stale_undo_does_not_bring_back_a_gloss_bob_deleted_on_purpose(write_gloss, alice, bob):
    """Alice deletes a gloss and leaves the Undo on screen. Bob brings it back, thinks
    again and deletes it for good. Alice's Undo, made for her own delete, is refused."""
    gloss = write_gloss(alice, "para-4", "Doubtful.", words="DISMANTLING")
    alices, bobs = Client(), Client()
    alices.force_login(alice)
    bobs.force_login(bob)

    deleted = alices.post(f"/glosses/{gloss.public_id}/delete/", {"view": "reading", "version": 1}, **HTMX)
    assert 'name="version" value="2"' in deleted.content.decode().split('id="gloss-status"')[1]  # her Undo
    assert bobs.post(f"/glosses/{gloss.public_id}/undelete/", {"version": 2}).status_code == 302
    assert bobs.post(f"/glosses/{gloss.public_id}/delete/", {"version": 3}).status_code == 302

    undo = alices.post(f"/glosses/{gloss.public_id}/undelete/", {"view": "reading", "version": 2}, **HTMX)
    assert undo.status_code == 409
    assert "Nothing was done: this gloss changed since your page was made (now version 4)" in undo.content.decode()
    gloss.refresh_from_db()
    assert gloss.deleted_at is not None and gloss.version == 4
    assert gloss.history.latest().history_user == bob


def test_the_domain_refuses_a_stale_version_and_a_deleted_gloss(write_gloss, alice):
    """The one rule the views rely on, told without HTTP: bench scripts and the admin write through it too."""
    gloss = write_gloss(alice, "para-4", "Text.")
    with pytest.raises(glosses.Stale) as refused, glosses.editing(gloss.public_id, 7):
        pytest.fail("a stale version must not reach the write")
    assert refused.value.gloss.version == 1 and not refused.value.precondition_failed
    with pytest.raises(glosses.Stale) as refused, glosses.editing(gloss.public_id, 1, if_match='"not-the-etag"'):
        pass
    assert refused.value.precondition_failed

    with glosses.editing(gloss.public_id, "1") as locked:  # as a form sends it
        glosses.delete(locked, alice)
    with pytest.raises(Gloss.DoesNotExist), glosses.editing(gloss.public_id, 2):
        pass
    with glosses.editing(gloss.public_id, 2, deleted_too=True) as locked:
        glosses.undelete(locked, alice)
    gloss.refresh_from_db()
    assert (gloss.deleted_at, gloss.version) == (None, 3)
