"""A student follows the places and organisations the telegram names."""

import re


def test_the_places_index_lists_each_place_and_organisation_with_its_mentions(client, cable):
    html = client.get("/places/").content.decode()
    assert re.search(
        r'<a href="/places/usun-1762-place-cuba/">Cuba</a> <span class="meta">Place</span>: The Caribbean island', html
    )
    assert '<a href="/places/usun-1762-org-white-house/">White House</a> <span class="meta">Organisation</span>' in html
    cuba_mentions = int(re.search(r'place-cuba/">Cuba</a>.*?\((\d+) mentions\)', html, re.S).group(1))
    assert cuba_mentions >= 8


def test_a_place_in_the_text_leads_to_its_entry_and_the_entry_back_to_every_passage(client, cable):
    text = client.get("/documents/usun-1762/").content.decode()
    assert '<a class="entity entity--place" href="/places/usun-1762-place-cuba/"' in text
    entry = client.get("/places/usun-1762-place-cuba/").content.decode()
    assert '<a href="/places/">Places and organisations</a>' in entry
    assert 'href="/documents/usun-1762/#head-subject"' in entry  # the subject line, CUBA
    assert 'href="/documents/usun-1762/#para-8"' in entry
    assert client.get("/places/usun-1762-stevenson/").status_code == 404  # a person is not a place
