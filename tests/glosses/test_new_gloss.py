"""Alice, an editor, glosses the cable: a form per passage, in place (htmx) or as a page."""

import re

import pytest

from edition.models import Gloss
from tests.support import new_gloss_url, selection

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_gloss_control_fetches_a_form_that_shows_the_quoted_words(editor_client, cable, para4):
    words = selection(para4.reading_text, "DISMANTLING")
    response = editor_client.get(new_gloss_url(cable, "para-4"), words, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment for the passage's slot
    assert 'New gloss on <q class="gloss-form-quote">DISMANTLING</q>' in html
    assert f'value="{words["prefix"]}"' in html
    assert 'hx-post="/documents/usun-1762/passages/para-4/glosses/new/"' in html


def test_without_javascript_the_form_is_a_page_of_its_own(editor_client, cable, para4):
    response = editor_client.get(new_gloss_url(cable, "para-4"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Gloss ¶ 4, p. 2</h1>" in html  # what readers call it, not its id
    assert "New gloss on the whole passage" in html
    assert para4.reading_text[:40] in html


def test_posting_the_form_with_htmx_creates_a_draft_and_swaps_in_only_what_changed(editor_client, alice, cable, para4):
    words = selection(para4.reading_text, "DISMANTLING")
    response = editor_client.post(
        new_gloss_url(cable, "para-4"), {"body": "The *corrected* reading.", **words, "view": "reading"}, **HTMX
    )
    assert response.status_code == 200
    gloss = Gloss.objects.get()
    assert (gloss.passage_xml_id, gloss.exact, gloss.prefix, gloss.suffix) == (
        "para-4",
        "DISMANTLING",
        words["prefix"],
        words["suffix"],
    )
    assert para4.reading_text[gloss.start : gloss.end] == "DISMANTLING"
    assert gloss.source_revision == cable.source_revision
    assert gloss.state == Gloss.State.DRAFT and gloss.created_by == alice and gloss.version == 1
    assert gloss.body_html == "<p>The <em>corrected</em> reading.</p>"
    # Only what changed comes back, each part swapped by its id: the passage, its notes, the status.
    assert response["HX-Reswap"] == "none"
    html = response.content.decode()
    assert 'id="document-text"' not in html
    assert '<div hx-swap-oob="true" class="passage' in html and 'id="para-4"' in html
    assert html.count('class="passage ') == 1
    # The new note is placed beside its neighbour among the page's notes.
    assert re.search(r'<div hx-swap-oob="(beforebegin|afterend):#[\w-]+"><aside class="note note--gloss"', html)
    assert f'<mark class="gloss-quote gloss-quote--draft" data-gloss="{gloss.public_id}">DISMANTLING</mark>' in html
    # A draft takes no number a reader could cite: editors see a provisional mark.
    draft_marker = (
        rf'href="#{gloss.anchor_id}" id="ref-{gloss.anchor_id}"[^>]*aria-label="Draft gloss"'
        r'(>draft</a>|[^>]* data-n="draft")'  # the mark as text, or as CSS generated content
    )
    assert re.search(draft_marker, html)
    assert f'id="{gloss.anchor_id}" role="doc-footnote"' in html
    assert "Gloss saved as a draft." in html  # the status, swapped out of band
    assert "glossChanged" in response["HX-Trigger-After-Settle"]


def test_without_javascript_posting_redirects_back_to_the_passage(editor_client, cable):
    response = editor_client.post(new_gloss_url(cable, "para-4"), {"body": "On the whole paragraph."})
    assert response.status_code == 302
    assert response["Location"] == "/documents/usun-1762/#para-4"
    gloss = Gloss.objects.get()
    assert (gloss.exact, gloss.start, gloss.end) == ("", None, None)


def test_a_word_that_occurs_twice_is_glossed_where_it_was_selected(editor_client, cable):
    para8 = cable.passages.get(xml_id="para-8")
    assert para8.reading_text.count("SECURITY COUNCIL") == 2
    second = selection(para8.reading_text, "SECURITY COUNCIL", occurrence=2)
    editor_client.post(new_gloss_url(cable, "para-8"), {"body": "The Council.", **second})
    gloss = Gloss.objects.get()
    assert gloss.start == second["start"] != para8.reading_text.index("SECURITY COUNCIL")


class TestRefusals:
    """A refused gloss comes back as the form with its messages and HTTP 422, for htmx to show in place."""

    def post(self, client, cable, xml_id="para-4", **data):
        return client.post(new_gloss_url(cable, xml_id), data, **HTMX)

    def test_an_empty_body(self, editor_client, cable, para4):
        response = self.post(editor_client, cable, body="  ", **selection(para4.reading_text, "DISMANTLING"))
        assert response.status_code == 422
        assert "Write the gloss: the text is empty." in response.content.decode()
        assert not Gloss.objects.exists()

    def test_a_body_over_the_length_limit(self, editor_client, cable, settings):
        settings.GLOSS_MAX_LENGTH = 50
        response = self.post(editor_client, cable, body="x" * 51)
        assert response.status_code == 422
        html = response.content.decode()
        assert "at most 50 characters long; this one has 51" in html
        assert 'aria-invalid="true"' in html
        assert "x" * 51 in html  # the editor's text is kept
        assert not Gloss.objects.exists()

    @pytest.mark.parametrize(
        "tamper",
        [
            {"exact": "DISMANTLED"},  # not in the passage
            {"prefix": "SOMETHING ELSE ENTIRELY "},  # the words, but not in this context
            {"suffix": " AND SOMETHING ELSE"},
        ],
    )
    def test_a_selection_that_does_not_match_the_passage_text(self, editor_client, cable, para4, tamper):
        words = {**selection(para4.reading_text, "DISMANTLING"), **tamper}
        response = self.post(editor_client, cable, body="A gloss.", **words)
        assert response.status_code == 422
        assert "do not match the text of ¶ 4, p. 2" in response.content.decode()
        assert not Gloss.objects.exists()

    def test_a_passage_that_does_not_exist(self, editor_client, cable):
        response = self.post(editor_client, cable, xml_id="para-99", body="A gloss.")
        assert response.status_code == 422
        assert "This passage is no longer in the document" in response.content.decode()
        assert not Gloss.objects.exists()

    def test_asking_for_the_form_of_a_passage_that_does_not_exist_is_404(self, editor_client, cable):
        assert editor_client.get(new_gloss_url(cable, "para-99")).status_code == 404


def test_readers_do_not_see_drafts_and_editors_do(client, editor_client, write_gloss, alice, cable):
    gloss = write_gloss(alice, "para-4", "Draft words.", words="DISMANTLING")
    assert gloss.anchor_id in editor_client.get("/documents/usun-1762/").content.decode()
    client.logout()
    html = client.get("/documents/usun-1762/").content.decode()
    assert gloss.anchor_id not in html and "Draft words." not in html
