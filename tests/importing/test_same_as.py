"""A person of one source is identified with an entry of another by the id alone: no source's name is built in.

The story: the maintainer adds a second volume, under any file name; the cable's persons
whose idno names an id of that volume link to its entries, as they do to FRUS vol. VI.
"""

from lxml import etree

from edition.tei.entities import same_as
from edition.tei.ids import IdIndex

VOLUME = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><front><list>
  <item><persName xml:id="p_X1">Someone, A.</persName>, an official</item></list></front>
  <body><div type="document" xml:id="d1"><p>Text.</p></div></body></text></TEI>"""
OWN = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><listPerson>
  <person xml:id="someone"><persName>A. Someone</persName><idno type="frus">{idno}</idno></person>
  </listPerson></teiHeader><text><body><p xml:id="p1">Text.</p></body></text></TEI>"""
T = "{http://www.tei-c.org/ns/1.0}"


def idno_of(own, volumes):
    index = IdIndex()
    root = etree.fromstring(own)
    index.add_file(root, "letter")
    for name, volume in volumes.items():
        index.add_file(etree.fromstring(volume), name)
    return same_as(root.find(f".//{T}idno"), "letter", index)


def test_an_id_held_by_one_other_source_names_that_sources_entry():
    assert idno_of(OWN.format(idno="p_X1"), {"any-volume-name": VOLUME}) == "any-volume-name-p_x1"


def test_a_file_and_id_name_the_entry_even_when_several_sources_hold_the_id():
    volumes = {"vol-a": VOLUME, "vol-b": VOLUME}
    assert idno_of(OWN.format(idno="p_X1"), volumes) == ""  # ambiguous: no guess
    assert idno_of(OWN.format(idno="vol-b.xml#p_X1"), volumes) == "vol-b-p_x1"


def test_an_id_no_source_holds_links_nowhere():
    assert idno_of(OWN.format(idno="p_NOBODY"), {"vol-a": VOLUME}) == ""
