"""Index pages generated from the TEI: persons; abbreviations and terms; places and organisations.

Entries are grouped by source, the edition's own (the cable) first, then the
FRUS volume. An entity of the cable that the TEI identifies with an entry of
the volume (Entity.same_as, from idno type="frus") is one entry: it is listed
with the cable's, with its mentions in each source, and the volume's list
points to it. Each entry page shows every mention in context (keyword in
context, edition.kwic), one list per source, and the notes that name it. An
entry named in no passage says so instead of counting "0 mentions".
"""

import re

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .. import caching
from ..kwic import in_context
from ..models import Document, Entity, Note
from ..vocabulary import INDEX_OF_KIND, PERSONS, PLACES, TERMS

ENTRY_LINK = re.compile(r'href="(/(?:persons|terms|places)/[^"/]+/)"')


def short_title(title):
    """A volume's title as a reader cites it: "Foreign Relations of the United States, 1961–1963,
    Volume VI, …" -> "FRUS 1961–1963, vol. VI"."""
    parts = [part.strip() for part in title.split(",")]
    initials = "".join(word[0] for word in parts[0].split() if word[:1].isupper())
    short = initials if len(initials) >= 2 else parts[0]
    if len(parts) > 1 and re.match(r"\d{4}", parts[1]):
        short += f" {parts[1]}"
    volume = next((part for part in parts if part.startswith("Volume ")), "")
    return short + (f", vol. {volume.removeprefix('Volume ')}" if volume else "")


def source_titles():
    """{collection: (title, short title)}, and the collections in display order: editions first.
    An edition is named by its own label ("Telegram 1762"), a volume by its title."""
    rows = Document.objects.values_list("collection", "collection_title", "kind", "title", "reader_label").order_by(
        "order"
    )
    titles, order = {}, []
    for collection, collection_title, kind, title, label in sorted(
        rows, key=lambda row: row[2] != Document.Kind.EDITION
    ):
        if collection in titles:
            continue
        if kind == Document.Kind.EDITION:
            titles[collection] = (title, label or title)
        else:
            titles[collection] = (collection_title or collection, short_title(collection_title or collection))
        order.append(collection)
    return titles, order


def notes_naming(entities):
    """{entity pk: [Note]}: the notes that name each entity (a link to its entry), in reading order."""
    by_url = {entity.get_absolute_url(): entity.pk for entity in entities}
    prefixes = {url.rsplit("/", 2)[0] + "/" for url in by_url}
    if not prefixes:
        return {}
    linking = Q()
    for prefix in prefixes:
        linking |= Q(html__contains=f'href="{prefix}')
    found = {}
    notes = (
        Note.objects.filter(linking).select_related("document").order_by("document__kind", "document__order", "order")
    )
    for note in notes:
        for url in dict.fromkeys(ENTRY_LINK.findall(note.html)):
            if url in by_url:
                found.setdefault(by_url[url], []).append(note)
    return found


def tally(mentions, notes):
    """What an entry's count says: "6 mentions, named in 1 note", "named in 1 note only";
    never "0 mentions" for an entry the text does not name."""
    in_notes = f"named in {notes} note{'s' if notes != 1 else ''}"
    if mentions:
        counted = f"{mentions} mention{'s' if mentions != 1 else ''}"
        return f"{counted}, {in_notes}" if notes else counted
    return f"{in_notes} only" if notes else "not named in the text"


