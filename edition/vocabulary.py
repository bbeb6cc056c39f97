"""The edition's vocabularies, each defined once: text views, document kinds, note kinds,
entity kinds and the index page each kind of entity is listed on.

Pure (no models), so that edition.tei renders with the same words the models store
and the views and templates compare with (templates get them from the context
processor: {% if view == TextView.READING %}).
"""

from dataclasses import dataclass

from django.db.models import TextChoices


class TextView(TextChoices):
    """The two views of a text (edition.tei.render): corrected, or as the witness has it."""

    READING = "reading", "Reading text"  # corrections, expansions and supplied text; line ends joined
    DIPLOMATIC = "diplomatic", "Diplomatic text"  # the witness as typed: sic, abbr, original lines, struck marks


VIEWS = tuple(TextView.values)


def chosen_view(data):
    """The view a request asks for (?view= or a form's view field), reading by default."""
    view = data.get("view", TextView.READING)
    return TextView(view) if view in VIEWS else TextView.READING


class DocumentKind(TextChoices):
    EDITION = "edition", "Edition"  # our own TEI, every passage with an xml:id
    CORPUS = "corpus", "Corpus"  # a document of an imported volume (FRUS)


class NoteKind(TextChoices):
    """The kinds of TEI note (note/@type); any other type is a footnote."""

    OCR = "ocr", "OCR correction"
    EDITORIAL = "editorial", "Editorial note"
    REFERENCE = "reference", "Reference"
    SOURCE = "source", "Source note"
    FOOTNOTE = "footnote", "Footnote"


# Glosses are numbered in one sequence with the TEI notes, as notes of this kind.
GLOSS_NOTE = "gloss"
GLOSS_NOTE_LABEL = "Gloss"


def note_label(kind):
    """What a numbered note in the apparatus is called."""
    if kind == GLOSS_NOTE:
        return GLOSS_NOTE_LABEL
    return NoteKind(kind).label if kind in NoteKind.values else "Note"


class EntityKind(TextChoices):
    PERSON = "person", "Person"
    TERM = "term", "Term"
    ABBREVIATION = "abbreviation", "Abbreviation"
    PLACE = "place", "Place"
    ORGANISATION = "organisation", "Organisation"


@dataclass(frozen=True)
class EntityIndex:
    """An index page and the kinds of entity it lists."""

    list_url_name: str  # the page listing every entry
    entry_url_name: str  # one entry's page
    title: str
    kinds: tuple


PERSONS = EntityIndex("persons", "person", "Persons", (EntityKind.PERSON,))
TERMS = EntityIndex("terms", "term", "Abbreviations and terms", (EntityKind.TERM, EntityKind.ABBREVIATION))
PLACES = EntityIndex("places", "place", "Places and organisations", (EntityKind.PLACE, EntityKind.ORGANISATION))
INDEX_OF_KIND = {kind: index for index in (PERSONS, TERMS, PLACES) for kind in index.kinds}
