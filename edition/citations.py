"""How to cite the edition, a document and a passage: Chicago notes and bibliography entries,
BibTeX, RIS, CSL-JSON and the Highwire Press meta tags reference managers read.

Everything a citation says is read from what the edition holds: the stored TEI header of the
published revision (the editors in its respStmts, the witness's identifiers in msIdentifier,
the FRUS printing), the revision's number and date, the document and passage rows. Nothing
about the cable is written here.

The Chicago forms follow the Chicago Manual of Style as the CSL style "Chicago Manual of Style
17th edition (note)" renders the CSL-JSON item served beside them (a test renders it with
citeproc-py and compares), with the comma and the full stop inside the closing quotation
mark, as American usage (and the CSL en-US locale's punctuation-in-quote) wants.
"""

import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from lxml import etree

from .vocabulary import DocumentKind

EDITION_TITLE = "Telegram 1762: A Digital Edition"
T = "{http://www.tei-c.org/ns/1.0}"
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def absolute(url):
    """An absolute URL on SITE_ROOT: citations and exported identifiers stay the
    same whichever host name a request arrived by."""
    if re.match(r"https?://", url):
        return url
    return settings.SITE_ROOT + url


def us_date(year, month=None, day=None):
    """ "November 13, 1962", "November 1962", "1962": Chicago's (and CSL en-US's) form."""
    if month and day:
        return f"{MONTHS[month - 1]} {day}, {year}"
    if month:
        return f"{MONTHS[month - 1]} {year}"
    return str(year)


def date_parts(when):
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", when or "")
    return [int(part) for part in match.groups() if part] if match else []


# -- what the TEI header says ---------------------------------------------------------------------


@dataclass
class Responsibility:
    resp: str
    names: list


@dataclass
class Original:
    """The witness, as its archive and FRUS identify it (msIdentifier, msItem, history)."""

    institution: str = ""
    repository: str = ""
    central_file: str = ""
    telegram: str = ""
    control: str = ""
    classification: str = ""
    sender: str = ""
    place: str = ""
    date: list = field(default_factory=list)  # [year, month, day]
    printed_in: str = ""  # "FRUS 1961–1963, vols. X–XII, Microfiche Supplement, Document 525"
    printed_url: str = ""


@dataclass
class Header:
    author: str = ""
    publisher: str = ""
    responsibilities: list = field(default_factory=list)
    original: Original = None

    @property
    def editors(self):
        """The agents of the respStmts for the editing (encoding, correction, notes); all, if none says so."""
        editing = [r for r in self.responsibilities if re.search(r"encod|edit|correct", r.resp, re.IGNORECASE)]
        names = [name for r in (editing or self.responsibilities) for name in r.names]
        return list(dict.fromkeys(names))


def _plain(element):
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _idno(ms_identifier, kind):
    return _plain(ms_identifier.find(f".//{T}idno[@type='{kind}']")) if ms_identifier is not None else ""


