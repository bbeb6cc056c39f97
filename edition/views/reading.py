"""Reading views: the document list, a document page by page, a passage's citation."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .. import caching, display, noterefs
from ..citations import citation_for
from ..cited_by import cited_by, cited_documents
from ..models import Document, Passage
from ..reading import assemble
from ..vocabulary import chosen_view
from .partials import page_or_part


def facsimile_url(document, page):
    """The page image: the source's own graphic, or the volume's published scan."""
    if page.image_url:
        return page.image_url
    base = settings.FACSIMILE_BASE_URL
    if document.kind == Document.Kind.CORPUS and base and page.facs and not page.facs.startswith("#"):
        return base.format(volume=document.collection, facs=page.facs)
    return ""


@require_safe
@caching.site_view()
def home(request):
    editions = Document.objects.editions()
    corpus = Document.objects.corpus()
    # order_by(): the model's default ordering would make DISTINCT one row per document.
    volumes = corpus.order_by().values("collection", "collection_title").distinct()
    return render(
        request,
        "edition/home.html",
        {"editions": editions, "volumes": volumes, "corpus_count": corpus.count(), "cited": cited_documents()},
    )


def display_context(request, doc):
    """The reader's display choices (edition/display.py) and the pane they give this document."""
    choices = display.display_choices(request)
    has_scan = any(facsimile_url(doc, page) for page in doc.pages.all())
    cites = doc.passages.filter(reading_html__contains='class="ref" href="/documents/').exists()
    pane, panes = display.pane_for(choices, doc, has_scan, cites)
    return {"display": choices, "pane": pane, "panes": panes, "Pane": display.Pane}


def document_pages(doc, view, request, references=None, pane=None):
    """The assembled pages with their facsimiles: what the #document-text partial shows."""
    if pane is None:
        pane = display_context(request, doc)["pane"]
    pages = assemble(doc, view, request, references, pane)
    for page_view in pages:
        page_view.image = facsimile_url(doc, page_view.page)
    caching.prerender_notes(pages, request, view, doc)  # each note rendered once (edition/caching.py)
    return pages


# Readers get the cached page, or a 304 (edition/caching.py), keyed by the query parameters
# the page reads and the display choices.
@require_safe
@caching.document_view(params=("view", *display.PARAMS), variant=caching.display_key, by_cookie=True)
def document(request, slug):
    doc = get_object_or_404(Document, slug=slug)
    view = chosen_view(request.GET)
    references = cited_by(doc)
    shown = display_context(request, doc)
    pages = document_pages(doc, view, request, references, shown["pane"])
    header_metadata, header_principles = split_header(doc.header_html)
    context = {
        **shown,
        "header_metadata": header_metadata,
        "header_principles": header_principles,
        "document": doc,
        "view": view,
        "pages": pages,
        "citation": citation_for(doc),
        "cited_by": references,
        "previous_document": neighbour(doc, -1),
        "next_document": neighbour(doc, +1),
    }
    return page_or_part(request, "edition/document.html", "document-text", context)


TECHNICAL_PRINCIPLES = '<details class="editorial-principles">'


def split_header(header_html):
    """The header rendered at import as (metadata, the encoder's editorial principles): the page
    folds each into its own disclosure, the technical principles after the reader's."""
    metadata, found, principles = header_html.partition(TECHNICAL_PRINCIPLES)
    return metadata, (found + principles) if found else ""


def neighbour(doc, step):
    if doc.kind != Document.Kind.CORPUS:
        return None
    siblings = Document.objects.filter(collection=doc.collection)
    if step < 0:
        return siblings.filter(order__lt=doc.order).order_by("-order").first()
    return siblings.filter(order__gt=doc.order).order_by("order").first()


@require_safe
@caching.document_view()
def passage(request, slug, xml_id):
    doc = get_object_or_404(Document, slug=slug)
    try:
        item = doc.passages.select_related("page").get(xml_id=xml_id)
    except Passage.DoesNotExist:
        raise Http404("No such passage") from None
    return render(
        request,
        "edition/passage.html",
        {
            "document": doc,
            "passage": item,
            "reading_html": noterefs.strip(item.reading_html),
            "diplomatic_html": noterefs.strip(item.diplomatic_html),
            "citation": citation_for(doc, item),
            "cited_by": cited_by(doc, item.xml_id),
        },
    )
