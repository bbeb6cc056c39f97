"""Alice glosses chosen words without a mouse or JavaScript: she types them (WCAG 2.1.1).

The "Gloss" control, opened by keyboard or without JavaScript, brings a form with
no selection in it: she types the words to gloss and, when they occur more than
once in the passage, the words just before them. The server finds them in the
passage's reading text, in any case, and anchors the gloss there as if she had
selected them.
"""

from edition.models import Gloss
from tests.support import new_gloss_url

HTMX = {"HTTP_HX_REQUEST": "true"}


def post(client, cable, xml_id="para-4", htmx=False, **data):
    return client.post(
        new_gloss_url(cable, xml_id), {"body": "A gloss typed at the keyboard.", **data}, **(HTMX if htmx else {})
    )


def test_without_a_selection_the_form_asks_for_the_words_to_gloss(editor_client, cable):
    html = editor_client.get(new_gloss_url(cable, "para-4")).content.decode()
    assert '<label for="gloss-para-4-words">Words to gloss (leave empty to gloss the whole passage)</label>' in html
    assert (
        '<label for="gloss-para-4-words_before">Words just before them (only if the words occur more than once)'
        "</label>" in html
    )
    # Each hint is tied to its input, for a screen reader to read with it.
    assert 'id="gloss-para-4-words_helptext"' in html
    assert 'aria-describedby="gloss-para-4-words_helptext" id="gloss-para-4-words"' in html
    assert 'aria-describedby="gloss-para-4-words_before_helptext" id="gloss-para-4-words_before"' in html


def test_with_a_selection_the_form_shows_the_selected_words_and_asks_for_none(editor_client, cable, para4):
    html = editor_client.get(new_gloss_url(cable, "para-4"), {"exact": "DISMANTLING"}, **HTMX).content.decode()
    assert 'New gloss on <q class="gloss-form-quote">DISMANTLING</q>' in html
    assert "Words to gloss" not in html and 'name="words"' not in html


def test_alice_types_a_word_in_lower_case_and_the_gloss_quotes_the_passage(editor_client, alice, cable, para4):
    response = post(editor_client, cable, words="dismantling")
    assert response.status_code == 302
    assert response["Location"] == "/documents/usun-1762/#para-4"
    gloss = Gloss.objects.get()
    text = para4.reading_text
    assert (gloss.passage_xml_id, gloss.exact, gloss.created_by) == ("para-4", "DISMANTLING", alice)
    assert (gloss.start, gloss.end) == (text.index("DISMANTLING"), text.index("DISMANTLING") + len("DISMANTLING"))
    assert text[: gloss.start].endswith(gloss.prefix) and text[gloss.end :].startswith(gloss.suffix)
    assert gloss.prefix.endswith("RELATE TO ") and gloss.suffix.startswith(" AND WITHDRAWAL")


def test_words_that_occur_twice_need_the_words_just_before_them(editor_client, cable, para4):
    text = para4.reading_text
    assert text.count("QUICK SETTLEMENT") == 2

    response = post(editor_client, cable, words="quick settlement")
    assert response.status_code == 422
    html = response.content.decode()
    assert "These words occur 2 times in the passage: add the words just before them." in html
    assert 'value="quick settlement"' in html  # what she typed is kept
    assert not Gloss.objects.exists()

    response = post(editor_client, cable, words="quick settlement", words_before="soviets desire")
    assert response.status_code == 302
    gloss = Gloss.objects.get()
    assert gloss.exact == "QUICK SETTLEMENT"
    assert gloss.start == text.index("QUICK SETTLEMENT", text.index("QUICK SETTLEMENT") + 1)


def test_words_before_that_do_not_come_before_them_are_refused(editor_client, cable):
    response = post(editor_client, cable, words="quick settlement", words_before="firm undertakings")
    assert response.status_code == 422
    assert "These words do not come just before the words to gloss." in response.content.decode()
    assert not Gloss.objects.exists()


def test_words_not_in_the_passage_are_refused_in_place(editor_client, cable):
    response = post(editor_client, cable, words="missiles in Turkey", htmx=True)
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" not in html  # the form, for htmx to swap in place
    assert "These words are not in the passage." in html
    # The field says it is wrong and which message explains why.
    assert 'aria-invalid="true" aria-describedby="gloss-para-4-words_helptext gloss-para-4-words_error"' in html
    assert 'id="gloss-para-4-words_error"' in html
    assert not Gloss.objects.exists()


def test_no_words_gloss_the_whole_passage_as_before(editor_client, cable):
    response = post(editor_client, cable, words="  ", words_before="")
    assert response.status_code == 302
    gloss = Gloss.objects.get()
    assert (gloss.passage_xml_id, gloss.exact, gloss.start, gloss.end) == ("para-4", "", None, None)


def test_a_whole_word_is_preferred_to_the_same_letters_inside_longer_words(editor_client, cable, para4):
    # "UN" stands once as a word in paragraph 4, and inside UNDERTAKINGS and others.
    text = para4.reading_text
    assert text.count(" UN ") == 1 and text.count("UN") > 1
    assert post(editor_client, cable, words="un").status_code == 302
    gloss = Gloss.objects.get()
    assert (gloss.exact, gloss.start) == ("UN", text.index(" UN ") + 1)


def test_typed_words_and_re_anchoring_share_one_rule_of_whole_words():
    """Anchoring owns the rule: a typed "un" and a quoted "UN" both mean the word, not the letters in UNDERTAKINGS."""
    from edition.anchoring import keeps_word_boundaries, stands_alone, typed_occurrences

    text = "FIRM UNDERTAKINGS TO THE UN AND UNITED"
    word = text.index(" UN ") + 1
    assert typed_occurrences(text, "un") == [(word, word + 2)]
    assert stands_alone(text, word, word + 2) and not stands_alone(text, 5, 7)
    assert keeps_word_boundaries(text, word, word + 2, "UN", "THE ", " AND") is True
    assert keeps_word_boundaries(text, 5, 7, "UN", "THE ", " AND") is False
    assert typed_occurrences(text, "nite") == [(33, 37)]  # only inside a word: part of a word may be glossed