def header_of(tei_text):
    """The citation's facts from a TEI header."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(tei_text.encode("utf-8"), parser)
    header = root.find(f"{T}teiHeader")
    title_stmt = header.find(f".//{T}titleStmt")
    author = title_stmt.find(f"{T}author") if title_stmt is not None else None
    person = author.find(f".//{T}persName") if author is not None else None
    responsibilities = [
        Responsibility(_plain(r.find(f"{T}resp")), [re.sub(r"\s*\([^)]*\)$", "", _plain(n)) for n in r if _is_agent(n)])
        for r in (title_stmt.findall(f"{T}respStmt") if title_stmt is not None else [])
    ]
    ms = header.find(f".//{T}sourceDesc/{T}msDesc")
    ms_identifier = ms.find(f"{T}msIdentifier") if ms is not None else None
    original = None
    if ms_identifier is not None:
        sender = ms.find(f".//{T}msItem/{T}author/{T}orgName[@type='sender']")
        place = ms.find(f".//{T}history/{T}origin/{T}origPlace/{T}placeName")
        date = ms.find(f".//{T}history/{T}origin/{T}origDate")
        repository = _plain(ms_identifier.find(f"{T}repository"))
        original = Original(
            institution=_plain(ms_identifier.find(f"{T}institution")),
            repository=re.sub(r"\s*\([^)]*\)$", "", repository),
            central_file=_idno(ms_identifier, "centralFile"),
            telegram=_idno(ms_identifier, "telegram"),
            control=_idno(ms_identifier, "control"),
            classification=_idno(ms_identifier, "classification"),
            sender=_plain(sender),
            place=_plain(place),
            date=date_parts(date.get("when") if date is not None else ""),
            printed_in=_plain(ms_identifier.find(f"{T}idno[@type='frus']")),
            printed_url=_idno(ms_identifier, "frus-url"),
        )
    return Header(
        author=_plain(person) or _plain(author),
        publisher=re.sub(r"\s*\([^)]*\)$", "", _plain(header.find(f".//{T}publicationStmt/{T}publisher"))),
        responsibilities=responsibilities,
        original=original,
    )


def _is_agent(element):
    return isinstance(element.tag, str) and etree.QName(element).localname in ("name", "persName", "orgName")


# -- the citation of a document or a passage ------------------------------------------------------


@dataclass
class Citation:
    title: str  # of what is cited: the document, or the document and the passage
    url: str  # the permanent address to cite: the document, or the passage's permalink in it
    note: str  # Chicago note, plain text
    bibliography: str  # Chicago bibliography entry, plain text
    container: str  # the edition's title, or the FRUS volume's
    editors: list
    author: str
    publisher: str
    version: str  # "version 3, December 2, 2026" (empty for the FRUS volume)
    version_number: str
    date: list  # [year, month, day] of the text's version (the edition) or of the document (FRUS)
    responsibilities: list
    original_note: str = ""
    original_bibliography: str = ""
    original: Original = None
    csl: list = field(default_factory=list)
    key: str = ""
    document_date: list = field(default_factory=list)
    # The alternates a reader or a harvester may want: (media type, URL, label).
    alternates: list = field(default_factory=list)
    downloads: list = field(default_factory=list)  # (label, URL, media type)
    page_url: str = ""  # the page this citation is shown on (its canonical address)

    @property
    def text(self):  # what the pages showed before: the note
        return self.note

    @property
    def csl_json(self):
        return json.dumps(self.csl, ensure_ascii=False, indent=1)

    @property
    def bibtex(self):
        return to_bibtex(self)

    @property
    def ris(self):
        return to_ris(self)

    @property
    def meta_date(self):
        return "/".join(str(part).zfill(2) if n else str(part) for n, part in enumerate(self.date))


def _quoted(title, after):
    """“Title,” with the comma or full stop inside the closing quotation mark (a title that ends
    with an abbreviation's full stop takes no second one)."""
    if after == "." and title.endswith("."):
        after = ""
    return f"“{title}{after}”"


def published_text(document):
    """(revision without its text, header) of the edition's published revision; the TEI is read
    only when its header is not parsed yet (a revision's text never changes: keyed by its hash)."""
    from .models.revisions import TextRevision

    revision = (
        TextRevision.objects.filter(source__file=document.source_file, state=TextRevision.State.PUBLISHED)
        .defer("tei", "changed_passages")
        .order_by("-number")
        .first()
    )
    if revision is None:
        return None, Header()
    header = _headers.get(revision.sha256)
    if header is None:
        tei = TextRevision.objects.values_list("tei", flat=True).get(pk=revision.pk)
        header = _headers[revision.sha256] = header_of(tei)
        if len(_headers) > 16:
            _headers.pop(next(iter(_headers)))
    return revision, header


_headers = {}  # sha256 of a revision -> its Header


def citation_for(document, passage=None):
    url = absolute(passage.get_absolute_url() if passage else document.get_absolute_url())
    label = getattr(passage, "reader_label", "") or (passage.xml_id if passage else "")
    title = f"{document.title}, {label}" if passage else document.title
    revision, header = published_text(document) if document.kind == DocumentKind.EDITION else (None, Header())
    if document.kind == DocumentKind.CORPUS:
        container = document.collection_title + (f", Document {document.number}" if document.number else "")
        version, number, date = "", "", date_parts(document.date_when)
    else:
        container = EDITION_TITLE
        when = revision.published_at or revision.created_at if revision is not None else None
        date = [when.year, when.month, when.day] if when else []
        version = f"version {revision.number}, {us_date(*date)}" if revision is not None else ""
        number = str(revision.number) if revision is not None else ""
    key = (document.slug + ("-" + passage.xml_id if passage else "")).replace("-", "_")
    citation = Citation(
        title=title, url=url, note="", bibliography="", container=container, editors=header.editors,
        author=header.author, publisher=header.publisher, version=version, version_number=number, date=date,
        responsibilities=header.responsibilities, original=header.original, key=key,
        document_date=date_parts(document.date_when),
    )  # fmt: skip
    citation.note, citation.bibliography = chicago(citation)
    if header.original is not None:
        citation.original_note, citation.original_bibliography = chicago_original(header.original)
    citation.csl = csl_items(citation, revision)
    citation.alternates = alternates(document)
    citation.downloads = downloads(document, passage)
    citation.page_url = absolute(
        reverse("passage", args=[document.slug, passage.xml_id]) if passage else document.get_absolute_url()
    )
    return citation


def downloads(document, passage=None):
    def url(fmt):
        if passage is not None:
            return reverse("passage_citation_download", args=[document.slug, passage.xml_id, fmt])
        return reverse("citation_download", args=[document.slug, fmt])

    return [
        ("BibTeX", url("bib"), "application/x-bibtex"),
        ("RIS (EndNote, Zotero, Mendeley)", url("ris"), "application/x-research-info-systems"),
        ("CSL-JSON (Zotero, citeproc)", url("json"), "application/vnd.citationstyles.csl+json"),
    ]


def alternates(document):
    found = []
    if document.kind == DocumentKind.EDITION:
        found.append(("application/tei+xml", absolute(reverse("tei_export", args=[document.slug])), "TEI P5 source"))
    found.append(("application/ld+json", absolute(reverse("manifest", args=[document.slug])), "IIIF manifest"))
    found.append(
        (
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            absolute(reverse("document_annotations", args=[document.slug])),
            "Web Annotations",
        )
    )
    found.append(("text/plain", absolute(reverse("text_export", args=[document.slug])), "Plain text"))
    return found


def chicago(c):
    """(note, bibliography) in the shape CSL's Chicago (note) style gives a "chapter" item."""
    where = (
        f"{c.publisher}, {c.date[0]}" if c.publisher and c.date else (c.publisher or (str(c.date[0]) if c.date else ""))
    )
    editors = " and ".join(c.editors)
    version = f", version {c.version_number}" if c.version_number else ""
    note = ""
    if c.author:
        note += f"{c.author}, "
    note += _quoted(c.title, ",") + f" in {c.container}{version}"
    note += f", ed. {editors}" if editors else ""
    note += f" ({where})" if where else ""
    note += f", {c.url}."
    bibliography = ""
    if c.author:  # as CSL gives a name the TEI does not divide: uninverted
        bibliography += f"{c.author}. "
    bibliography += _quoted(c.title, ".") + f" In {c.container}{version}"
    bibliography += f", edited by {editors}" if editors else ""
    bibliography += "."
    if where:
        bibliography += f" {where[0].upper()}{where[1:]}."
    bibliography += f" {c.url}."
    return note, bibliography


def chicago_original(o):
    """The witness as an archival document (Chicago 14.232: the item, its date and numbers, the
    file, the collection, the depository), then where FRUS prints it."""
    sent = f"telegram {o.telegram}" if o.telegram else "telegram"
    if o.sender:
        sent += f" from {o.sender}"
    if o.place:
        sent += f", {o.place}"
    parts = [sent[0].upper() + sent[1:]]
    if o.date:
        parts.append(us_date(*o.date))
    if o.control:
        parts.append(f"Control {o.control}")
    if o.classification:
        parts.append(o.classification)
    file_parts = [p for p in (o.central_file, o.repository, o.institution) if p]
    note = ", ".join(parts + file_parts)
    if o.printed_in:
        note += f"; printed in {o.printed_in}"
    note += "."
    depository = ". ".join(p for p in (o.institution, ", ".join(p for p in (o.repository, o.central_file) if p)) if p)
    bibliography = f"{depository}. " if depository else ""
    bibliography += ", ".join(parts) + "."
    if o.printed_in:
        bibliography += f" Printed in {o.printed_in}."
    return note, bibliography


# -- machine-readable forms -----------------------------------------------------------------------


def csl_items(c, revision):
    """CSL-JSON: the cited document or passage in the edition, and (for the cable) the original."""
    item = {
        "id": c.key,
        "type": "chapter",
        # nocase: the title is spelled as the source spells it ("8 p.m."), not title-cased again.
        "title": f'<span class="nocase">{c.title}</span>',
        "container-title": c.container,
        "URL": c.url,
        "language": "en",
    }
    if c.author:
        item["author"] = [{"literal": c.author}]
    if c.editors:
        item["editor"] = [{"literal": name} for name in c.editors]
    if c.publisher:
        item["publisher"] = c.publisher
    if c.date:
        item["issued"] = {"date-parts": [c.date]}
    if c.version_number:
        item["version"] = c.version_number
    items = [item]
    o = c.original
    if o is not None:
        original = {
            "id": c.key + "_original",
            "type": "manuscript",
            "title": f"Telegram {o.telegram}"
            + (f" from {o.sender}" if o.sender else "")
            + (f", {o.place}" if o.place else ""),
            "genre": "Telegram",
            "number": o.telegram,
            "archive": o.institution,
            "archive_collection": o.repository,
            "archive_location": o.central_file,
            "note": ", ".join(p for p in (f"Control {o.control}" if o.control else "", o.classification) if p),
            "references": f"Printed in {o.printed_in}" if o.printed_in else "",
            "language": "en",
        }
        if o.date:
            original["issued"] = {"date-parts": [o.date]}
        if o.printed_url:
            original["URL"] = o.printed_url
        items.append({k: v for k, v in original.items() if v})
    return items


def _bibtex_escape(value):
    return re.sub(r"([{}&%$#_])", r"\\\1", value)


def to_bibtex(c):
    fields = [("title", c.title), ("booktitle", c.container)]
    if c.author:
        fields.append(("author", "{" + c.author + "}"))
    if c.editors:
        fields.append(("editor", " and ".join("{" + e + "}" for e in c.editors)))
    if c.publisher:
        fields.append(("publisher", c.publisher))
    if c.date:
        fields.append(("year", str(c.date[0])))
        if len(c.date) > 1:
            fields.append(("month", MONTHS[c.date[1] - 1][:3].lower()))
    if c.version:
        fields.append(("edition", c.version))
    fields.append(("url", c.url))
    if c.original_note:
        fields.append(("note", "Original: " + c.original_note))
    lines = []
    for name, value in fields:
        if name == "month":
            lines.append(f"  {name} = {value}")
        elif name in ("author", "editor", "url"):
            lines.append(f"  {name} = {{{value}}}")
        else:
            lines.append(f"  {name} = {{{_bibtex_escape(value)}}}")
    return "@incollection{" + c.key + ",\n" + ",\n".join(lines) + "\n}\n"


def to_ris(c):
    lines = ["TY  - CHAP", f"TI  - {c.title}", f"T2  - {c.container}"]
    if c.author:
        lines.append(f"AU  - {c.author}")
    lines += [f"A2  - {editor}" for editor in c.editors]
    if c.publisher:
        lines.append(f"PB  - {c.publisher}")
    if c.date:
        lines.append("DA  - " + "/".join(str(p).zfill(2) if n else str(p) for n, p in enumerate(c.date)))
        lines.append(f"PY  - {c.date[0]}")
    if c.version:
        lines.append(f"ET  - {c.version}")
    lines.append(f"UR  - {c.url}")
    if c.original_note:
        lines.append(f"N1  - Original: {c.original_note}")
    lines.append("LA  - en")
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"
