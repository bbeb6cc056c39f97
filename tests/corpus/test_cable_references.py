"""The cable's references land on their targets, and lead back.

The story: a student reading the telegram clicks "TWO NUMBERED PARAS FROM
PRESIDENT'S LETTER OF OCT 27" and lands on paragraph 4 of the President's
letter in the FRUS volume; a note beside the link says what is cited. On the
letter, a "Cited by" block takes her back to the telegram's paragraph.
"""

import re

import pytest
from lxml import etree

from edition.tei.parse import XML_ID, T, parse_source
from tests.support import CABLE

FRUS_FILE = "frus1961-63v06.xml#"


@pytest.fixture(scope="module")
def references():
    """(ref xml:id, FRUS fragment, the cable passage holding it, the note explaining it) for every reference."""
    root = parse_source(CABLE, 20 * 1024 * 1024)
    body = root.find(f"{T}text")
    notes = {note.get("target", "").lstrip("#"): note for note in body.iter(f"{T}note") if note.get("target")}
    found = []
    for ref in body.iter(f"{T}ref"):
        target = ref.get("target", "")
        if not target.startswith(FRUS_FILE):
            continue
        if any(a.tag == f"{T}note" for a in ref.iterancestors()):
            continue  # a note's own citation (tests/importing/test_note_evidence.py), not the cable's words
        passage = next(a for a in ref.iterancestors() if a.get(XML_ID))
        note = notes.get(ref.get(XML_ID))
        found.append((ref.get(XML_ID), target[len(FRUS_FILE) :], passage.get(XML_ID), note))
    return found


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_cable_cites_the_three_letters_of_27_and_28_october(references):
    fragments = {fragment for _id, fragment, _passage, _note in references}
    assert {"d66", "d67-p4", "d67-p4-i2", "d69-p5"} <= fragments


def test_each_reference_links_to_the_exact_letter_and_paragraph_which_exists(client, corpus, references):
    cable_html = served(client, "/documents/usun-1762/")
    letters = {}
    for ref_id, fragment, _passage, _note in references:
        document_id, _, _rest = fragment.partition("-")
        url = f"/documents/frus1961-63v06-{document_id}/"
        href = url if fragment == document_id else f"{url}#{fragment}"
        assert f'<a class="ref" href="{href}">' in cable_html, ref_id
        if fragment != document_id:
            if url not in letters:
                letters[url] = served(client, url)
            assert f'id="{fragment}"' in letters[url], f"{ref_id}: no element with id {fragment} in {url}"


def test_each_reference_has_a_note_that_explains_what_is_cited(client, corpus, references):
    cable_html = served(client, "/documents/usun-1762/")
    for ref_id, fragment, _passage, note in references:
        assert note is not None, f"reference {ref_id} has no note"
        document_id = fragment.partition("-")[0]
        explanation = "".join(note.itertext())
        # It names what is cited: the document, or the exact paragraph id.
        assert f"Document {document_id[1:]}" in explanation, ref_id
        note_id = note.get(XML_ID)
        # The marker follows the link and the note is in the apparatus, with its way back.
        assert re.search(
            rf'<a class="ref" href="[^"]*">.*?</a><a class="noteref[^"]*" href="#{note_id}"', cable_html, re.S
        )
        assert f'id="{note_id}" role="doc-footnote"' in cable_html
        assert f'href="#ref-{note_id}" role="doc-backlink"' in cable_html


def test_a_cited_letter_leads_back_to_the_cable_paragraph_that_cites_it(client, corpus, references):
    for _ref_id, fragment, passage, _note in references:
        document_id = fragment.partition("-")[0]
        letter = served(client, f"/documents/frus1961-63v06-{document_id}/")
        block = letter.split('class="cited-by"', 1)[1].split("</section>", 1)[0]
        assert f'href="/documents/usun-1762/#{passage}"' in block
        if fragment != document_id:
            assert f'href="/documents/frus1961-63v06-{document_id}/#{fragment}"' in block


def test_the_cited_paragraphs_own_page_says_who_cites_it(client, corpus):
    page = served(client, "/documents/frus1961-63v06-d69/passages/d69-p5/")
    assert "firm undertakings" in page
    assert 'class="cited-by"' in page and 'href="/documents/usun-1762/#para-4"' in page
    uncited = served(client, "/documents/frus1961-63v06-d69/passages/d69-p1/")
    assert 'class="cited-by"' not in uncited


def test_the_cited_paragraph_itself_leads_back_where_the_student_lands(client, corpus, references):
    """Arriving at #d67-p4 from the cable, the way back stands under that very paragraph."""
    for _ref_id, fragment, passage, _note in references:
        document_id = fragment.partition("-")[0]
        if fragment == document_id:
            continue
        paragraph_id = re.sub(r"-i\d+$", "", fragment)  # a list item counts for its paragraph
        letter = etree.HTML(served(client, f"/documents/frus1961-63v06-{document_id}/"))
        paragraph = letter.find(f".//div[@id='{paragraph_id}']")
        back_links = [a.get("href") for a in paragraph.iterfind(".//p[@class='cited-in']/a")]
        assert f"/documents/usun-1762/#{passage}" in back_links


def test_a_paragraphs_own_page_also_lists_what_cites_its_list_items(client, corpus):
    """ "CLAUSE BETWEEN DASHES" cites item 2 of d67-p4: the paragraph's page says so, as the reading view does."""
    page = served(client, "/documents/frus1961-63v06-d67/passages/d67-p4/")
    block = page.split('class="cited-by"', 1)[1].split("</section>", 1)[0]
    assert "CLAUSE BETWEEN DASHES" in block and "TWO NUMBERED PARAGRAPHS" in block
