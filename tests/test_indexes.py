"""The indexes (issue 9, "Indexes").

The story: a historian looks up Stevenson. She sees each mention in its words
(keyword in context), in the telegram and in the FRUS letters, under one entry;
Zorin, whom only a note names, is not listed as if the text named him; and from
the home page she finds the cable by its number and the places index.
"""

import re

import pytest

from edition.models import Document, Entity, Occurrence
from tests.support import CABLE, FRUS, imported_once, page, seen

edition_once = imported_once(CABLE, FRUS)


@pytest.fixture
def edition(edition_once, db):
    return Document.objects.get(slug="usun-1762")


def kwic_lines(tree):
    """(before, words, after, link) of every mention listed on an entry page."""
    lines = []
    for item in tree.xpath('//ol[contains(@class, "kwic")]/li'):
        word = item.find_class("kwic-word")[0]
        before = item.find_class("kwic-before")
        after = item.find_class("kwic-after")
        lines.append(
            (
                before[0].text_content() if before else "",
                word.text_content(),
                after[0].text_content() if after else "",
                word.get("href"),
            )
        )
    return lines


def test_each_mention_shows_its_words_in_context_linked_to_its_passage(edition, client):
    tree = page(client, "/persons/usun-1762-stevenson/")
    lines = kwic_lines(tree)
    assert (
        "",
        "STEVENSON",
        " READ TWO NUMBERED PARAGRAPHS FROM PRESIDENT'S LETTER …",
        "/documents/usun-1762/#para-4",
    ) in lines
    assert any(
        before.endswith("KHRUSHCHEV HAVE BEEN FULFILLED. ")
        and word == "STEVENSON"
        and href == "/documents/usun-1762/#para-2"
        for before, word, _after, href in lines
    )
    # The keyword is set apart from its context.
    assert tree.xpath('//a[@class="kwic-word"]/strong[text()="STEVENSON"]')


@pytest.mark.parametrize("collection", ["usun-1762", "frus1961-63v06"])
def test_every_context_is_the_reading_text_itself(edition, client, collection):
    """For every entry (the volume's: those with mentions), every line is the passage's own words."""
    entities = Entity.objects.filter(collection=collection, occurrences__isnull=False).distinct()
    if collection != "usun-1762":
        entities = entities.filter(kind=Entity.Kind.PERSON)[:15]
    checked = 0
    for entity in entities:
        tree = page(client, entity.get_absolute_url())
        for before, words, after, href in kwic_lines(tree):
            slug, xml_id = re.match(r"/documents/([^/]+)/#(.+)", href).groups()
            text = Document.objects.get(slug=slug).passages.get(xml_id=xml_id).reading_text
            line = (before.removeprefix("… ") + words + after.removesuffix(" …")).strip()
            assert line in text, (entity.key, line)
            checked += 1
    assert checked >= (80 if collection == "usun-1762" else 100)


def test_an_abbreviation_is_shown_expanded_in_its_context(edition, client):
    negots = Entity.objects.get(collection="usun-1762", kind=Entity.Kind.ABBREVIATION, name="NEGOTS")
    before, words, after, href = kwic_lines(page(client, negots.get_absolute_url()))[0]
    assert (before, words, after) == (
        "… SAID CONTINUATION SUCH OVERFLIGHTS COULD ONLY MAKE ",
        "NEGOTIATIONS",
        " ABOUT NORMALIZING SITUATION IN CARIBBEAN MORE DIFFICULT, …",
    )
    assert href == "/documents/usun-1762/#para-2"


