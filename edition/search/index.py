"""Keeping the search index in step with the edition.

The importer calls reindex_imported() once every file is written (persons are linked
across sources by then, and their names are indexed with the passages that mention
them); every gloss save or delete calls reindex_glosses() (a signal, models.py).
"""

from html import unescape

from django.db import connection
from django.utils.html import strip_tags

from ..models import Document, Entity, Gloss, Note, Occurrence, Passage
from .analysis import Expansions, analyze, fold, surface_words
from .models import SearchEntry, SearchWord

BATCH = 1000


# The rows the abbreviations were last built from, and what was built: one per process.
_abbreviations = ((), Expansions())
ABBREVIATIONS_SQL = "SELECT name, identification_text FROM {table} WHERE kind = %s ORDER BY sort_name, id"


def abbreviations():
    """Every encoded abbreviation (folded) with its expansion: one vocabulary for index and query.
    Every search asks, so the rows are read with one plain query (the ORM's query building cost
    more than the query) and the vocabulary is built again only when they differ: the same object
    while it is unchanged, so analyzed words stay cached across requests."""
    global _abbreviations
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Entity._meta.db_table)
        cursor.execute(ABBREVIATIONS_SQL.format(table=table), [Entity.Kind.ABBREVIATION])
        rows = tuple(tuple(row) for row in cursor.fetchall())
    if rows != _abbreviations[0]:
        _abbreviations = (rows, Expansions({fold(name): expansion for name, expansion in rows}))
    return _abbreviations[1]


def reindex_imported(sources):
    """After an import: every document the imported sources hold."""
    slugs = [document.slug for source in sources for document in source.documents]
    reindex_documents(Document.objects.filter(slug__in=slugs))


def person_names(document_ids):
    """passage id -> the names of the persons it mentions, every form the edition knows."""
    names = {}
    occurrences = Occurrence.objects.filter(
        passage__document_id__in=document_ids, entity__kind=Entity.Kind.PERSON
    ).values_list("passage_id", "text", "entity__name", "entity__same_as__name")
    for passage_id, text, name, same_as_name in occurrences:
        names.setdefault(passage_id, set()).update(n for n in (text, name, same_as_name) if n)
    return {passage_id: " ".join(sorted(forms)) for passage_id, forms in names.items()}


def reindex_document(document, expansions=None):
    """Rebuild the index rows of one document: its passages, notes and glosses."""
    reindex_documents([document], expansions)


def reindex_documents(documents, expansions=None):
    """Rebuild the index rows of these documents, in a few set-wide queries (an import touches a whole volume)."""
    documents = {d.id: d for d in documents}
    if not documents:
        return
    expansions = abbreviations() if expansions is None else expansions
    ids = list(documents)
    SearchEntry.objects.filter(document_id__in=ids).delete()
    names = person_names(ids)
    words = set()

    def common(document_id):
        document = documents[document_id]
        return {"document_id": document_id, "document_kind": document.kind, "date_sort": document.date_sort}

    def entries():
        passages = Passage.objects.filter(document_id__in=ids).values_list(
            "id", "document_id", "reading_text", "diplomatic_text"
        )
        for pk, document_id, reading_text, diplomatic_text in passages.iterator(chunk_size=BATCH):
            reading = analyze(reading_text, expansions)
            diplomatic = analyze(diplomatic_text, expansions) if diplomatic_text != reading_text else reading
            words.update(surface_words(reading_text))
            if diplomatic_text != reading_text:
                words.update(surface_words(diplomatic_text))
            yield SearchEntry(
                kind=SearchEntry.Kind.TEXT,
                passage_id=pk,
                reading_terms=reading,
                names_terms=analyze(names.get(pk, ""), expansions),
                diplomatic_terms="" if diplomatic == reading else diplomatic,
                **common(document_id),
            )
        notes = Note.objects.filter(document_id__in=ids).values_list("id", "document_id", "passage_id", "text")
        for pk, document_id, passage_id, text in notes.iterator(chunk_size=BATCH):
            words.update(surface_words(text))
            yield SearchEntry(
                kind=SearchEntry.Kind.NOTE,
                note_id=pk,
                passage_id=passage_id,
                reading_terms=analyze(text, expansions),
                **common(document_id),
            )

    batch = []
    for entry in entries():
        batch.append(entry)
        if len(batch) >= BATCH:
            SearchEntry.objects.bulk_create(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)
    add_words(words)
    for document_id in set(Gloss.objects.filter(document_id__in=ids).values_list("document_id", flat=True)):
        reindex_glosses(document_id, expansions)


def gloss_text(gloss):
    return unescape(strip_tags(gloss.body_html))


def reindex_glosses(document_id, expansions=None):
    """Rebuild the index rows of a document's glosses (live and placed; drafts marked unpublished)."""
    SearchEntry.objects.filter(document_id=document_id, kind=SearchEntry.Kind.GLOSS).delete()
    glosses = list(Gloss.objects.live().anchored().filter(document_id=document_id).select_related("document"))
    if not glosses:
        return
    expansions = abbreviations() if expansions is None else expansions
    passages = dict(
        Passage.objects.filter(document_id=document_id, xml_id__in={g.passage_xml_id for g in glosses}).values_list(
            "xml_id", "id"
        )
    )
    SearchEntry.objects.bulk_create(
        SearchEntry(
            kind=SearchEntry.Kind.GLOSS,
            gloss=gloss,
            passage_id=passages.get(gloss.passage_xml_id),
            document_id=document_id,
            document_kind=gloss.document.kind,
            date_sort=gloss.document.date_sort,
            published=gloss.state == Gloss.State.PUBLISHED,
            reading_terms=analyze(gloss_text(gloss), expansions),
        )
        for gloss in glosses
    )
    add_words(set().union(*(surface_words(gloss_text(g)) for g in glosses)))


def reindex_gloss(gloss, deleted=False):
    """One gloss's index row, after it was saved or deleted: a gloss write costs the same however many
    glosses its document has (rebuilding them all, as reindex_glosses does, took a second at 1,000
    glosses, inside the writer's transaction)."""
    SearchEntry.objects.filter(kind=SearchEntry.Kind.GLOSS, gloss_id=gloss.pk).delete()
    if deleted or gloss.deleted_at is not None or gloss.anchor_status == Gloss.AnchorStatus.ORPHANED:
        return
    passage_id = (
        Passage.objects.filter(document_id=gloss.document_id, xml_id=gloss.passage_xml_id)
        .values_list("id", flat=True)
        .first()
    )
    document = gloss.document
    text = gloss_text(gloss)
    SearchEntry.objects.create(
        kind=SearchEntry.Kind.GLOSS,
        gloss=gloss,
        passage_id=passage_id,
        document_id=gloss.document_id,
        document_kind=document.kind,
        date_sort=document.date_sort,
        published=gloss.state == Gloss.State.PUBLISHED,
        reading_terms=analyze(text, abbreviations()),
    )
    add_words(surface_words(text))


def add_words(words):
    """Words not yet in the vocabulary (a re-import, or another copy of a volume, adds few or none).
    The unique index on word skips the known ones (ON CONFLICT DO NOTHING, INSERT OR IGNORE): asking
    first which are known cost more, and on PostgreSQL, once the table had statistics, the planner
    answered `word IN (1,000 words)` through the trigram index, 8 s a batch."""
    SearchWord.objects.bulk_create(
        (SearchWord(word=w) for w in sorted(words) if len(w) <= 80), batch_size=BATCH, ignore_conflicts=True
    )
