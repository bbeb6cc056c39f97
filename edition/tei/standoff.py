"""The editors' glosses as TEI: a <standOff> written into the exported source, and read back.

The database is the truth for glosses; the standOff carries them out of it, so that a TEI
export imported into an empty edition gives them back. Each gloss is one <annotation>
that says enough to anchor it without the database:

    <annotation xml:id="gloss-{uuid}" target="#para-3" motivation="commenting">
      <respStmt><resp>gloss by</resp><persName key="alice">Alice Liddell</persName></respStmt>
      <respStmt><resp>last change by</resp><persName key="bob">Bob</persName></respStmt>
      <revisionDesc status="published">
        <change type="created" when="2026-12-02T08:00:00+00:00">created</change>
        <change type="modified" when="2026-12-02T08:05:00+00:00" n="3">version 3</change>
      </revisionDesc>
      <note type="anchor" subtype="anchored" target="https://…/documents/usun-1762/passages/para-3/text.txt">
        <seg type="prefix">…</seg><quote>the glossed words</quote><seg type="suffix">…</seg>
        <num type="start" value="120"/><num type="end" value="137"/>
        <idno type="source-revision">sha256 of the text the selectors were made on</idno>
      </note>
      <note type="gloss"><p>The body as TEI: <hi rend="italic">p</hi>, hi, ref, list…</p></note>
      <ptr type="web-annotation" target="https://…/glosses/{uuid}/"/>
    </annotation>

The quote, its prefix and suffix are the W3C TextQuoteSelector; start and end the
TextPositionSelector, counted in the passage's reading text (the text at the anchor's target,
the Web Annotations' source), so two equal quotes in one passage stay distinguishable.

The body is written from the gloss's sanitised HTML (rendered from its Markdown) and read
back as Markdown in one canonical spelling: *em*, **strong**, `code`, [text](url), "- "
and "1. " lists, "> " quotes, fenced code. A body written that way comes back byte for
byte; any other spelling comes back as the same rendered text.
"""

import re
import uuid
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..noterefs import gloss_letter, gloss_position
from .parse import XML_ID, T

GLOSS_LIST = "glosses"  # listAnnotation/@type of the edition's glosses
ID_PREFIX = "gloss-"


# -- out: glosses -> <standOff> ------------------------------------------------------------------


def remove_gloss_lists(root):
    """Take out every list of glosses a source already holds (a re-imported export), and any
    standOff left empty by that: the database, not an old file, says which glosses exist."""
    for stand_off in root.findall(f"{T}standOff"):
        for listed in stand_off.findall(f"{T}listAnnotation[@type='{GLOSS_LIST}']"):
            stand_off.remove(listed)
        if len(stand_off) == 0:
            root.remove(stand_off)


def write_glosses(root, glosses, web_annotation_iri, text_url=None):
    """Replace the source's glosses by these (in the order given): one standOff, one list.
    text_url(gloss): the address of the passage text the offsets count in (the Web
    Annotations' source), recorded as the anchor's target."""
    remove_gloss_lists(root)
    glosses = list(glosses)
    if not glosses:
        return root
    stand_off = root.find(f"{T}standOff")
    if stand_off is None:
        stand_off = etree.SubElement(root, f"{T}standOff")
    listed = etree.SubElement(stand_off, f"{T}listAnnotation", type=GLOSS_LIST)
    for gloss in glosses:
        listed.append(annotation(gloss, web_annotation_iri(gloss), text_url(gloss) if text_url else None))
    return root


def person(parent, resp, user):
    statement = etree.SubElement(parent, f"{T}respStmt")
    etree.SubElement(statement, f"{T}resp").text = resp
    name = etree.SubElement(statement, f"{T}persName", key=user.get_username())
    name.text = user.get_full_name() or user.get_username()


def annotation(gloss, iri, text_url=None):
    element = etree.Element(f"{T}annotation", target=f"#{gloss.passage_xml_id}", motivation="commenting")
    element.set(XML_ID, f"{ID_PREFIX}{gloss.public_id}")
    if gloss.number:  # the letter readers see and cite, kept by an import of this file
        element.set("n", gloss_letter(gloss.number))
    person(element, "gloss by", gloss.created_by)
    person(element, "last change by", gloss.updated_by)
    changes = etree.SubElement(element, f"{T}revisionDesc", status=gloss.state)
    etree.SubElement(changes, f"{T}change", type="created", when=gloss.created_at.isoformat()).text = "created"
    modified = etree.SubElement(changes, f"{T}change", type="modified", when=gloss.updated_at.isoformat())
    modified.set("n", str(gloss.version))
    modified.text = f"version {gloss.version}"

    anchor = etree.SubElement(element, f"{T}note", type="anchor", subtype=gloss.anchor_status)
    if text_url:
        anchor.set("target", text_url)
    if gloss.exact:
        etree.SubElement(anchor, f"{T}seg", type="prefix").text = gloss.prefix
        etree.SubElement(anchor, f"{T}quote").text = gloss.exact
        etree.SubElement(anchor, f"{T}seg", type="suffix").text = gloss.suffix
        if gloss.start is not None and gloss.end is not None:
            etree.SubElement(anchor, f"{T}num", type="start", value=str(gloss.start))
            etree.SubElement(anchor, f"{T}num", type="end", value=str(gloss.end))
    etree.SubElement(anchor, f"{T}idno", type="source-revision").text = gloss.source_revision

    body = etree.SubElement(element, f"{T}note", type="gloss")
    html_to_tei(gloss.body_html, body)
    etree.SubElement(element, f"{T}ptr", type="web-annotation", target=iri)
    return element


