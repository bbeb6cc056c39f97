"""A document's metadata from the TEI: title, date, identifiers, and the editorial principles.

The header's HTML is built with format_html: every value from the source is
escaped, and an identifier becomes a link only when it is plainly a web address.
"""

import datetime
import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .parse import XML_ID, T, local_name, plain
from .urls import is_web_url

FRUS = "{http://history.state.gov/frus/ns/1.0}"  # the Office of the Historian's own attributes

EDITORIAL_SECTIONS = {
    "correction": "Corrections",
    "normalization": "Abbreviations and normalisation",
    "hyphenation": "Line ends and hyphenation",
    "segmentation": "Passages and pages",
    "interpretation": "Page furniture, hands and links",
    "quotation": "Quotation marks",
    "stdVals": "Marks in the witness",
}
IDNO_LABELS = {
    "telegram": "Telegram no.",
    "control": "Control no.",
    "centralFile": "Central file",
    "frus": "Published in",
    "frus-url": "Online (FRUS)",
}


def collection_title(root):
    header = root.find(f"{T}teiHeader")
    complete = header.find(f".//{T}titleStmt/{T}title[@type='complete']")
    return plain(complete if complete is not None else header.find(f".//{T}titleStmt/{T}title"))


def edition_meta(root, render_fragment):
    """Title, date and header block of an edition source (the whole file is one document).
    render_fragment(element) -> the element's content as HTML (edition.tei.render)."""
    header = root.find(f"{T}teiHeader")
    title_el = header.find(f".//{T}titleStmt/{T}title[@type='main']")
    if title_el is None:
        title_el = header.find(f".//{T}titleStmt/{T}title")
    date_el = header.find(f".//{T}profileDesc/{T}creation/{T}date")
    when = (date_el.get("when") or "") if date_el is not None else ""
    return {
        "number": "",
        "reader_label": document_label(header) or plain(title_el),
        "title": plain(title_el),
        "date_when": when,
        "date_sort": parse_date(when),
        "date_label": plain(date_el) or when,
        "header_html": identifiers(header) + editorial_principles(header, render_fragment),
    }


def document_label(header):
    """What readers call the witness, by its number: "Telegram 1762" (from its idno type="telegram")."""
    idno = header.find(f".//{T}sourceDesc/{T}msDesc/{T}msIdentifier//{T}idno[@type='telegram']")
    number = plain(idno) if idno is not None else ""
    return f"Telegram {number}" if number else ""


def identifiers(header):
    """The witness's identifiers as a definition list; web addresses as links."""
    rows = []
    for idno in header.iterfind(f".//{T}sourceDesc/{T}msDesc/{T}msIdentifier//{T}idno"):
        kind = idno.get("type") or ""
        value = plain(idno)
        if is_web_url(value):
            rows.append((IDNO_LABELS.get(kind, "Online"), format_html('<a href="{}">{}</a>', value, value)))
        else:
            rows.append((IDNO_LABELS.get(kind, kind.replace("-", " ").capitalize() or "Identifier"), value))
    if not rows:
        return ""
    return format_html('<dl class="doc-meta">{}</dl>', format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))


def editorial_principles(header, render_fragment):
    """The editorialDecl and the hands, for readers: how to read what they see."""
    sections = []
    decl = header.find(f".//{T}encodingDesc/{T}editorialDecl")
    for part in decl if decl is not None else []:
        name = local_name(part)
        if name is None:
            continue
        paragraphs = part.findall(f"{T}p") if name != "p" else [part]
        # The renderer's output is HTML it escaped itself.
        body = format_html_join("", "<p>{}</p>", ((mark_safe(render_fragment(p)),) for p in paragraphs))
        title = EDITORIAL_SECTIONS.get(name, name.capitalize()) if name != "p" else ""
        sections.append(format_html("<h2>{}</h2>{}", title, body) if title else body)
    hands = header.findall(f".//{T}handDesc/{T}handNote")
    if hands:
        items = format_html_join("", "<li>{}</li>", ((mark_safe(render_fragment(hand)),) for hand in hands))
        sections.append(format_html("<h2>Hands</h2><ul>{}</ul>", items))
    if not sections:
        return ""
    return format_html(
        '<details class="editorial-principles"><summary>Editorial principles: how this text is edited</summary>'
        "{}</details>",
        mark_safe("".join(sections)),
    )


def volume_document_meta(div):
    """Number, title and date of one document of a volume."""
    head = div.find(f"{T}head")
    date = div.find(f".//{T}dateline//{T}date")
    earliest = div.get(f"{FRUS}doc-dateTime-min", "")
    latest = div.get(f"{FRUS}doc-dateTime-max", "")
    when = (date.get("when") if date is not None else None) or earliest
    if date is None and earliest[:10] != latest[:10]:
        # Editorial notes carry the whole volume's span (1960-11-09 to
        # 1963-12-01): they are undated, not of November 1960.
        when = ""
    return {
        "number": div.get("n") or "",
        "reader_label": f"Document {div.get('n')}" if div.get("n") else "",
        "title": plain_without_notes(head) if head is not None else div.get(XML_ID),
        "date_when": when or "",
        "date_sort": parse_date(when),
        "date_label": plain(date) if date is not None else "",
        "header_html": "",
    }


def plain_without_notes(element):
    parts = []

    def walk(el):
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and local_name(child) != "note":
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def parse_date(when):
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", when or "")
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None
