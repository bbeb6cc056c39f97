"""The transcription pane beside the cable can follow the reader (tests/browser/test_facsimile_follow.py)
because, at import, each block of a page's transcription names the passage it shows (data-passage)."""

from lxml import html

from edition.models import Page


def test_each_block_of_a_transcription_names_a_passage_of_its_page(cable):
    for pane_page in Page.objects.filter(document__slug="usun-1762").exclude(transcription_html=""):
        blocks = html.fragment_fromstring(pane_page.transcription_html, create_parent="div")
        named = [element.get("data-passage") for element in blocks.iterchildren()]
        passages = set(pane_page.passages.values_list("xml_id", flat=True))
        assert named and None not in named, f"page {pane_page.n}: a block without data-passage"
        assert set(named) <= passages, f"page {pane_page.n}: {set(named) - passages} are not its passages"
        assert blocks.xpath(".//*[@id]") == [], "ids belong to the text pane, not to the transcription"
