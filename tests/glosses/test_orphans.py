"""Orphans: glosses an import could not place. Editors see them in a list and re-attach them."""

import pytest

from edition.models import Gloss


@pytest.fixture
def orphan(write_gloss, alice):
    gloss = write_gloss(alice, "para-12", "On Washington's thinking.", words="LATEST THINKING", publish=True)
    gloss.anchor_status = Gloss.AnchorStatus.ORPHANED
    gloss.save()
    return gloss


def reattach(client, gloss, **data):
    return client.post(f"/glosses/{gloss.public_id}/reattach/", {"version": gloss.version, **data})


def test_editors_see_orphans_with_a_form_to_re_attach_them(editor_client, orphan):
    html = editor_client.get("/glosses/orphans/").content.decode()
    assert "<h1>Orphaned glosses</h1>" in html
    assert "It quoted <q>LATEST THINKING</q>" in html
    assert f'action="/glosses/{orphan.public_id}/reattach/"' in html
    assert f'id="orphan-{orphan.public_id}-passage"' in html  # ids stay unique with many orphans


def test_an_editor_re_attaches_an_orphan_to_words_in_a_passage(editor_client, orphan, cable):
    response = reattach(editor_client, orphan, passage="para-11", exact="NO NEW POINTS WERE AGREED")
    assert response.status_code == 302 and response["Location"] == f"/documents/usun-1762/#{orphan.anchor_id}"
    orphan.refresh_from_db()
    text = cable.passages.get(xml_id="para-11").reading_text
    assert orphan.anchor_status == Gloss.AnchorStatus.ANCHORED and orphan.passage_xml_id == "para-11"
    # placed by an editor: the reading view does not say "re-anchored by the last import"
    assert text[orphan.start : orphan.end] == "NO NEW POINTS WERE AGREED"
    assert orphan.history.latest().history_change_reason == "re-attached to ¶ 11, p. 4"
    assert "Orphaned glosses" in editor_client.get("/glosses/orphans/").content.decode()
    assert orphan.anchor_id in editor_client.get("/documents/usun-1762/").content.decode()


def test_words_that_occur_twice_need_the_words_before_them(editor_client, orphan, cable):
    response = reattach(editor_client, orphan, passage="para-8", exact="SECURITY COUNCIL")
    assert response.status_code == 422
    assert "occur 2 times" in response.content.decode()
    response = reattach(editor_client, orphan, passage="para-8", exact="SECURITY COUNCIL", prefix="DECLARATION IN")
    assert response.status_code == 302
    orphan.refresh_from_db()
    text = cable.passages.get(xml_id="para-8").reading_text
    assert text[: orphan.start].endswith("DECLARATION IN ")


def test_words_not_in_the_passage_are_refused(editor_client, orphan):
    response = reattach(editor_client, orphan, passage="para-11", exact="NOT IN THERE")
    assert response.status_code == 422
    orphan.refresh_from_db()
    assert orphan.anchor_status == Gloss.AnchorStatus.ORPHANED


def test_an_empty_quote_attaches_to_the_whole_passage(editor_client, orphan):
    assert reattach(editor_client, orphan, passage="para-11", exact="").status_code == 302
    orphan.refresh_from_db()
    assert (orphan.passage_xml_id, orphan.exact, orphan.start) == ("para-11", "", None)


def test_a_stale_re_attachment_is_refused(editor_client, orphan):
    response = editor_client.post(
        f"/glosses/{orphan.public_id}/reattach/",
        {"version": orphan.version - 1 or 99, "passage": "para-11", "exact": ""},
    )
    assert response.status_code == 409
    orphan.refresh_from_db()
    assert orphan.anchor_status == Gloss.AnchorStatus.ORPHANED


def test_an_orphan_whose_passage_is_gone_has_no_passage_preselected(editor_client, cable, write_gloss, alice):
    gloss = write_gloss(alice, "para-4", "Lost.")
    Gloss.objects.filter(pk=gloss.pk).update(passage_xml_id="para-999", anchor_status=Gloss.AnchorStatus.ORPHANED)
    page = editor_client.get("/glosses/orphans/").content.decode()
    select = page.split(f'id="orphan-{gloss.public_id}-passage"', 1)[1].split("</select>", 1)[0]
    assert select.split("<option", 2)[1].startswith(' value="">Choose a passage…')  # first, so the browser shows it
    assert "selected" not in select
    refused = editor_client.post(
        f"/glosses/{gloss.public_id}/reattach/", {"passage": "", "exact": "", "prefix": "", "version": 1}
    )
    assert refused.status_code == 422
    assert Gloss.objects.get(pk=gloss.pk).anchor_status == Gloss.AnchorStatus.ORPHANED
