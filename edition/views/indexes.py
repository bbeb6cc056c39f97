"""Index pages generated from the TEI: persons; abbreviations and terms; places and organisations.

Entries are grouped by source, the edition's own (the cable) first, then the
FRUS volume. Each entry page lists every occurrence with a link to its passage;
an entity of the cable that the TEI identifies with a FRUS person (idno
type="frus") links to it, and the FRUS entry links back.
"""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..models import Document, Entity
from ..vocabulary import INDEX_OF_KIND, PERSONS, PLACES, TERMS


def source_titles():
    """{collection: title}, and the collections in display order: editions first."""
    rows = Document.objects.values_list("collection", "collection_title", "kind", "title").order_by("order")
    titles, order = {}, []
    for collection, collection_title, kind, title in sorted(rows, key=lambda row: row[2] != Document.Kind.EDITION):
        if collection in titles:
            continue
        titles[collection] = title if kind == Document.Kind.EDITION else collection_title or collection
        order.append(collection)
    return titles, order


def index_groups(kinds):
    """[(collection, title, entries, letters)] for an index page."""
    titles, order = source_titles()
    entities = (
        Entity.objects.filter(kind__in=kinds)
        .annotate(occurrence_count=Count("occurrences"))
        .select_related("same_as")
        .order_by("sort_name")
    )
    by_collection = {}
    for entity in entities:
        entity.letter = (entity.sort_name[:1] or "#").upper()
        by_collection.setdefault(entity.collection, []).append(entity)
    ranked = sorted(by_collection, key=lambda c: (order.index(c) if c in order else len(order), c))
    return [
        {
            "collection": collection,
            "title": titles.get(collection, collection),
            "entries": by_collection[collection],
            "letters": sorted({e.letter for e in by_collection[collection]}),
        }
        for collection in ranked
    ]


@require_safe
def persons(request):
    return render(request, "edition/persons.html", {"groups": index_groups(PERSONS.kinds)})


@require_safe
def terms(request):
    return render(request, "edition/terms.html", {"groups": index_groups(TERMS.kinds)})


@require_safe
def places(request):
    return render(request, "edition/places.html", {"groups": index_groups(PLACES.kinds)})


def entity_page(request, key, index):
    entity = get_object_or_404(Entity.objects.select_related("same_as"), key=key, kind__in=index.kinds)
    occurrences = entity.occurrences.select_related("passage__document", "passage__page").order_by(
        "passage__document__kind", "passage__document__order", "passage__order", "order"
    )
    # The same person in another source, both ways: the cable's Stevenson is
    # FRUS's p_SAEII1, and FRUS's entry shows the cable's.
    related = list(Entity.objects.filter(same_as=entity).exclude(pk=entity.pk))
    if entity.same_as_id and entity.same_as_id != entity.pk:
        related.insert(0, entity.same_as)
    titles, _order = source_titles()
    for other in related:
        other.source_title = titles.get(other.collection, other.collection)
    return render(
        request,
        "edition/entity.html",
        {
            "entity": entity,
            "occurrences": occurrences,
            "related": related,
            "source_title": titles.get(entity.collection, entity.collection),
            "index_url": reverse(INDEX_OF_KIND[entity.kind].list_url_name),
            "index_title": INDEX_OF_KIND[entity.kind].title,
        },
    )


@require_safe
def person(request, key):
    return entity_page(request, key, PERSONS)


@require_safe
def term(request, key):
    return entity_page(request, key, TERMS)


@require_safe
def place(request, key):
    return entity_page(request, key, PLACES)