def test_the_cables_stevenson_and_the_volumes_are_one_entry_with_two_lists(edition, client):
    cable_stevenson = Entity.objects.get(key="usun-1762-stevenson")
    frus_stevenson = Entity.objects.get(key="frus1961-63v06-p_saeii1")
    in_cable = Occurrence.objects.filter(entity=cable_stevenson).count()
    in_frus = Occurrence.objects.filter(entity=frus_stevenson).count()

    index = page(client, "/persons/")
    entry = index.xpath('//a[@href="/persons/usun-1762-stevenson/"]/parent::li')[0]
    assert f"Telegram 1762: {in_cable} mentions" in seen(entry)
    assert f"FRUS 1961–1963, vol. VI: {in_frus} mentions" in seen(entry)
    # The volume's list does not give him a second entry with its own count: it points to the one entry.
    frus_line = index.xpath('//li[contains(., "Stevenson, Adlai E.")]')[0]
    assert frus_line.xpath(".//a/@href") == ["/persons/usun-1762-stevenson/"]
    assert "mention" not in seen(frus_line).split("(")[0]

    # Both addresses show the one entry: the mentions in each source, the edition's first.
    for url in ("/persons/usun-1762-stevenson/", "/persons/frus1961-63v06-p_saeii1/"):
        tree = page(client, url)
        sources = [seen(h) for h in tree.xpath('//section[@class="mentions"]/h3')]
        assert sources[0].startswith(f"In Telegram 1762 ({in_cable} mentions")
        assert sources[1].startswith(f"In FRUS 1961–1963, vol. VI ({in_frus} mentions")
        lists = tree.xpath('//section[@class="mentions"]')
        assert len(lists[0].xpath(".//ol/li")) == in_cable and len(lists[1].xpath(".//ol/li")) == in_frus
        assert seen(tree.find(".//h2")) == f"Mentions ({in_cable + in_frus})"


def test_a_person_the_text_never_names_is_not_listed_as_if_it_did(edition, client):
    index = page(client, "/persons/")
    assert not re.search(r"\b0 mentions?\b", seen(index))
    zorin = seen(index.xpath('//a[@href="/persons/usun-1762-zorin/"]/parent::li')[0])
    assert "Telegram 1762: named in 1 note only" in zorin
    assert "FRUS 1961–1963, vol. VI: not named in the text" in zorin
    mendelevich = seen(index.xpath('//a[@href="/persons/usun-1762-mendelevich/"]/parent::li')[0])
    assert mendelevich.endswith("(named in 1 note only)")
    entry = page(client, "/persons/usun-1762-zorin/")
    assert not entry.xpath('//ol[contains(@class, "kwic")]/li')
    note = entry.find_class("named-in-notes")[0]
    assert note.xpath(".//a/@href") == ["/documents/usun-1762/#n-ed-customary"]
    assert "note 10" in seen(note)
    for url in ("/terms/", "/places/"):
        assert not re.search(r"\b0 (mentions?|uses?)\b", seen(page(client, url)))


def test_the_home_page_names_the_cable_by_its_number_and_links_every_index(edition, client):
    home = page(client, "/")
    assert home.xpath('//a[@href="/documents/usun-1762/"][normalize-space()="Telegram 1762"]')
    for url in ("/persons/", "/places/", "/terms/"):
        assert home.xpath(f'//main//a[@href="{url}"]'), url


def test_a_term_the_cable_shares_with_the_volume_is_one_entry_too(edition, client):
    """Any kind of entry joins the same way: here the cable's UN, identified with the volume's."""
    cable_un = Entity.objects.get(key="usun-1762-term-un")
    frus_un = Entity.objects.get(key="frus1961-63v06-t_un1")
    Entity.objects.filter(pk=cable_un.pk).update(same_as=frus_un)
    index = page(client, "/terms/")
    entry = index.xpath('//a[@href="/terms/usun-1762-term-un/"]/parent::dt')[0]
    in_cable = Occurrence.objects.filter(entity=cable_un).count()
    assert f"Telegram 1762: {in_cable} mention" in seen(entry) and "FRUS 1961–1963, vol. VI:" in seen(entry)
    see = index.xpath('//dd[a[@href="/terms/usun-1762-term-un/"]]')[0]
    assert seen(see).startswith("See UN, listed with Telegram 1762 above")
    assert not index.xpath('//a[@href="/terms/frus1961-63v06-t_un1/"]')  # no second entry
    sources = [seen(h) for h in page(client, "/terms/frus1961-63v06-t_un1/").xpath('//section[@class="mentions"]/h3')]
    assert [s.split(" (")[0] for s in sources] == ["In Telegram 1762", "In FRUS 1961–1963, vol. VI"]


def test_the_telegrams_persons_are_in_alphabetical_order_of_surname(edition, client):
    index = page(client, "/persons/")
    names = [seen(a) for a in index.xpath('//section[1]//ul[@class="entity-list"]/li/a[1]')]
    assert names.index("Dean Rusk") < names.index("Adlai E. Stevenson II") < names.index("Yost")  # not under "II"
