"""Import TEI sources into the database: all or nothing.

Every file goes the one way every revision of the text goes (edition.revisions):
parsed, checked (tei_all for our own sources) and rendered before the first write;
then one transaction stores it as a new revision (unless the edition already holds
that text: recognised by its hash), replaces what import derives (pages, passages,
notes, entities) and re-anchors the editors' glosses. A refused file raises
SourceError and leaves the database exactly as it was. A file that would overwrite
a revision made in the browser since the file was last imported is refused, unless
forced (the browser revision stays in the history).
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import reverse

from .anchoring import reanchor_document
from .models import Document, Entity, Gloss, Note, Occurrence, Page, Passage
from .tei.labels import keep_numbers
from .tei.parse import SourceError
from .textmap import passage_text


def default_sources():
    return sorted(Path(settings.SOURCES_DIR).glob("*.xml"))


def document_url(slug):
    return reverse("document", args=[slug])


def relative_name(path):
    from .revisions import relative_name

    return relative_name(path)


def import_sources(paths=None, force=False):
    """Import the given TEI files (default: every *.xml in SOURCES_DIR). Returns a summary."""
    from .revisions import import_files

    paths = list(paths) if paths else default_sources()
    if not paths:
        raise SourceError(str(settings.SOURCES_DIR), 0, 0, "no TEI sources to import")
    candidates = import_files(paths, force=force)
    return [{**candidate.summary, "messages": candidate.notes} for candidate in candidates]


def refresh_planner_statistics():
    """After a bulk import, on PostgreSQL: ANALYZE the edition's tables. Until autovacuum reaches a freshly filled
    table the planner guesses its size, and search's person facet on a new database took 270 ms instead of 25 (a
    hash join over every occurrence). SQLite is left alone: its ANALYZE made the cable's page slower at 50 volumes."""
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in apps.get_app_config("edition").get_models()]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))


def write_source(source, file_name):
    # Links from other sources into this one (the cable's persons to FRUS's)
    # must survive this source's entities being replaced.
    incoming = dict(
        Entity.objects.filter(same_as__collection=source.collection)
        .exclude(collection=source.collection)
        .values_list("pk", "same_as__key")
    )
    Entity.objects.filter(collection=source.collection).delete()
    entities = {}
    for data in source.entities:
        entities[data.key] = Entity.objects.create(**data.row())
    for pk, key in incoming.items():
        if key in entities:
            Entity.objects.filter(pk=pk).update(same_as=entities[key])

    kept = []
    counts = {"documents": 0, "passages": 0, "notes": 0, "pages": 0}
    for data in source.documents:
        document, _created = Document.objects.update_or_create(
            slug=data.slug,
            defaults=data.row(source_file=file_name, source_revision=source.revision),
        )
        kept.append(document.pk)
        write_document(document, data, entities)
        reanchor_document(document)
        counts["documents"] += 1
        counts["passages"] += len(data.passages)
        counts["notes"] += len(data.notes)
        counts["pages"] += len(data.pages)
    # Documents the file no longer holds: gone, unless editors glossed them; a
    # glossed document stays (empty) so its glosses show up as orphans.
    for stale in Document.objects.filter(source_file=file_name).exclude(pk__in=kept):
        if Gloss.objects.filter(document=stale).exists():
            stale.pages.all().delete()
            stale.passages.all().delete()
            stale.notes.all().delete()
            reanchor_document(stale)
        else:
            stale.delete()
    return {"file": file_name, **counts, "entities": len(source.entities)}


def link_same_as(entity_data):
    for data in entity_data:
        if data.same_as_key:
            target = Entity.objects.filter(key=data.same_as_key).first()
            if target is not None:
                Entity.objects.filter(key=data.key).update(same_as=target)


