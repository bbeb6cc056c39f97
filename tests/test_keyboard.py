"""A keyboard user meets each link and expansion of the cable once, in the text:
the facsimile pane's transcription is a copy, and the permalink beside each passage
is reachable through its Cite link."""

from lxml import html as lxml_html


def test_the_transcription_pane_adds_no_tab_stops(client, cable):
    page = lxml_html.fromstring(client.get("/documents/usun-1762/").content)
    transcriptions = page.xpath('//figure[contains(@class, "facsimile")]//div[@class="transcription"]')
    assert len(transcriptions) == 4
    for transcription in transcriptions:
        assert transcription.xpath(".//a") == []
        assert [
            e for e in transcription.iter() if e.get("tabindex") not in (None, "-1") and e is not transcription
        ] == []
    # The text keeps them: persons link to their entries, abbreviations take focus for their expansion.
    text = page.xpath('//div[@class="page-text"]')[0]
    assert text.xpath('.//a[contains(@class, "entity--person")]') and text.xpath(
        './/span[@class="expan"][@tabindex="0"]'
    )


def test_one_stop_per_passage_the_cite_link(client, cable):
    page = lxml_html.fromstring(client.get("/documents/usun-1762/").content)
    for tools in page.xpath('//div[@class="passage-tools"]'):
        assert tools.xpath('a[@class="permalink"]')[0].get("tabindex") == "-1"
        assert tools.xpath('a[@class="cite-link"]')[0].get("tabindex") is None
