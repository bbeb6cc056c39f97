"""Readers never see internal ids (issue 8, section 4).

The story: a student reads the cable, opens a paragraph's Cite page, follows a
reference into the FRUS letter and back, and browses an index. Everywhere she
looks, passages are called as an edition calls them ("¶ 4, p. 2", "item (1), p. 2",
"note 27", "Telegram 1762"), never "para-4" or "n-ocr-dismantling"; the ids stay in
the addresses, so every link still lands where it did.
"""

import pytest

from edition.models import Document, Note, Passage
from tests.support import CABLE, FRUS, INTERNAL_IDS, imported_once, page, seen

edition_once = imported_once(CABLE, FRUS)


@pytest.fixture
def edition(edition_once, db):
    return Document.objects.get(slug="usun-1762")


@pytest.mark.parametrize(
    "slug, xml_id, label",
    [
        ("usun-1762", "para-4", "¶ 4, p. 2"),
        ("usun-1762", "para-12", "¶ 12, p. 4"),
        ("usun-1762", "item-outline-1", "item (1), p. 2"),
        ("usun-1762", "item-summary-4", "item (4), p. 4"),
        ("usun-1762", "note-relayed", "postscript ¶ 1, p. 4"),
        ("usun-1762", "p2-stamp-best-copy", "stamp “BEST COPY AVAILABLE”, p. 2"),
        ("usun-1762", "head-subject", "heading “CUBA”, p. 1"),
        ("frus1961-63v06-d67", "d67-p4", "¶ 4, p. 182"),  # the FRUS paragraph numbers are those of the ids
        ("frus1961-63v06-d26", "d26-item10", "item (1), p. 66"),  # the number typed in the label before it
    ],
)
def test_each_passage_has_the_label_an_edition_would_print(edition, slug, xml_id, label):
    assert Passage.objects.get(document__slug=slug, xml_id=xml_id).reader_label == label


def test_no_label_is_an_id_and_every_paragraph_and_item_has_its_own(edition):
    passages = list(Passage.objects.filter(document__slug="usun-1762"))
    assert all(p.reader_label and p.xml_id not in p.reader_label for p in passages)
    numbered = [p.reader_label for p in passages if p.element in ("p", "item")]
    assert len(numbered) == len(set(numbered))
    assert Document.objects.get(slug="usun-1762").reader_label == "Telegram 1762"
    assert Document.objects.get(slug="frus1961-63v06-d67").reader_label == "Document 67"
    assert Note.objects.get(document__slug="usun-1762", xml_id="n-ocr-dismantling").reader_label == "note 27"


def test_the_cite_page_heading_names_the_paragraph_not_its_id(edition, client):
    tree = page(client, "/documents/usun-1762/passages/para-4/")
    assert seen(tree.find(".//h1")) == "¶ 4, p. 2"
    assert seen(tree.find(".//title")).startswith("¶ 4, p. 2 · Telegram 1762")
    assert tree.xpath('//a[@href="/documents/usun-1762/#para-4"]')  # the id stays in the address
    tree = page(client, "/documents/usun-1762/passages/item-outline-1/")
    assert seen(tree.find(".//h1")) == "Item (1), p. 2"


def test_cited_by_names_the_citing_paragraph_and_the_cited_item_in_words(edition, client):
    tree = page(client, "/documents/frus1961-63v06-d67/passages/d67-p4/")
    block = tree.find_class("cited-by")[0]
    text = seen(block)
    assert "(Telegram 1762, ¶ 4, p. 2) cites ¶ 4, p. 182." in text
    assert "“CLAUSE BETWEEN DASHES” (Telegram 1762, ¶ 4, p. 2) cites item 2 in ¶ 4, p. 182." in text
    assert "(Telegram 1762, ¶ 8, p. 3)" in text
    assert not INTERNAL_IDS.search(text), INTERNAL_IDS.search(text)
    # The links still lead where they did.
    hrefs = {a.get("href") for a in block.iter("a")}
    assert {"/documents/usun-1762/#para-4", "/documents/frus1961-63v06-d67/#d67-p4-i2"} <= hrefs


def test_the_reading_view_names_passages_in_words_in_its_links_and_way_back(edition, client):
    letter = page(client, "/documents/frus1961-63v06-d67/")
    way_back = letter.xpath('//div[@id="d67-p4"]//p[@class="cited-in"]')[0]
    assert "(¶ 4, p. 2)" in seen(way_back) and not INTERNAL_IDS.search(seen(way_back))
    cable = page(client, "/documents/usun-1762/")
    cite = cable.xpath('//div[@id="para-4"]//a[@class="cite-link"]')[0]
    assert seen(cite) == "Cite ¶ 4, p. 2" and cite.get("href") == "/documents/usun-1762/passages/para-4/"
    permalink = cable.xpath('//div[@id="para-4"]//a[@class="permalink"]')[0]
    assert seen(permalink.find_class("visually-hidden")[0]) == "Permalink to ¶ 4, p. 2"


def test_an_index_entry_names_each_mention_by_paragraph_and_page(edition, client):
    tree = page(client, "/persons/usun-1762-stevenson/")
    mentions = [seen(li) for li in tree.xpath('//ol[contains(@class, "occurrences")]/li')]
    assert any(m.endswith("(¶ 4, p. 2)") for m in mentions)
    assert any(m.endswith("(¶ 39, p. 221)") for m in mentions)  # in FRUS Document 79
    assert not any(INTERNAL_IDS.search(m) for m in mentions)
    notes = seen(tree.find_class("named-in-notes")[0])
    assert "Telegram 1762, note 10" in notes and not INTERNAL_IDS.search(notes)