# -- the body: sanitised HTML -> TEI ------------------------------------------------------------

BLOCKS = {"p", "list", "item", "quote", "eg"}
INLINE = {"em": "italic", "strong": "bold", "sup": "superscript", "sub": "subscript", "del": "strikethrough"}


def html_to_tei(html, parent):
    """The gloss's HTML (edition.markdown's few tags) as TEI inside parent."""
    if not (html or "").strip():
        return parent
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    _append_text(parent, container.text)
    for child in container:
        convert(child, parent)
    strip_layout(parent)
    return parent


def convert(node, parent):
    if not isinstance(node.tag, str):  # a comment: nothing a reader sees
        _append_text(parent, node.tail)
        return
    tag = node.tag.lower()
    if tag == "p":
        element = etree.SubElement(parent, f"{T}p")
    elif tag in INLINE:
        element = etree.SubElement(parent, f"{T}hi", rend=INLINE[tag])
    elif tag == "code" and node.getparent() is not None and node.getparent().tag == "pre":
        element = parent  # <pre><code>: the eg holds the code itself
    elif tag == "code":
        element = etree.SubElement(parent, f"{T}code")
    elif tag == "pre":
        element = etree.SubElement(parent, f"{T}eg")
    elif tag == "a":
        element = etree.SubElement(parent, f"{T}ref", target=node.get("href") or "#")
    elif tag == "br":
        element = etree.SubElement(parent, f"{T}lb")
    elif tag in ("ul", "ol"):
        element = etree.SubElement(parent, f"{T}list", rend="numbered" if tag == "ol" else "bulleted")
        if tag == "ol" and node.get("start") not in (None, "1"):
            element.set("n", node.get("start"))
    elif tag == "li":
        element = etree.SubElement(parent, f"{T}item")
    elif tag == "blockquote":
        element = etree.SubElement(parent, f"{T}quote")
    else:  # not in edition.markdown's allowed tags: keep the words
        element = parent
    _append_text(element, node.text)
    for child in node:
        convert(child, element)
    _append_text(parent, node.tail)


def strip_layout(element):
    """Whitespace between blocks (the HTML's line breaks between <p>, <li>…) is not text."""
    children = [c for c in element if isinstance(c.tag, str)]
    if any(etree.QName(c).localname in BLOCKS for c in children):
        if element.text is not None and not element.text.strip():
            element.text = None
        for child in element:
            if child.tail is not None and not child.tail.strip():
                child.tail = None
    for child in children:
        strip_layout(child)


def _append_text(parent, text):
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


# -- in: TEI -> Markdown ------------------------------------------------------------------------

LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)
ENTITY = re.compile(r"&(#?\w+;)")


