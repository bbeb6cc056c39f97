"""Safe parsing of TEI sources.

Sources are trusted to be ours, but import must still never fetch anything or
expand entities: the parser loads no DTD, resolves no entity and touches no
network, and XInclude is never processed. A DOCTYPE is then refused outright (no
TEI file we read needs one): decided on the parsed document, what lxml reports of
its DTD, so the encoding (UTF-16 too) cannot hide one and a comment that mentions
one is no DOCTYPE. An attribute longer than any TEI needs is refused too: the
renderer copies attributes into every view of a passage. Every refusal names the
file, line and column.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
T = f"{{{TEI_NS}}}"

# The longest attribute of our sources is 62 characters; a URL or a list of pointers may be long.
MAX_ATTRIBUTE_CHARS = 2000
DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class SourceError(Exception):
    file: str
    line: int
    column: int
    reason: str

    def __str__(self):
        return f"{self.file}:{self.line}:{self.column}: {self.reason}"


def position_of(text: str, offset: int):
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def decoded(data: bytes, encoding):
    """The source as text, in the encoding the parser read it in."""
    try:
        return data.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def doctype_position(text):
    """Where the DOCTYPE stands in the prolog; comments are not searched (they are blanked, lines kept)."""
    blanked = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    match = DOCTYPE.search(blanked)
    return position_of(text, match.start()) if match else (1, 1)


def parse_source(path, max_bytes):
    """Parse one TEI file safely; return its ElementTree or raise SourceError."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(name, 0, 0, f"cannot read the file: {exc.strerror}") from exc
    if size > max_bytes:
        raise SourceError(name, 0, 0, f"the file is {size} bytes, over the limit of {max_bytes}")
    return parse_bytes(path.read_bytes(), name, max_bytes)


def parse_bytes(data, name, max_bytes):
    """Parse one TEI text held in memory (a revision made in the browser) as parse_source does a file."""
    if len(data) > max_bytes:
        raise SourceError(name, 0, 0, f"the text is {len(data)} bytes, over the limit of {max_bytes}")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser, base_url=None)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno or 0, exc.offset or 0)
        raise SourceError(name, line, column, f"not well-formed XML: {exc.msg}") from exc
    refuse_doctype(root, data, name)
    check_attributes(root, name)
    check_tei(root, name)
    return root


def refuse_doctype(root, data, file):
    """Refuse any DOCTYPE: an internal subset (entity declarations) or an external DTD."""
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.system_url or info.public_id:
        line, column = doctype_position(decoded(data, info.encoding))
        raise SourceError(
            file, line, column, "DOCTYPE and entity declarations are refused (they could load or expand external data)"
        )


def check_attributes(root, file):
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if len(value) > MAX_ATTRIBUTE_CHARS:
                fail_at(
                    element,
                    file,
                    f"the attribute {etree.QName(name).localname} is {len(value)} characters long, "
                    f"over the limit of {MAX_ATTRIBUTE_CHARS}",
                )


def element_column(file, element):
    """lxml knows an element's line, not its column: find its start tag on that line."""
    line_number = element.sourceline or 0
    encoding = element.getroottree().docinfo.encoding or "utf-8"
    try:
        with open(file, encoding=encoding, errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if number == line_number:
                    found = line.find("<" + (element.prefix + ":" if element.prefix else "") + local_name(element))
                    return found + 1 if found >= 0 else 1
    except (OSError, LookupError):
        pass
    return 1


def error_at(element, file, reason):
    return SourceError(file, element.sourceline or 0, element_column(file, element), reason)


def fail_at(element, file, reason):
    raise error_at(element, file, reason)


def check_tei(root, file):
    """What the importer relies on, whatever the TEI dialect."""
    if root.tag != f"{T}TEI":
        fail_at(root, file, f"the root element must be TEI in the namespace {TEI_NS}, not {root.tag}")
    if root.find(f"{T}teiHeader") is None:
        fail_at(root, file, "the TEI has no teiHeader")
    body = root.find(f"{T}text/{T}body")
    if body is None:
        fail_at(root, file, "the TEI has no text/body")
    seen = {}
    for element in root.iter():
        xml_id = element.get(XML_ID)
        if xml_id is None:
            continue
        if xml_id in seen:
            fail_at(element, file, f'duplicate xml:id "{xml_id}" (first on line {seen[xml_id]})')
        seen[xml_id] = element.sourceline
    for note in body.iter(f"{T}note"):
        if note.getparent() is not None and note.getparent().tag == f"{T}body":
            fail_at(note, file, "a note directly in body has no passage to belong to")


def plain(element):
    """An element's text, whitespace collapsed ("" for None)."""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip() if element is not None else ""


def local_name(element):
    if not isinstance(element.tag, str):
        return None
    return etree.QName(element).localname


def is_tei(element):
    return isinstance(element.tag, str) and element.tag.startswith(T)
