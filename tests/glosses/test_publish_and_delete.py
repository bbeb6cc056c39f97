"""Publishing makes a gloss a reader's note; deleting takes it out of the text, and can be undone."""

import re

from edition.models import Gloss

HTMX = {"HTTP_HX_REQUEST": "true"}


def numbered_marker(html, gloss):
    match = re.search(
        rf'<a class="noteref noteref--gloss" href="#{gloss.anchor_id}" id="ref-{gloss.anchor_id}" '
        rf'role="doc-noteref" data-nontext(?:="")? data-note="{gloss.anchor_id}" '
        rf'aria-label="Gloss ([a-z]+)" data-n="([a-z]+)"></a>',
        html,
    )
    return match.group(1) if match else None


def test_alice_publishes_and_an_anonymous_reader_sees_a_numbered_note(editor_client, client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "Read **DISMANTLING**.", words="DISMANTLING")
    response = editor_client.post(
        f"/glosses/{gloss.public_id}/publish/", {"view": "reading", "version": gloss.version}, **HTMX
    )
    assert response.status_code == 200 and "Gloss published" in response.content.decode()
    gloss.refresh_from_db()
    assert gloss.state == Gloss.State.PUBLISHED and gloss.version == 2

    client.logout()
    html = client.get("/documents/usun-1762/").content.decode()
    number = numbered_marker(html, gloss)
    assert number  # at its anchor, right after the quoted words
    assert f'data-gloss="{gloss.public_id}">DISMANTLING</mark><a class="noteref noteref--gloss"' in html
    note = re.search(rf'<aside class="note note--gloss" id="{gloss.anchor_id}".*?</aside>', html, re.S).group(0)
    assert f'aria-label="Gloss {number}"' in note
    assert "<p>Read <strong>DISMANTLING</strong>.</p>" in note
    assert f'href="#ref-{gloss.anchor_id}" role="doc-backlink"' in note
    assert "gloss-actions" not in note and "Publish" not in note  # no editor controls for readers


def test_alice_returns_a_published_gloss_to_draft_and_readers_no_longer_see_it(
    editor_client, client, write_gloss, alice
):
    gloss = write_gloss(alice, "para-4", "Second thoughts.", words="DISMANTLING", publish=True)
    assert numbered_marker(client.get("/documents/usun-1762/").content.decode(), gloss)
    page = editor_client.get("/documents/usun-1762/").content.decode()
    assert f'action="/glosses/{gloss.public_id}/unpublish/"' in page

    response = editor_client.post(
        f"/glosses/{gloss.public_id}/unpublish/", {"view": "reading", "version": gloss.version}, **HTMX
    )
    assert response.status_code == 200 and "back to draft" in response.content.decode()
    gloss.refresh_from_db()
    assert gloss.state == Gloss.State.DRAFT
    assert gloss.history.first().history_change_reason == "returned to draft"
    client.logout()
    assert numbered_marker(client.get("/documents/usun-1762/").content.decode(), gloss) is None


def test_glosses_run_in_their_own_series_and_leave_the_notes_numbers_alone(client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "On the word.", words="DISMANTLING", publish=True)
    html = client.get("/documents/usun-1762/").content.decode()
    numbers = [int(n) for n in re.findall(r'role="doc-noteref"[^>]*aria-label="Note (\d+)"', html)]
    assert numbers == list(range(1, len(numbers) + 1))  # the edition's notes, as without the gloss
    assert numbered_marker(html, gloss) == "a"
    # The gloss's marker stands in the text before the OCR note on the same word.
    assert html.index(f'data-note="{gloss.anchor_id}"') < html.index('data-note="n-ocr-dismantling"')


def test_alice_deletes_a_gloss_and_undoes_it(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "Oops.", words="DISMANTLING")
    response = editor_client.post(
        f"/glosses/{gloss.public_id}/delete/", {"view": "reading", "version": gloss.version}, **HTMX
    )
    html = response.content.decode()
    # The passage comes back without her gloss, and its note is taken off the page.
    assert response.status_code == 200
    passage = html.split('id="gloss-status"')[0].split(f'<div id="{gloss.anchor_id}" hx-swap-oob="delete">')[0]
    assert 'id="para-4"' in passage and gloss.anchor_id not in passage and str(gloss.public_id) not in passage
    assert f'<div id="{gloss.anchor_id}" hx-swap-oob="delete"></div>' in html
    assert 'hx-swap-oob="innerHTML"' in html and "Undo delete" in html
    gloss.refresh_from_db()
    assert gloss.deleted_at is not None  # kept in the database, out of the text
    assert Gloss.objects.live().count() == 0
    undo = html.split('id="gloss-status"')[1]
    assert f'<input type="hidden" name="version" value="{gloss.version}">' in undo  # the Undo undoes this delete

    response = editor_client.post(
        f"/glosses/{gloss.public_id}/undelete/", {"view": "reading", "version": gloss.version}, **HTMX
    )
    assert response.status_code == 200 and f'id="{gloss.anchor_id}"' in response.content.decode()
    gloss.refresh_from_db()
    assert gloss.deleted_at is None
    assert [r.history_change_reason for r in gloss.history.order_by("history_date")] == [
        "created",
        "deleted",
        "undeleted",
    ]


def test_without_javascript_a_delete_leads_to_the_history_page_with_its_undo(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "Oops.")
    response = editor_client.post(f"/glosses/{gloss.public_id}/delete/", {"version": gloss.version}, follow=True)
    assert response.redirect_chain[-1][0] == f"/glosses/{gloss.public_id}/history/"
    assert "This gloss was deleted" in response.content.decode()
    assert "Undo delete" in response.content.decode()
    assert (
        '<input type="hidden" name="version" value="2"><button type="submit" id="gloss-undo"'
        in response.content.decode()
    )
    back = editor_client.post(f"/glosses/{gloss.public_id}/undelete/", {"version": 2})
    assert back["Location"] == f"/documents/usun-1762/#{gloss.anchor_id}"