def index_groups(kinds):
    """[{collection, title, entries, letters}] for an index page. An entry the volume shares with the
    edition (same_as) is listed once, with the edition's, and the volume's list points to it."""
    titles, order = source_titles()
    entities = list(
        Entity.objects.filter(kind__in=kinds).annotate(occurrence_count=Count("occurrences")).order_by("sort_name")
    )
    by_pk = {entity.pk: entity for entity in entities}
    notes = notes_naming(entities)
    joined = {}  # the volume's entity -> the edition's entity it is the same as
    for entity in entities:
        if entity.same_as_id in by_pk and entity.same_as_id != entity.pk:
            joined[entity.same_as_id] = entity
    by_collection = {}
    for entity in entities:
        entity.letter = (entity.sort_name[:1] or "#").upper()
        entity.note_count = len(notes.get(entity.pk, []))
        entity.see = joined.get(entity.pk)  # listed with the edition's entry, not again here
        entity.also = by_pk.get(entity.same_as_id) if entity.same_as_id != entity.pk else None
        by_collection.setdefault(entity.collection, []).append(entity)
    for entity in entities:
        entity.source_short_title = titles.get(entity.collection, (entity.collection,) * 2)[1]
    for entity in entities:
        other = entity.also
        if other is None:
            entity.mentions = tally(entity.occurrence_count, entity.note_count)
            continue
        entity.mentions = " · ".join(
            f"{member.source_short_title}: {tally(member.occurrence_count, member.note_count)}"
            for member in (entity, other)
        )
    ranked = sorted(by_collection, key=lambda c: (order.index(c) if c in order else len(order), c))
    return [
        {
            "collection": collection,
            "title": titles.get(collection, (collection,))[0],
            "entries": by_collection[collection],
            "letters": sorted({e.letter for e in by_collection[collection]}),
        }
        for collection in ranked
    ]


@require_safe
@caching.site_view()
def persons(request):
    return render(request, "edition/persons.html", {"groups": index_groups(PERSONS.kinds)})


@require_safe
@caching.site_view()
def terms(request):
    return render(request, "edition/terms.html", {"groups": index_groups(TERMS.kinds)})


@require_safe
@caching.site_view()
def places(request):
    return render(request, "edition/places.html", {"groups": index_groups(PLACES.kinds)})


def entity_page(request, key, index):
    """One entry: the entity and the same entity in the other sources (same_as, both ways), each
    source with its mentions in context and the notes that name it, the edition's first."""
    entity = get_object_or_404(Entity.objects.select_related("same_as"), key=key, kind__in=index.kinds)
    # The cable's Stevenson is FRUS's p_SAEII1, and FRUS's entry shows the cable's.
    related = list(Entity.objects.filter(same_as=entity).exclude(pk=entity.pk))
    if entity.same_as_id and entity.same_as_id != entity.pk:
        related.insert(0, entity.same_as)
    titles, order = source_titles()
    members = sorted(
        [entity, *related], key=lambda e: order.index(e.collection) if e.collection in order else len(order)
    )
    notes = notes_naming(members)
    sources = []
    for member in members:
        occurrences = list(
            member.occurrences.select_related("passage__document", "passage__page").order_by(
                "passage__document__order", "passage__order", "order"
            )
        )
        contexts = in_context(member.get_absolute_url(), occurrences)
        for occurrence in occurrences:
            occurrence.context = contexts.get(occurrence.pk)
        title, short = titles.get(member.collection, (member.collection, member.collection))
        member.source_title = title
        sources.append(
            {
                "entity": member,
                "title": title,
                "short_title": short,
                "occurrences": occurrences,
                "notes": notes.get(member.pk, []),
                "tally": tally(len(occurrences), len(notes.get(member.pk, []))),
            }
        )
    return render(
        request,
        "edition/entity.html",
        {
            "entity": entity,
            "sources": sources,
            "mention_count": sum(len(source["occurrences"]) for source in sources),
            "related": related,
            "source_title": titles.get(entity.collection, (entity.collection,) * 2)[1],  # "Telegram 1762"
            "index_url": reverse(INDEX_OF_KIND[entity.kind].list_url_name),
            "index_title": INDEX_OF_KIND[entity.kind].title,
        },
    )


@require_safe
@caching.site_view()
def person(request, key):
    return entity_page(request, key, PERSONS)


@require_safe
@caching.site_view()
def term(request, key):
    return entity_page(request, key, TERMS)


@require_safe
@caching.site_view()
def place(request, key):
    return entity_page(request, key, PLACES)
