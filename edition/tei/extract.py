"""From a parsed TEI file to plain records: documents, pages, passages, notes, entities.

Nothing here touches the database; edition.importer writes what this returns.
Two kinds of file are read:
- an edition source (ours): the whole body is one document, and every passage
  must carry an xml:id;
- a volume (the FRUS TEI): each div[@type="document"] is a document, and
  passages without an xml:id get a derived one (edition.tei.ids).
The rooms: records (what is returned), ids (documents, passages and their ids),
entities (the index lists), header (metadata), render (TEI to HTML).
"""

import re
from itertools import pairwise
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..textmap import passage_text, words_only
from ..vocabulary import DocumentKind, EntityKind, NoteKind, TextView
from .entities import abbreviation, collect_entities, title_hint
from .header import collection_title, edition_meta, volume_document_meta
from .ids import collection_of, derive_ids, document_roots, is_volume, passage_elements
from .labels import paragraph_numbers, passage_label
from .parse import XML_ID, T, error_at, local_name, plain
from .records import DocumentData, NoteData, PageData, PassageData, SourceData
from .render import RenderContext, Renderer
from .urls import is_image_url, is_web_url

FURNITURE_AB_TYPES = {"form", "stamp", "mark", "marks", "annotation"}
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
# What rendering may produce, per byte of source: every passage is rendered three
# times (reading, diplomatic, transcription) and its notes once more, and the real
# sources render to about 2 bytes per byte. Far more means markup that multiplies
# (an attribute copied into every view, an entity's long name in the title of each
# of its many mentions). Measured on a 19 MB source built to render just over 8x:
# with a limit of 8 it was refused after 124 s at 703 MB peak RSS, with 5 after 57 s
# at 592 MB, under the 1 GB any source below MAX_SOURCE_BYTES (20 MB) may take.
RENDERED_BYTES_PER_SOURCE_BYTE = 5
RENDERED_BYTES_FLOOR = 1024 * 1024  # small files may render to this much whatever their ratio
IMAGE_URL_MAX_CHARS = 500  # the length of Page.image_url


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
        self.rendered_bytes = 0
        self.rendered_limit = max(RENDERED_BYTES_FLOOR, RENDERED_BYTES_PER_SOURCE_BYTE * self.source_bytes())

    def source_bytes(self):
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def spend(self, element, *html):
        """Count what rendering produced; refuse the file where it outgrows the source."""
        self.rendered_bytes += sum(len(part) for part in html)
        if self.rendered_bytes > self.rendered_limit:
            raise error_at(
                element,
                str(self.path),
                f"rendering this file would produce over {self.rendered_limit // (1024 * 1024)} MB of HTML, "
                f"more than {RENDERED_BYTES_PER_SOURCE_BYTE} times the source: its markup multiplies the text",
            )

    # -- links -----------------------------------------------------------------
    def resolve_ref(self, target):
        if re.match(r"https?://", target, re.IGNORECASE):
            return target if is_web_url(target) else None  # shown as text, never as a broken or crafted link
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
        return title_hint(entity) if entity is not None else ""

    def render_fragment(self, element):
        ctx = self.context({}, {})
        return Renderer(ctx, TextView.READING, with_ids=False).fragment(element)

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
        collect_entities(self.root, self.collection, self.render_fragment, self.index, self.entities)
        title = collection_title(self.root)
        surfaces = {s.get(XML_ID): s for s in self.root.iter(f"{T}surface") if s.get(XML_ID)}
        start_pages = self.pages_in_effect() if self.volume else {}
        documents = []
        for order, (slug, xml_id, element) in enumerate(document_roots(self.root, self.collection), 1):
            documents.append(self.document(slug, xml_id, element, order, title, surfaces, start_pages))
        # An undated document (an editorial note) sorts by date where the volume places it.
        for previous, doc in pairwise(documents):
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

    def page_image(self, surface):
        """The surface's image URL, if it may be an img src; a source that says otherwise is refused."""
        graphic = surface.find(f"{T}graphic") if surface is not None else None
        url = (graphic.get("url") or "") if graphic is not None else ""
        if url and not is_image_url(url):
            raise error_at(
                graphic,
                str(self.path),
                "a page image's url must be an http(s) URL, a relative URL or a data:image/ URL",
            )
        if len(url) > IMAGE_URL_MAX_CHARS:
            raise error_at(
                graphic,
                str(self.path),
                f"a page image's url is over {IMAGE_URL_MAX_CHARS} characters long",
            )
        return url

    def document(self, slug, xml_id, element, order, collection_title, surfaces, start_pages):
        html_ids, note_ids = derive_ids(element, xml_id, self.volume)
        ctx = self.context(html_ids, note_ids)
        meta = volume_document_meta(element) if self.volume else edition_meta(self.root, self.render_fragment)
        doc = DocumentData(
            slug=slug,
            xml_id=xml_id,
            kind=DocumentKind.CORPUS if self.volume else DocumentKind.EDITION,
            collection=self.collection,
            collection_title=collection_title,
            order=order,
            **meta,
        )
        pages = doc.pages

        def new_page(pb):
            facs = (pb.get("facs") or "") if pb is not None else ""
            surface = surfaces.get(facs.lstrip("#")) if facs.startswith("#") else None
            pages.append(
                PageData(
                    order=len(pages) + 1,
                    n=(pb.get("n") or str(len(pages) + 1)) if pb is not None else "1",
                    xml_id=(pb.get(XML_ID) or "") if pb is not None else "",
                    facs=facs,
                    image_url=self.page_image(surface),
                    image_alt=plain(surface.find(f"{T}desc")) if surface is not None else "",
                )
            )

        if self.volume:
            new_page(start_pages.get(element))
        note_order = 0
        paragraphs = paragraph_numbers(element)
        for kind, child in passage_elements(element):
            if kind == "pb":
                if (
                    pages
                    and not any(p.page_order == pages[-1].order for p in doc.passages)
                    and not pages[-1].xml_id
                    and pages[-1].facs == ""
                ):
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
                        child,
                        str(self.path),
                        f"<{local_name(child)}> holds text but has no xml:id: every citable passage needs one",
                    )
                passage_id = f"{xml_id}-{local_name(child)}{len(doc.passages) + 1}"
            page_order = pages[-1].order
            reading = Renderer(ctx, TextView.READING, collect=True)
            reading_html = words_only(reading.fragment(child))  # DOM text = reading text (W3C selectors)
            self.spend(child, reading_html)
            diplomatic_html = Renderer(ctx, TextView.DIPLOMATIC).fragment(child)
            self.spend(child, diplomatic_html)
            transcription_html = Renderer(ctx, TextView.DIPLOMATIC, with_ids=False, interactive=False).fragment(child)
            self.spend(child, transcription_html)
            role, label = self.role_of(child)
            doc.passages.append(
                PassageData(
                    xml_id=passage_id,
                    order=len(doc.passages) + 1,
                    page_order=page_order,
                    element=local_name(child),
                    role=role,
                    label=label,
                    reading_html=reading_html,
                    diplomatic_html=diplomatic_html,
                    transcription_html=self.transcription_block(child, transcription_html, passage_id),
                    occurrences=reading.occurrences,
                    reader_label=passage_label(child, label, paragraphs, pages[-1].n, passage_text(reading_html)),
                )
            )
            for occurrence in reading.occurrences:
                if occurrence.kind == EntityKind.ABBREVIATION:
                    self.abbreviations.setdefault(occurrence.key, abbreviation(occurrence, self.collection))
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
        reading = Renderer(ctx, TextView.READING, collect=True)
        marker = reading.element(note)
        diplomatic_marker = Renderer(ctx, TextView.DIPLOMATIC).element(note)
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
        # inner is the renderer's own, escaped HTML.
        return format_html(
            '<div class="{}" data-passage="{}">{}</div>', " ".join(classes), passage_id, mark_safe(inner)
        )

    def note(self, collected, order, passage_id, ctx):
        element = collected.element
        html = Renderer(ctx, TextView.READING, with_ids=False).fragment(element)
        text = passage_text(Renderer(ctx, TextView.DIPLOMATIC, with_ids=False).fragment(element))
        self.spend(element, html, text)
        sic = corr = cert = ""
        if collected.kind == NoteKind.OCR:
            choice = self.choice_for(element)
            if choice is not None:
                sic = plain(choice.find(f"{T}sic"))
                corr_el = choice.find(f"{T}corr")
                corr = plain(corr_el)
                cert = (corr_el.get("cert") or "") if corr_el is not None else ""
        return NoteData(
            xml_id=collected.xml_id,
            kind=collected.kind,
            order=order,
            n=element.get("n") or "",
            html=html,
            text=text,
            passage_xml_id=passage_id,
            sic=sic,
            corr=corr,
            cert=cert,
            number=order,
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
