"""The persons, terms, places and organisations a TEI file lists, for the index pages.

Three encodings are read: our own lists (person, place, org; glossary items
<item xml:id><term/> <gloss/></item>), and the FRUS index lists
(<item><hi><persName xml:id>Name</persName>,</hi> identification</item>).
Abbreviations are collected where they are used (edition.tei.render).
"""

import re
from html import escape

from ..vocabulary import EntityKind
from .parse import XML_ID, T, plain
from .records import EntityData


def entity_key(collection, xml_id):
    """Unique across the edition: "<collection>-<xml:id>", e.g. "usun-1762-stevenson"."""
    return f"{collection}-{xml_id}".lower()


def collect_entities(root, collection, render_fragment, index, entities):
    """Fill entities ({key: EntityData}) with every entry the file lists, in order: an
    identification rendered by render_fragment(element) links the entries found before it.
    index: the IdIndex of every source, to find the entry another source identifies a
    person with (idno type="frus")."""

    def add(kind, xml_id, name, sort, ident_html="", ident_text="", same_as_key=""):
        key = entity_key(collection, xml_id)
        entities[key] = EntityData(
            key=key,
            kind=kind,
            collection=collection,
            xml_id=xml_id,
            name=name,
            sort_name=sort,
            identification_html=ident_html,
            identification_text=ident_text,
            same_as_key=same_as_key,
        )

    for person in root.iter(f"{T}person"):
        xml_id = person.get(XML_ID)
        if not xml_id:
            continue
        name = plain(person.find(f"{T}persName")) or xml_id
        ident = person.find(f"{T}note")
        add(
            EntityKind.PERSON,
            xml_id,
            name,
            sort_name(person.find(f"{T}persName"), name),
            render_fragment(ident) if ident is not None else "",
            plain(ident),
            same_as(person.find(f"{T}idno[@type='frus']"), collection, index),
        )
    # Places and organisations: <place xml:id><placeName/><note/></place>, likewise <org>.
    for tag, name_tag, kind in (
        (f"{T}place", f"{T}placeName", EntityKind.PLACE),
        (f"{T}org", f"{T}orgName", EntityKind.ORGANISATION),
    ):
        for element in root.iter(tag):
            xml_id = element.get(XML_ID)
            if not xml_id:
                continue
            name = plain(element.find(name_tag)) or xml_id
            ident = element.find(f"{T}note")
            if ident is None:
                ident = element.find(f"{T}desc")
            add(kind, xml_id, name, name.lower(), render_fragment(ident) if ident is not None else "", plain(ident))
    # Index lists in the FRUS style: <item><hi><persName xml:id>Name</persName>,</hi> identification</item>
    for tag, kind in ((f"{T}persName", EntityKind.PERSON), (f"{T}term", EntityKind.TERM)):
        for element in root.iter(tag):
            xml_id = element.get(XML_ID)
            if not xml_id:
                continue
            item = next((a for a in element.iterancestors(f"{T}item")), None)
            name = plain(element)
            ident = identification_after(item, element) if item is not None else ""
            add(kind, xml_id, name, name.lower(), escape_text(ident), ident)
    # Glossary lists in our style: <item xml:id><term>IL-28</term> <gloss>explanation</gloss></item>
    for item in root.iter(f"{T}item"):
        xml_id = item.get(XML_ID)
        term = item.find(f"{T}term")
        gloss = item.find(f"{T}gloss")
        if not xml_id or term is None or gloss is None:
            continue
        name = plain(term)
        add(EntityKind.TERM, xml_id, name, name.lower(), render_fragment(gloss), plain(gloss))


def same_as(idno, collection, index):
    """The key of the entry an idno names in another source: "file.xml#id", or an id
    that exactly one other source holds. No source's name is written here."""
    if idno is None:
        return ""
    value = plain(idno)
    file_part, hash_sign, fragment = value.partition("#")
    if hash_sign:
        return entity_key(re.sub(r"\.xml$", "", file_part), fragment) if file_part and fragment else ""
    other = index.other_collection_holding(value, collection)
    return entity_key(other, value) if other else ""


def abbreviation(occurrence, collection):
    """The index entry of an abbreviation, from its first use."""
    return EntityData(
        key=occurrence.key,
        kind=EntityKind.ABBREVIATION,
        collection=collection,
        xml_id="",
        name=occurrence.name,
        sort_name=occurrence.name.lower(),
        identification_html=escape_text(occurrence.expansion),
        identification_text=occurrence.expansion,
    )


# Where a sentence ends: ., ! or ? after a lower-case letter, a digit or a closing bracket or quote,
# before the capital (or quote) that starts the next one; "U.S. Army", "vol. VI" and "Mr. Rusk" do not end one.
NOT_SENTENCE_ENDS = (
    *("vol", "vols", "p", "pp", "no", "nos", "cf", "ed", "eds", "Doc"),
    *("Mr", "Mrs", "Dr", "St", "Jr", "Gen", "Col", "Lt", "Sen", "Amb"),
)
SENTENCE_END = re.compile(
    r"(?<=[a-z0-9)\]”’\"'][.!?])" + "".join(rf"(?<!\b{word}\.)" for word in NOT_SENTENCE_ENDS) + r"\s+(?=[A-Z“\"(])"
)


def title_hint(entity):
    """A mention's title: the name and the identification's first sentence, whole (never cut
    mid-phrase), so each mention stays light and says something complete."""
    ident = SENTENCE_END.split(entity.identification_text.strip(), maxsplit=1)[0]
    return f"{entity.name}: {ident}" if ident else entity.name


def identification_after(item, name_element):
    """The text of an index entry after its name: "Ball, George W., Under Secretary" -> "Under Secretary"."""
    full = plain(item)
    name = plain(name_element)
    rest = full.split(name, 1)[1] if name in full else full
    return rest.lstrip(" ,;:").strip()


# Generational suffixes: "Adlai E. Stevenson II" sorts under S, not I.
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def sort_name(pers_name, fallback):
    if pers_name is not None:
        surname = pers_name.find(f"{T}surname")
        if surname is not None:
            return plain(surname).lower() + " " + fallback.lower()
    words = [word for word in fallback.lower().replace(",", " ").split() if word not in NAME_SUFFIXES]
    return words[-1] + " " + fallback.lower() if words else fallback.lower()


def escape_text(value):
    """Text as HTML text content."""
    return escape(value, quote=False)
