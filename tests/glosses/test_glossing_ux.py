"""Glossing as quick as Hypothesis (issue 9, Glossing), the server's side: Save and publish in one
step, the sanitiser's losses said before saving, readers shown whose gloss on which words and when,
the history's word diff, and a restore that asks first and returns to the passage."""

import re
from datetime import UTC, datetime

from django.test import Client

from edition.difftext import DELETED, INSERTED, SAME, Piece, diff_html, has_changes, word_diff
from edition.markdown import sanitiser_report
from edition.models import Gloss
from tests.support import new_gloss_url, nu_check, selection

HTMX = {"HTTP_HX_REQUEST": "true"}


def edit_url(gloss):
    return f"/glosses/{gloss.public_id}/edit/"


# -- the word diff (edition/difftext.py, general: K's revision diffs may use it too) ----------------


def test_a_changed_word_shows_struck_and_inserted_and_the_rest_as_it_was():
    assert word_diff("The OCR reads DISTANTLING here.", "The OCR read DISMANTLING here.") == [
        Piece(SAME, "The OCR "),
        Piece(DELETED, "reads DISTANTLING "),
        Piece(INSERTED, "read DISMANTLING "),
        Piece(SAME, "here."),
    ]


def test_the_diff_as_html_escapes_the_words_it_marks():
    html = diff_html("See <b>this</b>.", "See <i>that</i>.")
    assert html == "See <del>&lt;b&gt;this&lt;/b&gt;.</del><ins>&lt;i&gt;that&lt;/i&gt;.</ins>"


def test_words_moved_to_another_line_are_the_same_words():
    assert not has_changes("one two\nthree", "one two three")
    assert diff_html("", "New text.") == "<ins>New text.</ins>"


# -- Save and publish -------------------------------------------------------------------------------


def test_save_and_publish_makes_one_published_version_that_readers_see(editor_client, cable, para4):
    data = {"body": "The OCR read DISTANTLING.", "publish": "1", **selection(para4.reading_text, "DISMANTLING")}
    response = editor_client.post(new_gloss_url(cable, "para-4"), data)
    gloss = Gloss.objects.get()
    assert response["Location"] == "/documents/usun-1762/#para-4"  # back to the passage
    assert (gloss.state, gloss.version) == (Gloss.State.PUBLISHED, 1)
    assert gloss.history.get().history_change_reason == "created and published"
    readers_page = Client().get("/documents/usun-1762/").content.decode()
    assert "The OCR read DISTANTLING." in readers_page


def test_the_form_offers_save_draft_then_save_and_publish(editor_client, cable):
    html = editor_client.get(new_gloss_url(cable, "para-4"), **HTMX).content.decode()
    draft, publish = html.index(">Save draft</button>"), html.index(">Save and publish</button>")
    assert draft < publish  # Enter in a text field submits the first: a draft, never a publication
    assert '<button type="submit" name="publish" value="1">Save and publish</button>' in html


def test_save_draft_still_saves_a_draft(editor_client, cable):
    editor_client.post(new_gloss_url(cable, "para-4"), {"body": "Only for editors."}, **HTMX)
    assert Gloss.objects.get().state == Gloss.State.DRAFT


# -- what the sanitiser drops, said before saving ----------------------------------------------------


def test_the_report_names_what_will_not_show_as_written():
    assert sanitiser_report("The *corrected* reading, see [para 4](#para-4).") == []
    assert sanitiser_report("`<script>` in code is code") == []
    [typed] = sanitiser_report("Hi <script>alert(1)</script>")
    assert typed.startswith("<script> will be shown as text")
    [link] = sanitiser_report("[click](javascript:alert(1))")
    assert "“javascript:alert(1)” will not be a link" in link
    assert sanitiser_report("# Title\n\ntext") == ["A heading (<h1>) is not kept: its words stay, as plain text."]
    assert sanitiser_report("a\n\n---\n\nb") == ["A horizontal rule (<hr>) will be removed."]
    assert sanitiser_report("![scan](https://example.org/p1.png)")[0].startswith("Images are not shown")