def test_a_deleted_gloss_cannot_be_edited_or_published(editor_client, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "Gone.")
    editor_client.post(f"/glosses/{gloss.public_id}/delete/", {"version": gloss.version})
    assert editor_client.get(f"/glosses/{gloss.public_id}/edit/").status_code == 404
    assert editor_client.post(f"/glosses/{gloss.public_id}/publish/", {"version": gloss.version}).status_code == 404


def test_writes_are_logged_for_the_admin(editor_client, write_gloss, alice):
    from django.contrib.admin.models import LogEntry

    gloss = write_gloss(alice, "para-4", "Logged.")
    editor_client.post(f"/glosses/{gloss.public_id}/publish/", {"version": gloss.version})
    assert list(LogEntry.objects.order_by("action_time").values_list("change_message", flat=True)) == [
        "Created gloss",
        "Published gloss",
    ]


def test_a_gloss_ending_inside_a_persons_link_puts_its_marker_after_the_link(client, write_gloss, alice, tmp_path):
    """Links cannot nest: the marker of a gloss on "KUZNETSOV" follows the person link."""
    from tests.support import nu_check

    gloss = write_gloss(alice, "para-2", "Who he was.", words="KUZNETSOV", publish=True)
    html = client.get("/documents/usun-1762/").content.decode()
    assert re.search(
        rf'<a class="entity entity--person"[^>]*>'
        rf'<mark class="gloss-quote" data-gloss="{gloss.public_id}">KUZNETSOV</mark></a>'
        rf'<a class="noteref noteref--gloss"',
        html,
    )
    assert nu_check({"cable": html}, tmp_path)["cable"] == []


def test_alice_cannot_publish_text_she_has_not_seen(editor_client, write_gloss, alice, bob):
    """Bob edits the draft while Alice's page still shows version 1: her Publish is refused,
    and she is shown Bob's text to check first."""
    from django.test import Client

    gloss = write_gloss(alice, "para-4", "Alice's wording.", words="DISMANTLING")
    bobs = Client()
    bobs.force_login(bob)
    bobs.post(f"/glosses/{gloss.public_id}/edit/", {"body": "Bob's wording.", "version": 1})

    response = editor_client.post(f"/glosses/{gloss.public_id}/publish/", {"view": "reading", "version": 1}, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Bob&#x27;s wording." in html or "Bob's wording." in html
    assert "Nothing was done: this gloss changed since your page was made" in html
    gloss.refresh_from_db()
    assert gloss.state == Gloss.State.DRAFT
    without_js = editor_client.post(f"/glosses/{gloss.public_id}/delete/", {"version": 1})
    assert without_js.status_code == 409 and Gloss.objects.get().deleted_at is None


def test_a_publish_keeps_every_other_letter_and_answers_with_its_own_passage_only(
    editor_client, client, write_gloss, alice, cable
):
    """Letters are kept (issue 11): publishing a gloss early in the text moves no later gloss's letter,
    so alice's page is told only about the one passage and note she changed, however many glosses follow."""
    later = [cable.passages.get(xml_id=xml_id) for xml_id in ("para-4", "para-5", "para-8", "para-9")]
    published = [
        write_gloss(alice, passage.xml_id, f"Later gloss {n}.", publish=True) for n in range(15) for passage in later
    ]
    reader_page = client.get("/documents/usun-1762/").content.decode()
    before = {gloss.anchor_id: numbered_marker(reader_page, gloss) for gloss in published}
    assert sorted(before.values(), key=lambda letter: (len(letter), letter))[-1] == "bh"  # a … z, aa … bh: 60 glosses

    early = write_gloss(alice, "para-1", "On the meeting.", words="FOUR-HOUR MEETING")
    response = editor_client.post(
        f"/glosses/{early.public_id}/publish/", {"view": "reading", "version": early.version}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Gloss published" in html
    # One passage and one note come back, swapped in by their ids: no later gloss is mentioned.
    assert re.findall(r'<div hx-swap-oob="true" class="passage[^"]*" id="([^"]+)"', html) == ["para-1"]
    assert re.findall(r'<aside hx-swap-oob="true" class="note note--gloss" id="([^"]+)"', html) == [early.anchor_id]
    assert not any(gloss.anchor_id in html for gloss in published)
    assert len(response.content) < 20_000

    # The reader sees the new gloss with the next letter, and every other gloss where it was.
    reader_page = client.get("/documents/usun-1762/").content.decode()
    assert numbered_marker(reader_page, early) == "bi"
    assert {gloss.anchor_id: numbered_marker(reader_page, gloss) for gloss in published} == before


def test_glosses_restored_from_an_archive_without_letters_take_them_in_reading_order(client, write_gloss, alice):
    """A backup written before letters were kept restores published glosses with none: the restore gives
    them letters in reading order (as they showed then), after any letter already given."""
    from edition.glosses import letter_glosses_without_one

    kept = write_gloss(alice, "para-8", "Lettered already.", publish=True)
    later = write_gloss(alice, "para-4", "On the word.", words="DISMANTLING", publish=True)
    earlier = write_gloss(alice, "para-1", "On the meeting.", words="FOUR-HOUR MEETING", publish=True)
    Gloss.objects.filter(pk__in=[later.pk, earlier.pk]).update(number=None)  # as the archive held them

    assert letter_glosses_without_one() == 2
    html = client.get("/documents/usun-1762/").content.decode()
    assert [numbered_marker(html, gloss) for gloss in (kept, earlier, later)] == ["a", "b", "c"]
    assert letter_glosses_without_one() == 0
