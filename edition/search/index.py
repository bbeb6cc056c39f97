"""Keeping the search index in step with the edition.

The importer calls reindex_imported() once every file is written (persons are linked
across sources by then, and their names are indexed with the passages that mention
them); every gloss save or delete calls reindex_glosses() (a signal, models.py).
"""

from html import unescape

from django.utils.html import strip_tags

from ..models import Document, Entity, Gloss, Note, Occurrence, Passage
from .analysis import Expansions, analyze, fold, surface_words
from .models import SearchEntry, SearchWord

BATCH = 1000


def abbreviations():
    """Every encoded abbreviation (folded) with its expansion: one vocabulary for index and query."""
    return Expansions((fold(name), expansion) for name, expansion in
                      Entity.objects.filter(kind=Entity.Kind.ABBREVIATION).values_list("name", "identification_text"))


def reindex_imported(sources):
    """After an import: every document the imported sources hold."""
    slugs = [document.slug for source in sources for document in source.documents]
    expansions = abbreviations()
    for document in Document.objects.filter(slug__in=slugs):
        reindex_document(document, expansions)


def person_names(document):
    """passage id -> the names of the persons it mentions, every form the edition knows."""
    names = {}
    occurrences = (
        Occurrence.objects.filter(passage__document=document, entity__kind=Entity.Kind.PERSON)
        .values_list("passage_id", "text", "entity__name", "entity__same_as__name")
    )
    for passage_id, text, name, same_as_name in occurrences:
        names.setdefault(passage_id, set()).update(n for n in (text, name, same_as_name) if n)
    return {passage_id: " ".join(sorted(forms)) for passage_id, forms in names.items()}


def reindex_document(document, expansions=None):
    """Rebuild the index rows of one document: its passages, notes and glosses."""
    expansions = abbreviations() if expansions is None else expansions
    SearchEntry.objects.filter(document=document).delete()
    common = {"document": document, "document_kind": document.kind, "date_sort": document.date_sort}
    names = person_names(document)
    entries, words = [], set()
    for passage in Passage.objects.filter(document=document).only("id", "reading_text", "diplomatic_text"):
        reading = analyze(passage.reading_text, expansions)
        diplomatic = analyze(passage.diplomatic_text, expansions)
        entries.append(SearchEntry(
            kind=SearchEntry.Kind.TEXT, passage_id=passage.id, reading_terms=reading,
            names_terms=analyze(names.get(passage.id, ""), expansions),
            diplomatic_terms="" if diplomatic == reading else diplomatic, **common,
        ))
        words |= surface_words(passage.reading_text) | surface_words(passage.diplomatic_text)
    for note in Note.objects.filter(document=document).only("id", "passage_id", "text"):
        entries.append(SearchEntry(
            kind=SearchEntry.Kind.NOTE, note_id=note.id, passage_id=note.passage_id,
            reading_terms=analyze(note.text, expansions), **common,
        ))
        words |= surface_words(note.text)
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
    add_words(words)
    reindex_glosses(document.id, expansions)


def gloss_text(gloss):
    return unescape(strip_tags(gloss.body_html))


def reindex_glosses(document_id, expansions=None):
    """Rebuild the index rows of a document's glosses (live and placed; drafts marked unpublished)."""
    SearchEntry.objects.filter(document_id=document_id, kind=SearchEntry.Kind.GLOSS).delete()
    glosses = list(
        Gloss.objects.live().anchored().filter(document_id=document_id).select_related("document")
    )
    if not glosses:
        return
    expansions = abbreviations() if expansions is None else expansions
    passages = dict(
        Passage.objects.filter(document_id=document_id, xml_id__in={g.passage_xml_id for g in glosses})
        .values_list("xml_id", "id")
    )
    SearchEntry.objects.bulk_create(
        SearchEntry(
            kind=SearchEntry.Kind.GLOSS, gloss=gloss, passage_id=passages.get(gloss.passage_xml_id),
            document_id=document_id, document_kind=gloss.document.kind, date_sort=gloss.document.date_sort,
            published=gloss.state == Gloss.State.PUBLISHED, reading_terms=analyze(gloss_text(gloss), expansions),
        )
        for gloss in glosses
    )
    add_words(set().union(*(surface_words(gloss_text(g)) for g in glosses)))


def add_words(words):
    words = [w for w in words if len(w) <= 80]
    SearchWord.objects.bulk_create((SearchWord(word=w) for w in words), batch_size=BATCH, ignore_conflicts=True)


