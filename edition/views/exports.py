"""Machine-readable views of a document: IIIF manifest, TEI with glosses, plain text,
and its glosses as W3C Web Annotations."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from .. import caching
from ..annotations import MEDIA_TYPE, VOCABULARY, VOCABULARY_PATH, annotation_collection, site_root, to_web_annotation
from ..exports import NoStoredSource, plain_text, tei_with_glosses
from ..iiif import iiif_manifest as build_manifest
from ..iiif import page_svg
from ..models import Document, Gloss, Page, Passage
from ..vocabulary import chosen_view
from .reading import facsimile_url


def open_to_every_origin(response):
    """A public, read-only export: any web client (a viewer, an annotation client) may read it."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def per_root(request):
    """The page cache keeps one copy per base of the ids (edition.annotations.site_root)."""
    return (site_root(request),)


@require_safe
@caching.document_view(variant=per_root)
def manifest(request, slug):
    document = get_object_or_404(Document, slug=slug)
    glosses = Gloss.objects.for_readers(document).select_related("document", "created_by")
    data = build_manifest(document, lambda page: facsimile_url(document, page), glosses, root=site_root(request))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    return open_to_every_origin(response)


@require_safe
@caching.document_view()
def page_rendering(request, slug, order):
    """A page's diplomatic transcription as a typed-page image (SVG): a rendering, not a scan."""
    page = get_object_or_404(Page.objects.select_related("document"), document__slug=slug, order=order)
    return open_to_every_origin(HttpResponse(page_svg(page), content_type="image/svg+xml; charset=utf-8"))


@require_safe
@caching.document_view()
def passage_text(request, slug, xml_id):
    """A passage's reading text, exactly: the source in which Web Annotation offsets count."""
    passage = get_object_or_404(Passage, document__slug=slug, xml_id=xml_id)
    return open_to_every_origin(HttpResponse(passage.reading_text, content_type="text/plain; charset=utf-8"))


@require_safe
def vocabulary(request):
    """The terms of our own that the Web Annotations use (/ns/edition#…)."""
    namespace = site_root(request) + VOCABULARY_PATH + "#"
    return render(request, "edition/vocabulary.html", {"terms": VOCABULARY, "namespace": namespace})


@require_safe
@caching.document_view()
def tei_export(request, slug):
    document = get_object_or_404(Document, slug=slug, kind=Document.Kind.EDITION)
    try:
        body = tei_with_glosses(document)
    except NoStoredSource as missing:
        raise Http404("The edition holds no text of this document") from missing
    response = HttpResponse(body, content_type="application/tei+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{document.slug}.xml"'
    return open_to_every_origin(response)


@require_safe
@caching.document_view(params=("view",))
def text_export(request, slug):
    document = get_object_or_404(Document, slug=slug)
    view = chosen_view(request.GET)
    return open_to_every_origin(HttpResponse(plain_text(document, view), content_type="text/plain; charset=utf-8"))


def annotation_response(data, etag=None):
    response = JsonResponse(data, content_type=MEDIA_TYPE, json_dumps_params={"ensure_ascii": False, "indent": 1})
    if etag:
        response["ETag"] = etag
    response["Vary"] = "Accept, Cookie"
    return open_to_every_origin(response)


@require_safe
def gloss_annotation(request, public_id):
    """One gloss as a Web Annotation: published ones for everyone, drafts for editors."""
    visible = Gloss.objects.visible_to(request.user).select_related("document", "created_by")
    gloss = get_object_or_404(visible, public_id=public_id)
    # Its version is its ETag: a client holding the current one gets 304, nothing rebuilt.
    not_modified = get_conditional_response(request, etag=gloss.etag)
    if not_modified is not None:
        not_modified["ETag"] = gloss.etag
        return open_to_every_origin(not_modified)
    return annotation_response(to_web_annotation(gloss, site_root(request)), etag=gloss.etag)


@require_safe
@caching.document_view(variant=per_root)
def document_annotations(request, slug):
    """The published glosses of a document that stand in its text, as an AnnotationCollection."""
    document = get_object_or_404(Document, slug=slug)
    glosses = (
        Gloss.objects.for_readers(document)
        .select_related("document", "created_by")
        .order_by("passage_xml_id", "start", "created_at")
    )
    order = {xml_id: n for n, xml_id in enumerate(document.passages.values_list("xml_id", flat=True))}
    glosses = sorted(glosses, key=lambda g: (order.get(g.passage_xml_id, len(order)), g.start or 0))
    return annotation_response(annotation_collection(document, glosses, site_root(request)))


# -- citations: BibTeX, RIS and CSL-JSON of a document or a passage (edition/citations.py) --------

CITATION_FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", lambda c: c.bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", lambda c: c.ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", lambda c: c.csl_json),
}


@require_safe
@caching.document_view()
def citation_download(request, slug, fmt, xml_id=None):
    from ..citations import citation_for

    if fmt not in CITATION_FORMATS:
        raise Http404("Citations come as cite.bib, cite.ris or cite.json")
    document = get_object_or_404(Document, slug=slug)
    passage = get_object_or_404(document.passages, xml_id=xml_id) if xml_id else None
    content_type, render = CITATION_FORMATS[fmt]
    response = HttpResponse(render(citation_for(document, passage)), content_type=content_type)
    name = document.slug + (f"-{passage.xml_id}" if passage else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