def write_document(document, data, entities):
    earlier_numbers = dict(document.notes.values_list("xml_id", "number"))  # a note's number never moves
    document.pages.all().delete()  # passages, notes and occurrences go with them
    document.passages.all().delete()
    document.notes.all().delete()
    pages = Page.objects.bulk_create(Page(**p.row(document=document)) for p in data.pages)
    page_by_order = {page.order: page for page in pages}
    transcriptions = {}
    for p in data.passages:
        transcriptions.setdefault(p.page_order, []).append(p.transcription_html)
    for page in pages:
        page.transcription_html = "\n".join(transcriptions.get(page.order, []))
    Page.objects.bulk_update(pages, ["transcription_html"])

    passages = Passage.objects.bulk_create(
        Passage(
            **p.row(
                document=document,
                page=page_by_order.get(p.page_order),
                reading_text=passage_text(p.reading_html),
                diplomatic_text=passage_text(p.diplomatic_html),
            )
        )
        for p in data.passages
    )
    passage_by_id = {passage.xml_id: passage for passage in passages}
    keep_numbers(data.notes, earlier_numbers)
    Note.objects.bulk_create(
        Note(**n.row(document=document, passage=passage_by_id.get(n.passage_xml_id))) for n in data.notes
    )
    occurrences = []
    for p in data.passages:
        for order, occurrence in enumerate(p.occurrences, 1):
            entity = entities.get(occurrence.key)
            if entity is not None:
                occurrences.append(
                    Occurrence(entity=entity, passage=passage_by_id[p.xml_id], order=order, text=occurrence.text)
                )
    Occurrence.objects.bulk_create(occurrences)


def glosses_from_standoff(root, file_name):
    """The glosses a TEI export carries in its <standOff> (edition/tei/standoff.py), created
    here if the edition has never held them: importing an export into an empty database gives
    them back. The database is the truth for glosses, so a gloss it holds or held (since
    changed or deleted: its history knows it) is never brought back from a file. Returns how
    many were created."""
    from django.contrib.auth import get_user_model
    from django.utils.dateparse import parse_datetime

    from .glosses import set_body
    from .tei.standoff import read_glosses

    records = read_glosses(root)
    if not records:
        return 0
    known = set(Gloss.objects.filter(public_id__in=[r.public_id for r in records]).values_list("public_id", flat=True))
    known |= set(Gloss.history.filter(public_id__in=[r.public_id for r in records]).values_list("public_id", flat=True))
    documents = {}
    for slug, xml_id in Passage.objects.filter(document__source_file=file_name).values_list("document__slug", "xml_id"):
        documents.setdefault(xml_id, slug)
    users = {}

    def user_for(username, full_name):
        if (username, full_name) not in users:
            User = get_user_model()
            user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
            if user is None:  # an author this edition does not know: kept as a name, never able to log in
                first, _space, last = full_name.partition(" ") if full_name != username else ("", "", "")
                user = User(**{User.USERNAME_FIELD: username}, first_name=first, last_name=last, is_active=False)
                user.set_unusable_password()
                user.save()
            users[(username, full_name)] = user
        return users[(username, full_name)]

    created, touched = 0, set()
    for record in records:
        slug = documents.get(record.passage_xml_id)
        if record.public_id in known or slug is None:
            continue
        document = Document.objects.get(slug=slug)
        gloss = Gloss(
            public_id=record.public_id, document=document, passage_xml_id=record.passage_xml_id,
            exact=record.exact, prefix=record.prefix, suffix=record.suffix, start=record.start, end=record.end,
            source_revision=record.source_revision or document.source_revision,
            anchor_status=record.anchor_status if record.anchor_status in Gloss.AnchorStatus.values else "anchored",
            state=record.state if record.state in Gloss.State.values else Gloss.State.DRAFT,
            version=record.version, created_by=user_for(*record.author), updated_by=user_for(*record.last_changed_by),
        )  # fmt: skip
        if record.number and not Gloss.objects.filter(document=document, number=record.number).exists():
            gloss.number = record.number  # the letter readers cited; a taken one gives way to the next free
        set_body(gloss, record.body)
        gloss._change_reason = "read back from a TEI standOff"
        gloss.save()
        # The dates the export recorded (auto_now fields would say "now").
        dates = {"created_at": record.created_at, "updated_at": record.updated_at}
        dates = {name: parse_datetime(value) for name, value in dates.items() if value}
        Gloss.objects.filter(pk=gloss.pk).update(**{name: when for name, when in dates.items() if when})
        created += 1
        touched.add(document.pk)
    for document in Document.objects.filter(pk__in=touched):
        reanchor_document(document)  # the recorded anchors checked against the text as imported
    return created
