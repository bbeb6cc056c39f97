"""Exports: IIIF Presentation 3 manifest, TEI with the glosses as standOff, plain text.

The TEI export is the source as the edition stores it (its published revision) with a
<standOff> of the published glosses (edition/tei/standoff.py), which import reads back:
the export loses nothing an editor wrote.
"""

import mimetypes

from django.conf import settings
from django.urls import reverse
from lxml import etree

from .annotations import gloss_iri
from .citations import absolute
from .models import Gloss
from .tei import standoff
from .tei.parse import parse_bytes
from .textmap import passage_text
from .vocabulary import DocumentKind, TextView

# Canvas size when a page has no image of known size: US letter at 200 dpi.
NOMINAL_WIDTH, NOMINAL_HEIGHT = 1700, 2200


def image_format(url):
    """The media type of a page image, from its file name (the FRUS scans are PNG)."""
    return mimetypes.guess_type(url.split("?", 1)[0])[0] or "image/png"


def lang_map(value):
    return {"en": [value]}


def iiif_manifest(document, image_for_page):
    """image_for_page(page) -> the page's image URL, or "" when it has none."""
    manifest_id = absolute(reverse("manifest", args=[document.slug]))
    canvases = []
    for page in document.pages.all():
        canvas_id = f"{manifest_id.rsplit('/', 1)[0]}/canvas/{page.order}"
        canvas = {
            "id": canvas_id,
            "type": "Canvas",
            "label": lang_map(f"Page {page.n}"),
            "width": NOMINAL_WIDTH,
            "height": NOMINAL_HEIGHT,
            "items": [],
            "annotations": [],
        }
        image = image_for_page(page)
        if image:
            canvas["items"].append(
                {
                    "id": f"{canvas_id}/painting",
                    "type": "AnnotationPage",
                    "items": [
                        {
                            "id": f"{canvas_id}/painting/image",
                            "type": "Annotation",
                            "motivation": "painting",
                            "body": {"id": absolute(image), "type": "Image", "format": image_format(image)},
                            "target": canvas_id,
                        }
                    ],
                }
            )
        transcription = passage_text(page.transcription_html)
        if transcription:
            canvas["annotations"].append(
                {
                    "id": f"{canvas_id}/transcription",
                    "type": "AnnotationPage",
                    "items": [
                        {
                            "id": f"{canvas_id}/transcription/text",
                            "type": "Annotation",
                            "motivation": "supplementing",
                            "body": {
                                "type": "TextualBody",
                                "value": transcription,
                                "format": "text/plain",
                                "language": "en",
                            },
                            "target": canvas_id,
                        }
                    ],
                }
            )
        canvases.append(canvas)
    metadata = [{"label": lang_map("Date"), "value": lang_map(document.date_label or document.date_when)}]
    if document.collection_title and document.kind == DocumentKind.CORPUS:
        metadata.append({"label": lang_map("Published in"), "value": lang_map(document.collection_title)})
    manifest = {
        "@context": "http://iiif.io/api/presentation/3/context.json",
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
                "id": absolute(document.get_absolute_url()),
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
                "id": absolute(reverse("tei_export", args=[document.slug])),
                "type": "Dataset",
                "format": "application/tei+xml",
                "label": lang_map("TEI P5 source with glosses"),
            }
        ]
    return manifest


class NoStoredSource(LookupError):
    """The edition holds no published revision of this document's TEI (never imported)."""


def tei_with_glosses(document):
    """The document's TEI as the edition holds it (its published revision, never the file,
    which may have moved or changed since), with its published glosses as the one <standOff>."""
    from .revisions import published_revision

    revision = published_revision(document)
    if revision is None:
        raise NoStoredSource(document.slug)
    root = parse_bytes(revision.tei.encode("utf-8"), revision.source.file, settings.MAX_SOURCE_BYTES)
    glosses = Gloss.objects.for_readers(document).select_related("created_by", "updated_by")
    order = {xml_id: n for n, xml_id in enumerate(document.passages.values_list("xml_id", flat=True))}
    glosses = sorted(glosses, key=lambda g: (order.get(g.passage_xml_id, len(order)), g.start or 0, g.created_at))
    standoff.write_glosses(root, glosses, gloss_iri)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def plain_text(document, view=TextView.READING):
    lines = [document.title, document.date_label, ""]
    current_page = None
    for passage in document.passages.select_related("page"):
        if passage.page_id != current_page:
            current_page = passage.page_id
            lines += ["", f"[Page {passage.page.n if passage.page else ''}]", ""]
        lines.append(passage.reading_text if view == TextView.READING else passage.diplomatic_text)
    return "\n".join(lines).strip() + "\n"
