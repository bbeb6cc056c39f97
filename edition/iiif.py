"""IIIF Presentation 3 manifests, and the typed-page renderings their canvases show.

Every canvas has a painting body a viewer can show: the page's scan when there is one (with its
size when the file is ours to read), else an SVG rendering of the page's diplomatic transcription,
laid out as typed and labelled as a rendering, not a scan. The transcription stays a supplementing
annotation; the published glosses are a commenting AnnotationPage on the canvas of their passage,
targeting the region of the passage's lines in the rendering (the whole canvas when it is a scan).
"""

import mimetypes
import struct
import textwrap
from dataclasses import dataclass, field
from html import escape

from django.contrib.staticfiles import finders
from django.urls import reverse
from lxml import html as lxml_html

from .annotations import absolute
from .textmap import passage_text
from .vocabulary import DocumentKind

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# Canvas size when a page has no image of known size: US letter at 200 dpi.
NOMINAL_WIDTH, NOMINAL_HEIGHT = 1700, 2200
# The rendering: a typewriter's 10 characters to the inch on the nominal page.
MARGIN, CHARS_PER_LINE, FONT_SIZE, LINE_HEIGHT = 150, 70, 33, 40
RENDERING_LABEL = "Rendering of the diplomatic transcription, not a scan"


def lang_map(value):
    return {"en": [value]}


def image_format(url):
    """The media type of a page image, from its file name (the FRUS scans are PNG)."""
    return mimetypes.guess_type(url.split("?", 1)[0])[0] or "image/png"


def local_image_size(url):
    """(width, height) of a page image served from our own static files, else None: a remote
    scan's size is not known without fetching it, and a manifest never fetches."""
    from django.conf import settings

    if not url.startswith(settings.STATIC_URL):
        return None
    path = finders.find(url[len(settings.STATIC_URL) :].split("?", 1)[0])
    if not path:
        return None
    with open(path, "rb") as image:
        head = image.read(26)
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    return None


# -- the typed-page rendering ------------------------------------------------------------


@dataclass
class Block:
    passage_id: str
    align: str
    lines: list
    top: int = 0  # the first line's baseline row, counted in lines
    muted: bool = False


@dataclass
class Layout:
    blocks: list = field(default_factory=list)
    line_height: float = LINE_HEIGHT

    def region(self, passage_id):
        """xywh of a passage's lines on the canvas, or None."""
        for block in self.blocks:
            if block.passage_id == passage_id and block.lines:
                top = MARGIN + block.top * self.line_height
                height = len(block.lines) * self.line_height
                return int(MARGIN), int(top), NOMINAL_WIDTH - 2 * MARGIN, int(height + self.line_height / 3)
        return None


def page_layout(page):
    """The page's transcription as typed lines: one block per passage, wrapped at the typewriter's width."""
    container = lxml_html.fragment_fromstring(page.transcription_html or "", create_parent="div")
    layout, row = Layout(), 1  # row 0 holds the rendering's own label
    for element in container.iterchildren():
        if not isinstance(element.tag, str):
            continue
        classes = (element.get("class") or "").split()
        text = passage_text(lxml_html.tostring(element, encoding="unicode"))
        lines = textwrap.wrap(text, CHARS_PER_LINE) if text else []
        if not lines:
            continue
        align = (
            "end" if any("right" in c for c in classes) else "middle" if any("cent" in c for c in classes) else "start"
        )
        layout.blocks.append(
            Block(element.get("data-passage", ""), align, lines, row, muted="tx--fw" in classes or "tx--ab" in classes)
        )
        row += len(lines) + 1
    available = (NOMINAL_HEIGHT - 2 * MARGIN) / max(row, 1)
    layout.line_height = min(LINE_HEIGHT, available)
    return layout


def page_svg(page):
    """The typed page as SVG: what the canvas shows until a scan exists."""
    layout = page_layout(page)
    scale = layout.line_height / LINE_HEIGHT
    font_size = round(FONT_SIZE * scale, 1)
    x_for = {"start": MARGIN, "middle": NOMINAL_WIDTH // 2, "end": NOMINAL_WIDTH - MARGIN}
    texts = []
    for block in layout.blocks:
        colour = "#555" if block.muted else "#111"
        for n, line in enumerate(block.lines):
            y = MARGIN + (block.top + n + 1) * layout.line_height
            texts.append(
                f'<text x="{x_for[block.align]}" y="{y:.1f}" text-anchor="{block.align}" fill="{colour}"'
                f' data-passage="{escape(block.passage_id)}">{escape(line, quote=False)}</text>'
            )
    title = f"Page {page.n}: {RENDERING_LABEL.lower()}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{NOMINAL_WIDTH}" height="{NOMINAL_HEIGHT}" '
        f'viewBox="0 0 {NOMINAL_WIDTH} {NOMINAL_HEIGHT}" role="img" aria-labelledby="title">\n'
        f'<title id="title">{escape(title)}</title>\n'
        f'<rect width="{NOMINAL_WIDTH}" height="{NOMINAL_HEIGHT}" fill="#fbf8ef"/>\n'
        f'<rect x="20" y="20" width="{NOMINAL_WIDTH - 40}" height="80" fill="#e8e0c8"/>\n'
        f'<text x="{NOMINAL_WIDTH // 2}" y="72" text-anchor="middle" font-family="Arial, sans-serif" '
        f'font-size="34" fill="#6b2f00">{escape(RENDERING_LABEL)} (page {escape(str(page.n))})</text>\n'
        f'<g font-family="Courier New, Courier, monospace" font-size="{font_size}">\n'
        + "\n".join(texts)
        + "\n</g>\n</svg>\n"
    )


