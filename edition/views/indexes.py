"""Index pages generated from the TEI: persons, and abbreviations and terms."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..models import Entity

TERM_KINDS = (Entity.Kind.TERM, Entity.Kind.ABBREVIATION)


def entity_list(kinds):
    return (
        Entity.objects.filter(kind__in=kinds)
        .annotate(occurrence_count=Count("occurrences"))
        .order_by("collection", "sort_name")
    )


@require_GET
def persons(request):
    return render(request, "edition/persons.html", {"entities": entity_list([Entity.Kind.PERSON])})


@require_GET
def terms(request):
    return render(request, "edition/terms.html", {"entities": entity_list(TERM_KINDS)})


def entity_page(request, key, kinds):
    entity = get_object_or_404(Entity, key=key, kind__in=kinds)
    occurrences = entity.occurrences.select_related("passage__document", "passage__page")
    also = Entity.objects.filter(same_as=entity) | Entity.objects.filter(pk=entity.same_as_id)
    return render(
        request,
        "edition/entity.html",
        {"entity": entity, "occurrences": occurrences, "related": also.exclude(pk=entity.pk)},
    )


@require_GET
def person(request, key):
    return entity_page(request, key, [Entity.Kind.PERSON])


@require_GET
def term(request, key):
    return entity_page(request, key, TERM_KINDS)
