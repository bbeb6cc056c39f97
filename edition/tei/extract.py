"""From a parsed TEI file to plain data: documents, pages, passages, notes, entities.

Nothing here touches the database; edition.importer writes what this returns.
Two kinds of file are read:
- an edition source (ours): the whole body is one document, and every passage
  must carry an xml:id;
- a volume (the FRUS TEI): each div[@type="document"] is a document, and
  passages without an xml:id get a derived one ("d67-p4": the 4th p of d67,
  notes excluded; its list items "d67-p4-i1" ...), documented in the README.
"""

import datetime
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .parse import T, XML_ID, error_at, is_tei, local_name, plain
from .render import DIPLOMATIC, READING, RenderContext, Renderer

FRUS = "{http://history.state.gov/frus/ns/1.0}"  # the Office of the Historian's own attributes

# Elements whose children are passages, as long as they hold no text themselves.
CONTAINERS = {"body", "div", "front", "back", "list", "opener", "closer", "postscript", "floatingText", "group", "text"}
MILESTONES = {"pb", "cb", "milestone", "lb", "anchor", "include"}
FURNITURE_AB_TYPES = {"form", "stamp", "mark", "marks", "annotation"}
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
FURNITURE_LABELS = {
    "header": "Running head",
    "pageNum": "Page number",
    "archival": "Archival number",
    "classification": "Classification",
    "stamp": "Stamp",
    "form": "Printed form",
    "catch": "Catchword",
    "sig": "Signature mark",
}


@dataclass
class NoteData:
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


@dataclass
class PassageData:
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


@dataclass
class PageData:
    order: int
    n: str
    xml_id: str
    facs: str
    image_url: str = ""
    image_alt: str = ""


@dataclass
class DocumentData:
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
    pages: list = field(default_factory=list)
    passages: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@dataclass
class EntityData:
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


def is_volume(root):
    return root.find(f"{T}text/{T}body//{T}div[@type='document']") is not None


def collection_of(path):
    return Path(path).stem


def document_roots(root, collection):
    """(slug, xml_id, element) for each document the file holds."""
    if is_volume(root):
        return [
            (f"{collection}-{div.get(XML_ID)}", div.get(XML_ID), div)
            for div in root.iter(f"{T}div")
            if div.get("type") == "document" and div.get(XML_ID)
        ]
    slug = root.get(XML_ID) or collection
    return [(slug, slug, root.find(f"{T}text/{T}body"))]


def has_own_text(element):
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def is_container(element):
    return local_name(element) in CONTAINERS and is_tei(element) and not has_own_text(element)


def derive_ids(doc_element, doc_xml_id, volume):
    """html id for every element a link or gloss may point at, and note ids."""
    html_ids, note_ids = {}, {}
    if volume:
        paragraphs = [p for p in doc_element.iter(f"{T}p") if not any(local_name(a) == "note" for a in p.iterancestors())]
        for n, p in enumerate(paragraphs, 1):
            pid = p.get(XML_ID) or f"{doc_xml_id}-p{n}"
            html_ids[p] = pid
            for k, item in enumerate(p.iter(f"{T}item"), 1):
                html_ids[item] = item.get(XML_ID) or f"{pid}-i{k}"
    for k, note in enumerate(doc_element.iter(f"{T}note"), 1):
        note_ids[note] = note.get(XML_ID) or f"{doc_xml_id}-note{k}"
    return html_ids, note_ids


def passage_elements(doc_element):
    """Yield ("pb", el), ("note", el) and ("passage", el) in document order.

    A note standing between passages (FRUS puts "Printed from a copy that
    bears this typed signature" in closer, after signed) is a note on the
    passage before it, not a passage of its own.
    """
    for child in doc_element:
        name = local_name(child)
        if name is None:
            continue
        if name == "pb" and is_tei(child):
            yield "pb", child
        elif name == "note" and is_tei(child):
            yield "note", child
        elif name in MILESTONES:
            continue
        elif is_container(child):
            yield from passage_elements(child)
        else:
            yield "passage", child