def test_check_shows_the_warning_and_the_note_as_readers_will_see_it_and_saves_nothing(editor_client, cable):
    response = editor_client.post(
        new_gloss_url(cable, "para-4"), {"body": "Read <script>alert(1)</script> *this*.", "check": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Gloss.objects.exists()
    warning = re.search(r'<div class="gloss-markup-warning">(.*?)</div>', html, re.S).group(1)
    assert "&lt;script&gt; will be shown as text, not as HTML" in warning
    assert "Readers will see:" in html
    assert "<p>Read &lt;script&gt;alert(1)&lt;/script&gt; <em>this</em>.</p>" in html
    assert "Read &lt;script&gt;alert(1)&lt;/script&gt; *this*.</textarea>" in html  # her text, kept to correct


def test_the_textarea_checks_as_the_editor_types(editor_client, cable):
    html = editor_client.get(new_gloss_url(cable, "para-4"), **HTMX).content.decode()
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'hx-post="/documents/usun-1762/passages/para-4/glosses/new/"' in textarea
    assert 'hx-vals=\'{"check": "1"}\'' in textarea
    assert 'hx-target="#gloss-form-para-4-check"' in textarea
    assert '<div class="gloss-check" id="gloss-form-para-4-check" aria-live="polite">' in html


def test_editing_a_gloss_that_loses_markup_warns_on_the_edit_form(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "Fine.")
    response = editor_client.post(edit_url(gloss), {"body": "<em>x</em>", "version": 1, "check": "1"}, **HTMX)
    assert response.status_code == 200
    assert "&lt;em&gt; will be shown as text" in response.content.decode()
    gloss.refresh_from_db()
    assert (gloss.body, gloss.version) == ("Fine.", 1)


# -- what readers see of a published gloss ------------------------------------------------------------


def test_readers_see_the_lemma_the_editors_name_and_the_date(client, write_gloss, alice):
    alice.first_name, alice.last_name = "Alice", "Archer"
    alice.save()
    gloss = write_gloss(alice, "para-4", "The OCR read DISTANTLING.", words="DISMANTLING", publish=True)
    Gloss.objects.filter(pk=gloss.pk).update(
        created_at=datetime(2026, 11, 30, 9, tzinfo=UTC), updated_at=datetime(2026, 12, 1, 9, tzinfo=UTC)
    )
    html = client.get("/documents/usun-1762/").content.decode()
    note = re.search(rf'<aside class="note note--gloss" id="{gloss.anchor_id}".*?</aside>', html, re.S).group(0)
    assert '<span class="visually-hidden">On the words </span><q class="gloss-lemma">DISMANTLING</q>' in note
    assert "by Alice Archer" in note
    assert '<time datetime="2026-11-30">30 November 2026</time>' in note
    assert 'revised <time datetime="2026-12-01">1 December 2026</time>' in note


def test_a_gloss_on_the_whole_passage_says_so(client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "All of it.", publish=True)
    html = client.get("/documents/usun-1762/").content.decode()
    note = re.search(rf'<aside class="note note--gloss" id="{gloss.anchor_id}".*?</aside>', html, re.S).group(0)
    assert "On the whole passage" in note and "by alice" in note


# -- the history: what changed, and a restore that asks first -----------------------------------------


def test_the_history_shows_the_words_that_changed(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "The OCR reads DISTANTLING.")
    editor_client.post(edit_url(gloss), {"body": "The OCR read DISTANTLING, a typing error.", "version": 1})
    html = editor_client.get(f"/glosses/{gloss.public_id}/history/").content.decode()
    assert (
        '<p class="gloss-changes">The OCR <del>reads DISTANTLING.</del><ins>read DISTANTLING, a typing error.</ins></p>'
        in html
    )


def test_restoring_asks_first_and_then_returns_to_the_passage(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "The original.", words="DISMANTLING")
    editor_client.post(edit_url(gloss), {"body": "A mistake.", "version": 1})
    first = gloss.history.get(history_change_reason="created")
    history = editor_client.get(f"/glosses/{gloss.public_id}/history/").content.decode()
    confirm_url = f"/glosses/{gloss.public_id}/history/{first.history_id}/restore/confirm/"
    assert f'href="{confirm_url}"' in history
    assert f'action="/glosses/{gloss.public_id}/history/{first.history_id}/restore/"' not in history  # no one-click

    confirm = editor_client.get(confirm_url)
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "<h1>Restore the text of version 1?</h1>" in html
    assert '<p class="gloss-changes"><del>A mistake.</del><ins>The original.</ins></p>' in html
    gloss.refresh_from_db()
    assert gloss.version == 2  # looking changes nothing

    response = editor_client.post(f"/glosses/{gloss.public_id}/history/{first.history_id}/restore/", {"version": 2})
    assert response["Location"] == f"/documents/usun-1762/#{gloss.anchor_id}"
    gloss.refresh_from_db()
    assert (gloss.body, gloss.version) == ("The original.", 3)


def test_the_confirmation_is_for_editors_only(client, reader_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "The original.")
    first = gloss.history.get()
    url = f"/glosses/{gloss.public_id}/history/{first.history_id}/restore/confirm/"
    assert reader_client.get(url).status_code == 403
    reader_client.logout()
    assert client.get(url)["Location"].startswith("/accounts/login/?next=")


def test_the_new_pages_are_valid_html(editor_client, cable, write_gloss, alice, tmp_path):
    """The restore confirmation, and a form checked with its warning and preview, for the Nu Html Checker."""
    gloss = write_gloss(alice, "para-4", "The original.", words="DISMANTLING")
    editor_client.post(edit_url(gloss), {"body": "A mistake.", "version": 1})
    first = gloss.history.get(history_change_reason="created")
    served = {
        "restore": editor_client.get(f"/glosses/{gloss.public_id}/history/{first.history_id}/restore/confirm/"),
        "checked": editor_client.post(new_gloss_url(cable, "para-4"), {"body": "# A <b>title</b>", "check": "1"}),
        "history": editor_client.get(f"/glosses/{gloss.public_id}/history/"),
    }
    assert all(response.status_code == 200 for response in served.values())
    errors = nu_check({name: response.content.decode() for name, response in served.items()}, tmp_path)
    assert errors == {name: [] for name in served}, errors
