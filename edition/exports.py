"""Exports: TEI with the glosses as standOff, plain text (the IIIF manifest is edition/iiif.py).

The TEI export is the source as the edition stores it (its published revision) with a
<standOff> of the published glosses (edition/tei/standoff.py), which import reads back:
the export loses nothing an editor wrote.
"""

from django.conf import settings
from django.urls import reverse
from lxml import etree

from .annotations import gloss_iri
from .citations import absolute
from .models import Gloss
from .tei import standoff
from .tei.parse import parse_bytes
from .vocabulary import TextView


def passage_text_url(document):
    """The address of a glossed passage's text, in which the standOff's offsets count."""
    return lambda gloss: absolute(reverse("passage_text", args=[document.slug, gloss.passage_xml_id]))


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
    standoff.write_glosses(root, glosses, gloss_iri, text_url=passage_text_url(document))
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