# -- the manifest --------------------------------------------------------------------------


def painting(canvas_id, page, image, root):
    """The painting annotation of a canvas: the scan, or the typed-page rendering."""
    if image:
        body = {"id": absolute(image, root), "type": "Image", "format": image_format(image)}
        size = local_image_size(image)
        if size:
            body["width"], body["height"] = size
    else:
        rendering = reverse("page_rendering", args=[page.document.slug, page.order])
        body = {
            "id": absolute(rendering, root),
            "type": "Image",
            "format": "image/svg+xml",
            "width": NOMINAL_WIDTH,
            "height": NOMINAL_HEIGHT,
            "label": lang_map(f"Page {page.n}: {RENDERING_LABEL.lower()}"),
        }
    return {
        "id": f"{canvas_id}/painting",
        "type": "AnnotationPage",
        "items": [
            {
                "id": f"{canvas_id}/painting/image",
                "type": "Annotation",
                "motivation": "painting",
                "body": body,
                "target": canvas_id,
            }
        ],
    }


def transcription(canvas_id, page):
    text = passage_text(page.transcription_html)
    if not text:
        return None
    return {
        "id": f"{canvas_id}/transcription",
        "type": "AnnotationPage",
        "items": [
            {
                "id": f"{canvas_id}/transcription/text",
                "type": "Annotation",
                "motivation": "supplementing",
                "body": {"type": "TextualBody", "value": text, "format": "text/plain", "language": "en"},
                "target": canvas_id,
            }
        ],
    }


def gloss_comments(canvas_id, glosses, layout, root):
    """The published glosses on a canvas, as commenting annotations a viewer lists and draws
    (each also a W3C Web Annotation at its own address, which seeAlso names)."""
    from .annotations import gloss_iri

    items = []
    for gloss in glosses:
        region = layout.region(gloss.passage_xml_id) if layout else None
        target = f"{canvas_id}#xywh={','.join(map(str, region))}" if region else canvas_id
        quoted = f"On “{gloss.exact}”: " if gloss.exact else ""
        items.append(
            {
                "id": f"{canvas_id}/glosses/{gloss.public_id}",
                "type": "Annotation",
                "motivation": "commenting",
                "label": lang_map(f"Gloss by {gloss.created_by.get_full_name() or gloss.created_by.get_username()}"),
                "body": {
                    "type": "TextualBody",
                    "value": f"<p>{escape(quoted)}</p>{gloss.body_html}" if quoted else gloss.body_html,
                    "format": "text/html",
                    "language": "en",
                },
                "target": target,
                "seeAlso": [{"id": gloss_iri(gloss, root), "type": "Dataset", "format": "application/ld+json"}],
            }
        )
    if not items:
        return None
    return {"id": f"{canvas_id}/glosses", "type": "AnnotationPage", "label": lang_map("Glosses"), "items": items}


def iiif_manifest(document, image_for_page, glosses=(), root=None):
    """image_for_page(page) -> the page's image URL, or "" when it has none.
    glosses: the published glosses that stand in the text; root: the base of every id."""
    manifest_id = absolute(reverse("manifest", args=[document.slug]), root)
    passage_pages = dict(document.passages.values_list("xml_id", "page__order"))
    glosses_by_page = {}
    for gloss in glosses:
        glosses_by_page.setdefault(passage_pages.get(gloss.passage_xml_id), []).append(gloss)
    canvases = []
    for page in document.pages.all():
        canvas_id = f"{manifest_id.rsplit('/', 1)[0]}/canvas/{page.order}"
        image = image_for_page(page)
        size = local_image_size(image) if image else None
        width, height = size or (NOMINAL_WIDTH, NOMINAL_HEIGHT)
        canvas = {
            "id": canvas_id,
            "type": "Canvas",
            "label": lang_map(f"Page {page.n}"),
            "width": width,
            "height": height,
            "items": [painting(canvas_id, page, image, root)],
            "annotations": [],
        }
        on_page = glosses_by_page.get(page.order, [])
        layout = page_layout(page) if on_page and not image else None
        for annotation_page in (transcription(canvas_id, page), gloss_comments(canvas_id, on_page, layout, root)):
            if annotation_page:
                canvas["annotations"].append(annotation_page)
        canvases.append(canvas)
    metadata = [{"label": lang_map("Date"), "value": lang_map(document.date_label or document.date_when)}]
    if document.collection_title and document.kind == DocumentKind.CORPUS:
        metadata.append({"label": lang_map("Published in"), "value": lang_map(document.collection_title)})
    manifest = {
        "@context": PRESENTATION_CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": lang_map(document.title),
        "metadata": metadata,
        "requiredStatement": {
            "label": lang_map("Rights"),
            "value": lang_map("The document is a work of the U.S. Government (public domain); edition text CC BY 4.0."),
        },
        "homepage": [
            {
                "id": absolute(document.get_absolute_url(), root),
                "type": "Text",
                "label": lang_map(document.title),
                "format": "text/html",
            }
        ],
        "items": canvases,
    }
    if document.kind == DocumentKind.EDITION:  # our own TEI; the FRUS volume's is the Office of the Historian's
        manifest["seeAlso"] = [
            {
                "id": absolute(reverse("tei_export", args=[document.slug]), root),
                "type": "Dataset",
                "format": "application/tei+xml",
                "label": lang_map("TEI P5 source with glosses"),
            }
        ]
    return manifest
