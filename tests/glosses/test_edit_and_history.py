"""Editing a gloss: in place, never overwriting a newer version, with every version kept and restorable."""

from django.test import Client

from edition.models import Gloss

HTMX = {"HTTP_HX_REQUEST": "true"}


def edit_url(gloss):
    return f"/glosses/{gloss.public_id}/edit/"


def test_alice_edits_her_gloss_in_place(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "First thoughts.", words="DISMANTLING")
    form = editor_client.get(edit_url(gloss), {"view": "reading"}, **HTMX)
    assert form.status_code == 200 and form["ETag"] == gloss.etag
    assert 'name="version" value="1"' in form.content.decode()
    assert "First thoughts." in form.content.decode()

    response = editor_client.post(edit_url(gloss), {"body": "Second thoughts.", "version": 1}, **HTMX)
    assert response.status_code == 200 and response["HX-Reswap"] == "none"
    # Her note comes back out of band, by its id; the rest of the page stays as it is.
    assert f'<aside hx-swap-oob="true" class="note note--gloss" id="{gloss.anchor_id}"' in response.content.decode()
    assert "<p>Second thoughts.</p>" in response.content.decode()
    gloss.refresh_from_db()
    assert (gloss.body, gloss.version, gloss.etag) == ("Second thoughts.", 2, f'"{gloss.public_id}-2"')


def test_without_javascript_the_edit_form_is_a_page_and_redirects_to_the_note(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "First thoughts.")
    page = editor_client.get(edit_url(gloss))
    assert "<h1>Edit gloss on ¶ 4, p. 2</h1>" in page.content.decode()
    response = editor_client.post(edit_url(gloss), {"body": "Changed.", "version": 1})
    assert response.status_code == 302 and response["Location"] == f"/documents/usun-1762/#{gloss.anchor_id}"


def test_an_edit_with_an_empty_body_is_refused_with_422(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "Keep me.")
    response = editor_client.post(edit_url(gloss), {"body": "", "version": 1}, **HTMX)
    assert response.status_code == 422
    gloss.refresh_from_db()
    assert gloss.body == "Keep me." and gloss.version == 1


class TestTwoEditorsAtOnce:
    """Alice and Bob open the same gloss; Bob saves first. Alice's save is refused, nothing is overwritten,
    and her form shows Bob's text beside hers so she can merge."""

    def test_the_stale_save_is_refused_with_409_and_shows_the_newer_text(self, client, write_gloss, alice, bob):
        gloss = write_gloss(alice, "para-4", "Alice's first text.")
        bobs = Client()
        bobs.force_login(bob)
        assert bobs.post(edit_url(gloss), {"body": "Bob's better text.", "version": 1}).status_code == 302

        client.force_login(alice)
        response = client.post(edit_url(gloss), {"body": "Alice's second text.", "version": 1}, **HTMX)
        assert response.status_code == 409
        html = response.content.decode()
        assert "This gloss was changed while you were editing it." in html
        assert "bob saved version 2" in html
        assert "Bob&#x27;s better text." in html  # the newer text, to merge
        assert "Alice&#x27;s second text." in html  # and hers, kept in the box
        assert 'name="version" value="2"' in html  # the next save merges onto version 2
        gloss.refresh_from_db()
        assert gloss.body == "Bob's better text." and gloss.version == 2

        merged = client.post(edit_url(gloss), {"body": "Merged text.", "version": 2}, **HTMX)
        assert merged.status_code == 200
        gloss.refresh_from_db()
        assert gloss.body == "Merged text." and gloss.version == 3

    def test_a_stale_if_match_is_refused_with_412(self, editor_client, write_gloss, alice):
        gloss = write_gloss(alice, "para-4", "Text.")
        response = editor_client.post(
            edit_url(gloss), {"body": "New.", "version": 1}, HTTP_IF_MATCH=f'"{gloss.public_id}-0"', **HTMX
        )
        assert response.status_code == 412
        gloss.refresh_from_db()
        assert gloss.body == "Text."
        ok = editor_client.post(edit_url(gloss), {"body": "New.", "version": 1}, HTTP_IF_MATCH=gloss.etag, **HTMX)
        assert ok.status_code == 200


class TestHistory:
    def test_every_version_is_kept_with_who_when_and_the_text_before_and_after(
        self, write_gloss, alice, bob, editor_client
    ):
        gloss = write_gloss(alice, "para-4", "One.")
        bobs = Client()
        bobs.force_login(bob)
        bobs.post(edit_url(gloss), {"body": "Two.", "version": 1})
        bobs.post(f"/glosses/{gloss.public_id}/publish/", {"version": 2})  # what bob sees after his edit

        records = list(gloss.history.order_by("history_date"))
        assert [(r.history_user.username, r.history_change_reason, r.body, r.state) for r in records] == [
            ("alice", "created", "One.", "draft"),
            ("bob", "edited", "Two.", "draft"),
            ("bob", "published", "Two.", "published"),
        ]
        page = editor_client.get(f"/glosses/{gloss.public_id}/history/")
        html = page.content.decode()
        assert page.status_code == 200
        assert 'Edited <span class="meta">by bob' in html
        assert '<h3>Before</h3><pre class="gloss-source">One.</pre>' in html
        assert '<h3>After</h3><pre class="gloss-source">Two.</pre>' in html
        assert "State: draft → published" in html

    def test_an_editor_restores_an_earlier_text_as_a_new_version(self, editor_client, write_gloss, alice):
        gloss = write_gloss(alice, "para-4", "The original.")
        editor_client.post(edit_url(gloss), {"body": "A mistake.", "version": 1})
        first = gloss.history.get(history_change_reason="created")
        response = editor_client.post(f"/glosses/{gloss.public_id}/history/{first.history_id}/restore/", {"version": 2})
        assert response.status_code == 302
        gloss.refresh_from_db()
        assert (gloss.body, gloss.body_html, gloss.version) == ("The original.", "<p>The original.</p>", 3)
        assert gloss.history.count() == 3  # the restore is a version too; nothing is rewritten
        assert gloss.history.latest().history_change_reason == "restored the text of version 1"

    def test_restoring_from_a_stale_history_page_is_refused(self, editor_client, write_gloss, alice):
        gloss = write_gloss(alice, "para-4", "The original.")
        editor_client.post(edit_url(gloss), {"body": "Newer.", "version": 1})
        first = gloss.history.get(history_change_reason="created")
        response = editor_client.post(f"/glosses/{gloss.public_id}/history/{first.history_id}/restore/", {"version": 1})
        assert response.status_code == 409
        assert Gloss.objects.get().body == "Newer."
