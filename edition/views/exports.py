"""Machine-readable views of a document: IIIF manifest, TEI with glosses, plain text."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from ..exports import iiif_manifest, plain_text, tei_with_glosses
from ..models import Document
from .reading import facsimile_url


@require_safe
def manifest(request, slug):
    document = get_object_or_404(Document, slug=slug)
    data = iiif_manifest(document, lambda page: facsimile_url(document, page))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def tei_export(request, slug):
    document = get_object_or_404(Document, slug=slug, kind=Document.Kind.EDITION)
    try:
        body = tei_with_glosses(document)
    except FileNotFoundError:
        raise Http404("The source file is not available")
    response = HttpResponse(body, content_type="application/tei+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{document.slug}.xml"'
    return response


@require_safe
def text_export(request, slug):
    document = get_object_or_404(Document, slug=slug)
    view = "diplomatic" if request.GET.get("view") == "diplomatic" else "reading"
    return HttpResponse(plain_text(document, view), content_type="text/plain; charset=utf-8")
