"""A note's quotation is the source's own words.

A historian checks an edition's apparatus by going to what a note cites. For
every note of the cable that cites the FRUS volume (a <ref> into it inside the
note, or the <ref> on the cable's words that the note explains), each quoted
phrase, “…” or "…", must stand word for word in the text that is cited, as the
edition imported it: the whole letter, the paragraph or the list item. Only
case and whitespace may differ; an ellipsis “…” inside a quotation marks
omitted words, and the parts must then appear in that order.

The same notes also quote the cable itself, which is typed in capitals (the
printed form and the stamps in mixed case): such a quotation must stand exactly
as typed, case included, in the cable's diplomatic or reading text. So a
lower-case phrase passed off as a letter's words can never be excused by the
cable's capitals.
"""

import re

from lxml import etree, html

from edition.models import Passage
from tests.support import CABLE

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FRUS_FILE = "frus1961-63v06.xml#"
CURLY_QUOTE = re.compile(r"“([^“”]*)”")
STRAIGHT_QUOTE = re.compile(r'"([^"]*)"')


def words(text):
    return " ".join(text.split())


def quotations(note_text):
    """The phrases a note quotes: typographic quotation marks first, then plain ones
    outside them (a plain pair inside a typographic one is part of that quotation)."""
    curly = CURLY_QUOTE.findall(note_text)
    return curly + STRAIGHT_QUOTE.findall(CURLY_QUOTE.sub(" ", note_text))


def found_in(quotation, text, ignore_case):
    """Word for word, in order across an ellipsis; only case (if asked) and whitespace may differ."""
    fold = str.casefold if ignore_case else str
    haystack, start = fold(words(text)), 0
    for part in (words(p) for p in quotation.split("…")):
        if not part:
            continue
        at = haystack.find(fold(part), start)
        if at < 0:
            return False
        start = at + len(part)
    return True


def misquotations(note_text, cited_texts, cable_text):
    """The quotations of a note found in none of the texts it cites, nor exactly as typed in the cable."""
    wrong = []
    for quotation in quotations(note_text):
        if found_in(quotation, cable_text, ignore_case=False):
            continue
        if not any(found_in(quotation, cited, ignore_case=True) for cited in cited_texts):
            wrong.append(quotation)
    return wrong


def notes_citing_frus():
    """(note id, note text, the FRUS fragments it cites) for every note of the cable that cites the volume."""
    root = etree.parse(str(CABLE), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    by_id = {element.get(XML_ID): element for element in root.iter() if element.get(XML_ID)}
    found = []
    for note in root.iter(f"{T}note"):
        targets = [ref.get("target", "") for ref in note.iter(f"{T}ref")]
        explained = by_id.get((note.get("target") or "").lstrip("#"))
        if explained is not None and explained.tag == f"{T}ref":
            targets.append(explained.get("target", ""))
        fragments = [t[len(FRUS_FILE) :] for t in targets if t.startswith(FRUS_FILE)]
        if fragments:
            found.append((note.get(XML_ID) or "(header note)", words("".join(note.itertext())), fragments))
    return found


def cited_text(fragment):
    """The imported text of a FRUS document (d67), paragraph (d67-p4) or list item (d67-p4-i2)."""
    document_id = fragment.partition("-")[0]
    passages = Passage.objects.filter(document__slug=f"frus1961-63v06-{document_id}")
    if fragment == document_id:
        return " ".join(passages.values_list("reading_text", flat=True))
    paragraph_id = re.sub(r"-i\d+$", "", fragment)
    paragraph = passages.get(xml_id=paragraph_id)
    if paragraph_id == fragment:
        return paragraph.reading_text
    tree = html.fragment_fromstring(paragraph.reading_html, create_parent="div")
    (item,) = tree.xpath(".//li[@id=$id]", id=fragment)
    for marker in item.xpath(".//*[@data-nontext]"):  # note markers are not the letter's words
        marker.drop_tree()
    return item.text_content()


def typescript(document):
    """The cable as typed (the witness) and as read (corrected and expanded)."""
    passages = Passage.objects.filter(document=document)
    return " ".join(
        [*passages.values_list("diplomatic_text", flat=True), *passages.values_list("reading_text", flat=True)]
    )


def test_every_quotation_in_a_note_citing_frus_is_in_what_it_cites(edition):
    cable_text = typescript(edition)
    checked, wrong = 0, []
    for note_id, text, fragments in notes_citing_frus():
        cited = [cited_text(fragment) for fragment in fragments]
        assert all(cited), f"{note_id}: a cited FRUS text is empty ({fragments})"
        checked += len(quotations(text))
        wrong += [f"{note_id} ({', '.join(fragments)}): “{q}”" for q in misquotations(text, cited, cable_text)]
    assert not wrong, "quoted, but not in the cited text:\n" + "\n".join(wrong)
    assert checked >= 15, "the notes that cite FRUS quote it: the check must have something to check"


def test_the_check_catches_a_paraphrase_passed_off_as_the_letters_words(edition):
    """The old note on DISTANTLING quoted the letters as saying “dismantling and withdrawal of
    missiles”; none of the letters of 26–28 October says so (the cable does, in its own words)."""
    letters = [cited_text(f"d{n}") for n in range(65, 70)]
    cable_text = typescript(edition)
    old_note = (
        "The OCR reads “DISTANTLING”; the typescript reads DISMANTLING, the word used on page 1 "
        "(“UN INSPECTION OF DISMANTLING AND REMOVAL”) and in the letters (“dismantling and withdrawal of missiles”)."
    )
    assert misquotations(old_note, letters, cable_text) == ["dismantling and withdrawal of missiles"]
    # while the letters' real words pass, and a capitalised quotation must be the typescript's exact wording
    assert misquotations("“to verify the dismantling of these means”", letters, cable_text) == []
    assert misquotations("“DISMANTLING AND REMOVAL OF MISSILES”", letters, cable_text) == [
        "DISMANTLING AND REMOVAL OF MISSILES"
    ]


def test_the_header_names_where_frus_publishes_the_cable_and_the_page_shows_it(client, cable):
    """FRUS's list of documents for the microfiche supplement: “525. Telegram 1762 from USUN,
    November 13. … Top Secret. 4 pp. DOS, CF, 737.00/11–1362.”"""
    root = etree.parse(str(CABLE)).getroot()
    idnos = {i.get("type"): i.text for i in root.iterfind(f".//{T}msIdentifier//{T}idno")}
    assert idnos["classification"] == "Top Secret"
    assert idnos["centralFile"] == "737.00/11-1362"
    assert idnos["frus"] == "FRUS 1961–1963, vols. X–XII, Microfiche Supplement, Document 525"
    assert idnos["frus-url"] == "https://history.state.gov/historicaldocuments/frus1961-63v10-12mSupp/d525"
    assert "v11" not in etree.tostring(root.find(f"{T}teiHeader"), encoding="unicode")
    page = client.get("/documents/usun-1762/").content.decode()
    for shown in (
        "Top Secret",
        "737.00/11-1362",
        "Microfiche Supplement, Document 525",
        'href="https://history.state.gov/historicaldocuments/frus1961-63v10-12mSupp/d525"',
    ):
        assert shown in page, shown
