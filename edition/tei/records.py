"""What extraction returns: plain records, one per row import writes.

Each record's fields are named as the model's fields, so the importer builds a
row with row() and a new field is one edit here (and one in the model). Fields
that are not columns (links between records) are listed in LINKS.
"""

from dataclasses import dataclass, field, fields


class Record:
    LINKS = ()  # fields that relate records to each other, not columns of the row

    def row(self, **extra):
        """The model fields of this record, plus what the importer resolved (foreign keys)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in self.LINKS}
        return {**values, **extra}


@dataclass
class NoteData(Record):
    LINKS = ("passage_xml_id",)

    xml_id: str
    kind: str
    order: int
    n: str
    html: str
    text: str
    passage_xml_id: str
    sic: str = ""
    corr: str = ""
    cert: str = ""
    number: int = 0  # its reading order at this import; the importer keeps earlier numbers (labels.keep_numbers)


@dataclass
class PassageData(Record):
    LINKS = ("page_order", "transcription_html", "occurrences")

    xml_id: str
    order: int
    page_order: int
    element: str
    role: str
    label: str
    reading_html: str
    diplomatic_html: str
    transcription_html: str
    occurrences: list = field(default_factory=list)
    reader_label: str = ""  # "¶ 4, p. 2" (edition.tei.labels)


@dataclass
class PageData(Record):
    order: int
    n: str
    xml_id: str
    facs: str
    image_url: str = ""
    image_alt: str = ""


@dataclass
class DocumentData(Record):
    LINKS = ("slug", "pages", "passages", "notes")  # slug: the key a re-import finds the row by

    slug: str
    xml_id: str
    kind: str
    collection: str
    collection_title: str
    number: str
    order: int
    title: str
    date_when: str
    date_sort: object
    date_label: str
    header_html: str
    reader_label: str = ""  # "Telegram 1762", "Document 67" (edition.tei.header)
    pages: list = field(default_factory=list)
    passages: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@dataclass
class EntityData(Record):
    LINKS = ("same_as_key",)

    key: str
    kind: str
    collection: str
    xml_id: str
    name: str
    sort_name: str
    identification_html: str = ""
    identification_text: str = ""
    same_as_key: str = ""


@dataclass
class SourceData:
    file: str
    revision: str
    collection: str
    documents: list
    entities: list