def escape_markdown(text):
    """Text that Markdown reads back as the same text (only what would change it is escaped)."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]<])", r"\\\1", text)
    text = ENTITY.sub(r"\\&\1", text)
    return LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)


def _escape_marker(marker):
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def tei_to_markdown(note):
    """The body of an annotation (<note type="gloss">) as Markdown."""
    blocks = _blocks(note)
    return "\n\n".join(b for b in blocks if b.strip())


def _local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else None


def _blocks(element):
    """The blocks of a container (note, item, quote): loose inline text makes a paragraph."""
    blocks, inline = [], []

    def flush():
        text = "".join(inline).strip()
        if text:
            blocks.append(text)
        inline.clear()

    if element.text and element.text.strip():
        inline.append(escape_markdown(element.text))
    for child in element:
        name = _local(child)
        if name in BLOCKS:
            flush()
            blocks.append(_block(child))
        elif name is not None:
            inline.append(_inline(child))
        if child.tail and (child.tail.strip() or inline):
            inline.append(escape_markdown(child.tail))
    flush()
    return blocks


def _block(element):
    name = _local(element)
    if name == "p":
        return _inline_content(element).strip()
    if name == "eg":
        code = "".join(element.itertext())
        fence = "```"
        while fence in code:
            fence += "`"
        return f"{fence}\n{code.rstrip(chr(10))}\n{fence}"
    if name == "quote":
        inner = "\n\n".join(_blocks(element))
        return "\n".join(("> " + line) if line else ">" for line in inner.split("\n"))
    if name == "list":
        numbered = element.get("rend") == "numbered"
        start = int(element.get("n")) if numbered and (element.get("n") or "").isdigit() else 1
        lines = []
        for k, item in enumerate(element.iterchildren(f"{T}item"), start):
            marker = f"{k}. " if numbered else "- "
            inner = "\n\n".join(_blocks(item))
            indent = " " * len(marker)
            first, *rest = inner.split("\n") or [""]
            lines.append(marker + first)
            lines += [(indent + line) if line else "" for line in rest]
        return "\n".join(lines)
    return _inline_content(element)


def _inline_content(element):
    parts = [escape_markdown(element.text or "")]
    for child in element:
        parts.append(_inline(child))
        tail = child.tail or ""
        if _local(child) == "lb":  # the hard break's own line end
            tail = tail.removeprefix("\n")
        parts.append(escape_markdown(tail))
    return "".join(parts)


def _inline(element):
    name = _local(element)
    if name is None:
        return ""
    if name == "hi":
        inner = _inline_content(element)
        mark = {"italic": "*", "bold": "**"}.get(element.get("rend"))
        return f"{mark}{inner}{mark}" if mark else inner
    if name == "code":
        code = "".join(element.itertext())
        ticks = "`"
        while ticks in code:
            ticks += "`"
        pad = " " if code.startswith("`") or code.endswith("`") else ""
        return f"{ticks}{pad}{code}{pad}{ticks}"
    if name == "ref":
        target = (element.get("target") or "").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        return f"[{_inline_content(element)}]({target})"
    if name == "lb":
        return "\\\n"
    return _inline_content(element)


# -- in: <standOff> -> what a gloss holds ----------------------------------------------------------


@dataclass
class GlossRecord:
    public_id: uuid.UUID
    passage_xml_id: str
    body: str
    state: str
    version: int
    created_at: str
    updated_at: str
    author: tuple  # (username, full name)
    last_changed_by: tuple
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int = None
    end: int = None
    anchor_status: str = ""
    source_revision: str = ""
    number: int = None  # its place in the gloss series (the letter, @n), if it had one
    problems: list = field(default_factory=list)


def _text(element):
    return "".join(element.itertext()) if element is not None else ""


def _person(annotation_element, resp):
    for statement in annotation_element.findall(f"{T}respStmt"):
        if _text(statement.find(f"{T}resp")).strip() == resp:
            name = statement.find(f"{T}persName")
            if name is not None:
                return (name.get("key") or _text(name).strip(), _text(name).strip())
    return None


def _number(anchor, kind):
    num = anchor.find(f"{T}num[@type='{kind}']") if anchor is not None else None
    value = num.get("value") if num is not None else None
    return int(value) if value is not None and value.isdigit() else None


def read_glosses(root):
    """Every gloss a source's standOff holds, as GlossRecords (annotations without a usable id,
    passage or author are skipped: the caller is told by the count)."""
    records = []
    for element in root.iterfind(f"{T}standOff/{T}listAnnotation[@type='{GLOSS_LIST}']/{T}annotation"):
        xml_id = element.get(XML_ID) or ""
        try:
            public_id = uuid.UUID(xml_id.removeprefix(ID_PREFIX))
        except ValueError:
            continue
        target = (element.get("target") or "").split()
        author = _person(element, "gloss by")
        if not target or not target[0].startswith("#") or author is None:
            continue
        changes = element.find(f"{T}revisionDesc")
        created = element.find(f"{T}revisionDesc/{T}change[@type='created']")
        modified = element.find(f"{T}revisionDesc/{T}change[@type='modified']")
        anchor = element.find(f"{T}note[@type='anchor']")
        body = element.find(f"{T}note[@type='gloss']")
        version = modified.get("n") if modified is not None else None
        records.append(
            GlossRecord(
                public_id=public_id,
                passage_xml_id=target[0][1:],
                body=tei_to_markdown(body) if body is not None else "",
                state=(changes.get("status") if changes is not None else "") or "draft",
                version=int(version) if version and version.isdigit() else 1,
                created_at=created.get("when") if created is not None else "",
                updated_at=modified.get("when") if modified is not None else "",
                author=author,
                last_changed_by=_person(element, "last change by") or author,
                exact=_text(anchor.find(f"{T}quote")) if anchor is not None else "",
                prefix=_text(anchor.find(f"{T}seg[@type='prefix']")) if anchor is not None else "",
                suffix=_text(anchor.find(f"{T}seg[@type='suffix']")) if anchor is not None else "",
                start=_number(anchor, "start"),
                end=_number(anchor, "end"),
                anchor_status=(anchor.get("subtype") if anchor is not None else "") or "",
                source_revision=_text(anchor.find(f"{T}idno[@type='source-revision']")).strip()
                if anchor is not None
                else "",
                number=gloss_position(element.get("n") or ""),
            )
        )
    return records