class IdIndex:
    """Where every pointable id lives: (collection, id) -> (document slug, fragment)."""

    def __init__(self):
        self.targets = {}

    def add_file(self, root, collection):
        volume = is_volume(root)
        for slug, doc_xml_id, doc_element in document_roots(root, collection):
            self.targets[(collection, doc_xml_id)] = (slug, None)
            html_ids, note_ids = derive_ids(doc_element, doc_xml_id, volume)
            for element in doc_element.iter():
                xml_id = element.get(XML_ID) if isinstance(element.tag, str) else None
                if xml_id and xml_id != doc_xml_id:
                    self.targets[(collection, xml_id)] = (slug, xml_id)
            for derived in list(html_ids.values()) + list(note_ids.values()):
                self.targets.setdefault((collection, derived), (slug, derived))
            if volume:
                for kind, element in passage_elements(doc_element):
                    if kind != "passage":
                        continue
                    pid = element.get(XML_ID) or html_ids.get(element)
                    if pid:
                        self.targets.setdefault((collection, pid), (slug, pid))

    def lookup(self, collection, xml_id):
        return self.targets.get((collection, xml_id))


class Extractor:
    def __init__(self, path, root, revision, id_index, document_url, entity_url):
        self.path = Path(path)
        self.root = root
        self.revision = revision
        self.collection = collection_of(path)
        self.index = id_index
        self.document_url = document_url  # callable(slug) -> url
        self.entity_url_for = entity_url  # callable(kind, key) -> url
        self.volume = is_volume(root)
        self.entities = {}
        self.abbreviations = {}

    # -- links -----------------------------------------------------------------
    def resolve_ref(self, target):
        if re.match(r"https?://", target):
            return target
        file_part, _, fragment = target.partition("#")
        collection = collection_of(file_part) if file_part else self.collection
        if not fragment:
            return None
        found = self.index.lookup(collection, fragment)
        if found is None:
            return None
        slug, anchor = found
        url = self.document_url(slug)
        return f"{url}#{anchor}" if anchor else url

    def entity_url(self, kind, key):
        entity = self.entities.get(key)
        if entity is None:
            return None
        return self.entity_url_for(entity.kind, key)

    def entity_title(self, key):
        entity = self.entities.get(key)
        if entity is None:
            return ""
        # A hint, not the entry: the first sentence, so each mention stays light.
        ident = re.split(r"(?<=[.;])\s", entity.identification_text, maxsplit=1)[0]
        if len(ident) > 120:
            ident = ident[:119].rsplit(" ", 1)[0] + "…"
        return f"{entity.name}: {ident}" if ident else entity.name

    # -- entities ------------------------------------------------------------------
    def collect_entities(self):
        c = self.collection
        for person in self.root.iter(f"{T}person"):
            xml_id = person.get(XML_ID)
            if not xml_id:
                continue
            name = plain(person.find(f"{T}persName")) or xml_id
            ident = person.find(f"{T}note")
            same = person.find(f"{T}idno[@type='frus']")
            self.add_entity(
                EntityData(
                    key=f"{c}-{xml_id}".lower(),
                    kind="person",
                    collection=c,
                    xml_id=xml_id,
                    name=name,
                    sort_name=sort_name(person.find(f"{T}persName"), name),
                    identification_html=self.render_fragment(ident) if ident is not None else "",
                    identification_text=plain(ident),
                    same_as_key=f"frus1961-63v06-{plain(same)}".lower() if same is not None else "",
                )
            )
        # Places and organisations: <place xml:id><placeName/><note/></place>, likewise <org>.
        for tag, name_tag, kind in ((f"{T}place", f"{T}placeName", "place"), (f"{T}org", f"{T}orgName", "organisation")):
            for element in self.root.iter(tag):
                xml_id = element.get(XML_ID)
                if not xml_id:
                    continue
                name = plain(element.find(name_tag)) or xml_id
                ident = element.find(f"{T}note")
                if ident is None:
                    ident = element.find(f"{T}desc")
                self.add_entity(
                    EntityData(
                        key=f"{c}-{xml_id}".lower(), kind=kind, collection=c, xml_id=xml_id, name=name,
                        sort_name=name.lower(), identification_html=self.render_fragment(ident) if ident is not None else "",
                        identification_text=plain(ident),
                    )
                )
        # Index lists in the FRUS style: <item><hi><persName xml:id>Name</persName>,</hi> identification</item>
        for tag, kind in ((f"{T}persName", "person"), (f"{T}term", "term")):
            for element in self.root.iter(tag):
                xml_id = element.get(XML_ID)
                if not xml_id:
                    continue
                item = next((a for a in element.iterancestors(f"{T}item")), None)
                name = plain(element)
                ident = identification_after(item, element) if item is not None else ""
                self.add_entity(
                    EntityData(
                        key=f"{c}-{xml_id}".lower(), kind=kind, collection=c, xml_id=xml_id, name=name,
                        sort_name=name.lower(), identification_html=escape_text(ident), identification_text=ident,
                    )
                )
        # Glossary lists in our style: <item xml:id><term>IL-28</term> <gloss>explanation</gloss></item>
        for item in self.root.iter(f"{T}item"):
            xml_id = item.get(XML_ID)
            term = item.find(f"{T}term")
            gloss = item.find(f"{T}gloss")
            if not xml_id or term is None or gloss is None:
                continue
            name = plain(term)
            self.add_entity(
                EntityData(
                    key=f"{c}-{xml_id}".lower(), kind="term", collection=c, xml_id=xml_id, name=name,
                    sort_name=name.lower(), identification_html=self.render_fragment(gloss),
                    identification_text=plain(gloss),
                )
            )

    def add_entity(self, entity):
        self.entities[entity.key] = entity

    def render_fragment(self, element):
        ctx = self.context({}, {})
        return Renderer(ctx, READING, with_ids=False).fragment(element)

    def context(self, html_ids, note_ids):
        return RenderContext(
            collection=self.collection,
            resolve_ref=self.resolve_ref,
            entity_url=lambda kind, key: self.entity_url(kind, key.lower()),
            entity_title=lambda key: self.entity_title(key.lower()),
            html_ids=html_ids,
            note_ids=note_ids,
        )

    # -- documents ----------------------------------------------------------------
    def extract(self):
        self.collect_entities()
        header = self.root.find(f"{T}teiHeader")
        collection_title = plain(
            header.find(f".//{T}titleStmt/{T}title[@type='complete']")
            if header.find(f".//{T}titleStmt/{T}title[@type='complete']") is not None
            else header.find(f".//{T}titleStmt/{T}title")
        )
        surfaces = {s.get(XML_ID): s for s in self.root.iter(f"{T}surface") if s.get(XML_ID)}
        start_pages = self.pages_in_effect() if self.volume else {}
        documents = []
        for order, (slug, xml_id, element) in enumerate(document_roots(self.root, self.collection), 1):
            documents.append(self.document(slug, xml_id, element, order, collection_title, surfaces, start_pages))
        # An undated document (an editorial note) sorts by date where the volume places it.
        for previous, doc in zip(documents, documents[1:]):
            if doc.date_sort is None:
                doc.date_sort = previous.date_sort
        entities = list(self.entities.values()) + list(self.abbreviations.values())
        return SourceData(str(self.path), self.revision, self.collection, documents, entities)

    def pages_in_effect(self):
        """For each document div of a volume, the last pb before it."""
        current, result = None, {}
        for element in self.root.find(f"{T}text").iter(f"{T}pb", f"{T}div"):
            if local_name(element) == "pb":
                current = element
            elif element.get("type") == "document":
                result[element] = current
        return result

    def document(self, slug, xml_id, element, order, collection_title, surfaces, start_pages):
        html_ids, note_ids = derive_ids(element, xml_id, self.volume)
        ctx = self.context(html_ids, note_ids)
        if self.volume:
            meta = self.volume_document_meta(element)
        else:
            meta = self.edition_meta()
        doc = DocumentData(
            slug=slug, xml_id=xml_id, kind="corpus" if self.volume else "edition", collection=self.collection,
            collection_title=collection_title, order=order, header_html=meta.pop("header_html", ""), **meta,
        )
        pages = doc.pages

        def new_page(pb):
            facs = (pb.get("facs") or "") if pb is not None else ""
            surface = surfaces.get(facs.lstrip("#")) if facs.startswith("#") else None
            graphic = surface.find(f"{T}graphic") if surface is not None else None
            pages.append(
                PageData(
                    order=len(pages) + 1,
                    n=(pb.get("n") or str(len(pages) + 1)) if pb is not None else "1",
                    xml_id=(pb.get(XML_ID) or "") if pb is not None else "",
                    facs=facs,
                    image_url=(graphic.get("url") or "") if graphic is not None else "",
                    image_alt=plain(surface.find(f"{T}desc")) if surface is not None else "",
                )
            )

        if self.volume:
            new_page(start_pages.get(element))
        note_order = 0
        for kind, child in passage_elements(element):
            if kind == "pb":
                if pages and not any(p.page_order == pages[-1].order for p in doc.passages) and not pages[-1].xml_id and pages[-1].facs == "":
                    pages.pop()  # an implicit first page with nothing on it
                new_page(child)
                continue
            if kind == "note" and doc.passages:
                note_order = self.note_after_passage(child, doc, ctx, note_order)
                continue
            if not pages:
                new_page(None)
            passage_id = child.get(XML_ID) or html_ids.get(child)
            if passage_id is None:
                if not self.volume:
                    raise error_at(
                        child, str(self.path),
                        f"<{local_name(child)}> holds text but has no xml:id: every citable passage needs one",
                    )
                passage_id = f"{xml_id}-{local_name(child)}{len(doc.passages) + 1}"
            page_order = pages[-1].order
            reading = Renderer(ctx, READING, collect=True)
            reading_html = reading.fragment(child)
            diplomatic_html = Renderer(ctx, DIPLOMATIC).fragment(child)
            transcription_html = Renderer(ctx, DIPLOMATIC, with_ids=False, interactive=False).fragment(child)
            role, label = self.role_of(child)
            doc.passages.append(
                PassageData(
                    xml_id=passage_id, order=len(doc.passages) + 1, page_order=page_order, element=local_name(child),
                    role=role, label=label, reading_html=reading_html, diplomatic_html=diplomatic_html,
                    transcription_html=self.transcription_block(child, transcription_html, passage_id),
                    occurrences=reading.occurrences,
                )
            )
            for occurrence in reading.occurrences:
                if occurrence.kind == "abbreviation":
                    self.abbreviations.setdefault(
                        occurrence.key,
                        EntityData(
                            key=occurrence.key, kind="abbreviation", collection=self.collection, xml_id="",
                            name=occurrence.name, sort_name=occurrence.name.lower(),
                            identification_html=escape_text(occurrence.expansion),
                            identification_text=occurrence.expansion,
                        ),
                    )
            for collected in reading.notes:
                note_order += 1
                doc.notes.append(self.note(collected, note_order, passage_id, ctx))
            # A page break inside the passage: what follows is on the next page.
            for pb in child.iter(f"{T}pb"):
                new_page(pb)
        return doc

    def note_after_passage(self, note, doc, ctx, note_order):
        """Attach a note found between passages to the passage before it: its
        marker goes at the end of that passage, in both views."""
        passage = doc.passages[-1]
        reading = Renderer(ctx, READING, collect=True)
        marker = reading.element(note)
        diplomatic_marker = Renderer(ctx, DIPLOMATIC).element(note)
        passage.reading_html += marker
        passage.diplomatic_html += diplomatic_marker
        for collected in reading.notes:
            note_order += 1
            doc.notes.append(self.note(collected, note_order, passage.xml_id, ctx))
        return note_order

    def role_of(self, element):
        name = local_name(element)
        kind = element.get("type", "")
        if name == "fw" or (name == "ab" and kind in FURNITURE_AB_TYPES):
            return "furniture", FURNITURE_LABELS.get(kind, "Printed form" if name == "ab" else "Forme work")
        return "text", ""

    def transcription_block(self, element, inner, passage_id):
        """One passage's block in the page's transcription pane. data-passage (not an id:
        the text pane holds the passage's id) lets the pane follow the passage being read."""
        classes = ["tx", f"tx--{local_name(element)}"]
        for attribute in ("type", "place", "rend"):
            for value in (element.get(attribute) or "").split():
                classes.append(f"tx-{attribute}-{re.sub(r'[^a-z0-9-]', '', value.lower())}")
        tag = "div"
        return f'<{tag} class="{" ".join(classes)}" data-passage="{escape(passage_id)}">{inner}</{tag}>'

    def note(self, collected, order, passage_id, ctx):
        element = collected.element
        html = Renderer(ctx, READING, with_ids=False).fragment(element)
        from edition.textmap import passage_text

        text = passage_text(Renderer(ctx, DIPLOMATIC, with_ids=False).fragment(element))
        sic = corr = cert = ""
        if collected.kind == "ocr":
            choice = self.choice_for(element)
            if choice is not None:
                sic = plain(choice.find(f"{T}sic"))
                corr_el = choice.find(f"{T}corr")
                corr = plain(corr_el)
                cert = (corr_el.get("cert") or "") if corr_el is not None else ""
        return NoteData(
            xml_id=collected.xml_id, kind=collected.kind, order=order, n=element.get("n") or "", html=html,
            text=text, passage_xml_id=passage_id, sic=sic, corr=corr, cert=cert,
        )

    def choice_for(self, note):
        target = (note.get("target") or "").lstrip("#")
        if target:
            found = self.root.xpath("//*[@xml:id=$id]", id=target)
            if found:
                return found[0]
        previous = note.getprevious()
        if previous is not None and local_name(previous) == "choice":
            return previous
        return None

    def edition_meta(self):
        header = self.root.find(f"{T}teiHeader")
        title_el = header.find(f".//{T}titleStmt/{T}title[@type='main']")
        if title_el is None:
            title_el = header.find(f".//{T}titleStmt/{T}title")
        date_el = header.find(f".//{T}profileDesc/{T}creation/{T}date")
        when = (date_el.get("when") or "") if date_el is not None else ""
        rows = []
        for idno in header.iterfind(f".//{T}sourceDesc/{T}msDesc/{T}msIdentifier//{T}idno"):
            kind = idno.get("type") or ""
            value = plain(idno)
            if re.match(r"https?://", value):
                rows.append(f'<dt>{IDNO_LABELS.get(kind, "Online")}</dt><dd><a href="{escape_text(value)}">{escape_text(value)}</a></dd>')
            else:
                label = IDNO_LABELS.get(kind, kind.replace("-", " ").capitalize() or "Identifier")
                rows.append(f"<dt>{escape_text(label)}</dt><dd>{escape_text(value)}</dd>")
        header_html = f'<dl class="doc-meta">{"".join(rows)}</dl>' if rows else ""
        header_html += self.editorial_principles(header)
        return {
            "number": "",
            "title": plain(title_el),
            "date_when": when,
            "date_sort": parse_date(when),
            "date_label": plain(date_el) or when,
            "header_html": header_html,
        }

    def editorial_principles(self, header):
        """The editorialDecl and the hands, for readers: how to read what they see."""
        sections = []
        decl = header.find(f".//{T}encodingDesc/{T}editorialDecl")
        for part in decl if decl is not None else []:
            name = local_name(part)
            if name is None:
                continue
            paragraphs = part.findall(f"{T}p") if name != "p" else [part]
            body = "".join(f"<p>{self.render_fragment(p)}</p>" for p in paragraphs)
            title = EDITORIAL_SECTIONS.get(name, name.capitalize()) if name != "p" else ""
            sections.append((f"<h2>{title}</h2>" if title else "") + body)
        hands = header.findall(f".//{T}handDesc/{T}handNote")
        if hands:
            items = "".join(f"<li>{self.render_fragment(hand)}</li>" for hand in hands)
            sections.append(f"<h2>Hands</h2><ul>{items}</ul>")
        if not sections:
            return ""
        return (
            '<details class="editorial-principles"><summary>Editorial principles: how this text is edited</summary>'
            + "".join(sections)
            + "</details>"
        )

    def volume_document_meta(self, div):
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
            "title": plain_without_notes(head) if head is not None else div.get(XML_ID),
            "date_when": when or "",
            "date_sort": parse_date(when),
            "date_label": plain(date) if date is not None else "",
            "header_html": "",
        }


def identification_after(item, name_element):
    """The text of an index entry after its name: "Ball, George W., Under Secretary" -> "Under Secretary"."""
    full = plain(item)
    name = plain(name_element)
    rest = full.split(name, 1)[1] if name in full else full
    return rest.lstrip(" ,;:").strip()


def sort_name(pers_name, fallback):
    if pers_name is not None:
        surname = pers_name.find(f"{T}surname")
        if surname is not None:
            return plain(surname).lower() + " " + fallback.lower()
    return fallback.split()[-1].lower() + " " + fallback.lower() if fallback else ""


def escape_text(value):
    from html import escape

    return escape(value, quote=False)


def parse_date(when):
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", when or "")
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None
