"""Writing glosses: the one place where a gloss is created or changed.

The views, the admin, re-anchoring after an import, the bench and the tests all
write through here, so every write keeps the same rules: each change is a new
version (the gloss's ETag), with a history entry that says who and why, and an
editor's write shows in the admin's log too. An editor changes a gloss only
inside `editing`, which locks its row and refuses a version other than the one
the editor saw (`Stale`): two editors never overwrite each other.

Every save or delete of a gloss, however it is made (here, the admin, a test's
ORM call), bumps its document's gloss versions in the same transaction (the
signal receivers at the end): cached pages and ETags are keyed by them
(edition/caching.py), so no page is served stale after a write.
"""

from contextlib import contextmanager

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db import transaction
from django.db.models import F, Max
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .markdown import render_body
from .models import Document, Gloss
from .passage_labels import passage_label

# The selectors of a gloss on a whole passage (no words chosen in it).
WHOLE_PASSAGE = {"exact": "", "prefix": "", "suffix": "", "start": None, "end": None}


class Stale(Exception):
    """The gloss changed since the editor's page was made: nothing was written.

    `gloss` is the gloss as it stands now, to show the editor the newer version.
    `precondition_failed` says the refusal came from an If-Match header (HTTP 412)
    rather than from the version the form carried (HTTP 409).
    """

    def __init__(self, gloss, precondition_failed=False):
        super().__init__(f"{gloss} is now at version {gloss.version}")
        self.gloss = gloss
        self.precondition_failed = precondition_failed


@contextmanager
def editing(public_id, version, *, if_match=None, deleted_too=False):
    """The gloss, locked until the block ends, if it is still at `version`.

    `version` is what the editor's form carried (a string or an int; missing or
    anything else than the current version is stale). Raises Stale, having
    written nothing, if the gloss changed since; Gloss.DoesNotExist if there is
    no such gloss, or if it is deleted (unless deleted_too: a delete and its
    undo act on deleted glosses). `if_match`, an If-Match header, must then
    equal the gloss's ETag.
    """
    with transaction.atomic():
        # Lock the bare row, with no joins: when a concurrent save changes
        # updated_by_id, PostgreSQL re-checks a locked row against the *old*
        # joined rows, the join fails and the gloss seems to vanish (a 404
        # instead of a 409). Related rows are fetched after the lock.
        gloss = Gloss.objects.select_for_update().get(public_id=public_id)
        if gloss.deleted_at is not None and not deleted_too:
            raise Gloss.DoesNotExist("This gloss is deleted")
        if if_match and if_match != gloss.etag:
            raise Stale(gloss, precondition_failed=True)
        if str(version) != str(gloss.version):
            raise Stale(gloss)
        yield gloss


def save_version(gloss, user, reason, log=None, fields=None):
    """Save a change to the gloss as its next version.

    user: the editor (None for the importer, which re-anchors on its own).
    reason: what the history says was done. log: (flag, message) for the
    admin's log. fields: save only these (plus the version), for writers that
    must not touch the rest of the row.
    """
    gloss.version += 1
    _save(gloss, user, reason, fields=fields and [*fields, "version", "updated_at"])
    if log:
        _log(user, gloss, *log)


def _save(gloss, user, reason, fields=None):
    # Who and why are set explicitly, so they hold outside a request too.
    if user is not None:
        gloss.updated_by = user
        gloss._history_user = user
        fields = fields and [*fields, "updated_by"]
    gloss._change_reason = reason
    # The letter is given on the save that first shows the gloss to readers (_remember_what_readers_saw):
    # a save of chosen fields (re-anchoring an orphan) writes it too.
    gloss.save(update_fields=fields and [*fields, "number"])


def _log(user, gloss, flag, message):
    """Every editor's write shows up in the admin's history too (as Geniza does)."""
    LogEntry.objects.log_actions(user.pk, [gloss], flag, change_message=message, single_object=True)


def set_body(gloss, body):
    """The Markdown as written, and the HTML always rendered (and sanitised) from it."""
    gloss.body, gloss.body_html = body, render_body(body)


# -- what editors do ----------------------------------------------------------------


def create_gloss(user, document, xml_id, selectors, body, publish=False):
    """A new draft on passage xml_id: on the words `selectors` describe, or on the
    whole passage if they are None. Its anchor describes the document's current text.
    publish: readers see it at once ("Save and publish"), in one version, not two."""
    gloss = Gloss(
        document=document,
        passage_xml_id=xml_id,
        source_revision=document.source_revision,
        created_by=user,
        state=Gloss.State.PUBLISHED if publish else Gloss.State.DRAFT,
        **(selectors or WHOLE_PASSAGE),
    )
    set_body(gloss, body)
    _save(gloss, user, "created and published" if publish else "created")
    _log(user, gloss, ADDITION, "Created and published gloss" if publish else "Created gloss")
    return gloss


def edit_text(gloss, user, body):
    set_body(gloss, body)
    save_version(gloss, user, "edited", log=(CHANGE, "Edited gloss text"))


def publish(gloss, user):
    """Readers see it now. Publishing a published gloss changes nothing."""
    if gloss.state != Gloss.State.PUBLISHED:
        gloss.state = Gloss.State.PUBLISHED
        save_version(gloss, user, "published", log=(CHANGE, "Published gloss"))


def unpublish(gloss, user):
    if gloss.state != Gloss.State.DRAFT:
        gloss.state = Gloss.State.DRAFT
        save_version(gloss, user, "returned to draft", log=(CHANGE, "Returned gloss to draft"))


def delete(gloss, user):
    """A soft delete: the gloss leaves the text, and can be brought back (undelete)."""
    if gloss.deleted_at is None:
        gloss.deleted_at = timezone.now()
        save_version(gloss, user, "deleted", log=(DELETION, "Deleted gloss (can be undone)"))


def undelete(gloss, user):
    if gloss.deleted_at is not None:
        gloss.deleted_at = None
        save_version(gloss, user, "undeleted", log=(CHANGE, "Undid the deletion of the gloss"))


def restore_text(gloss, user, earlier):
    """Bring back the text of an earlier version (a history record), as a new
    version: history only grows."""
    set_body(gloss, earlier.body)
    save_version(
        gloss,
        user,
        f"restored the text of version {earlier.version}",
        log=(CHANGE, f"Restored the text of version {earlier.version}"),
    )


def reattach(gloss, user, xml_id, selectors):
    """Give an orphan (or any gloss) a new place: passage xml_id, on the words
    `selectors` describe, or on the whole passage if they are None."""
    gloss.passage_xml_id = xml_id
    for field, value in (selectors or WHOLE_PASSAGE).items():
        setattr(gloss, field, value)
    gloss.anchor_status = Gloss.AnchorStatus.ANCHORED  # placed by an editor, not by an import
    gloss.source_revision = gloss.document.source_revision
    where = passage_label(gloss.document, xml_id)  # the history says "¶ 4, p. 2", as editors read it
    save_version(gloss, user, f"re-attached to {where}", log=(CHANGE, f"Re-attached gloss to {where}"))


# -- the versions pages are keyed by ---------------------------------------------------


def readers_see(gloss):
    """Whether the gloss shows in what readers get (the reading view, the exports): Gloss.for_readers."""
    return (
        gloss.state == Gloss.State.PUBLISHED
        and gloss.deleted_at is None
        and gloss.anchor_status != Gloss.AnchorStatus.ORPHANED
    )


def glosses_changed(document_id, readers_too):
    """A gloss of the document changed: editors' pages are out of date, and readers' too if
    readers saw the gloss before or after the change. One UPDATE, in the writer's transaction."""
    changes = {"gloss_version": F("gloss_version") + 1}
    if readers_too:
        changes |= {"published_gloss_version": F("published_gloss_version") + 1, "glosses_changed_at": timezone.now()}
    Document.objects.filter(pk=document_id).update(**changes)


def letter_glosses_without_one():
    """Give the next letters to glosses readers see that have none: those of a backup written before
    letters were kept (edition.backup restores rows as they were, raw). In reading order, as such a
    gloss's letter was computed then; never a letter another gloss holds. Returns how many."""
    from .models import Passage

    unlettered = Gloss.objects.published().anchored().filter(number=None)
    given = 0
    for document_id in set(unlettered.values_list("document_id", flat=True)):
        order = dict(Passage.objects.filter(document_id=document_id).values_list("xml_id", "order"))

        def place(gloss, order=order):
            whole_passage = gloss.start is None or gloss.end is None or gloss.start >= gloss.end
            position = order.get(gloss.passage_xml_id, len(order) + 1)
            return (position, whole_passage, gloss.end or 0, gloss.start or 0, gloss.pk)

        glosses = sorted(unlettered.filter(document_id=document_id).only("passage_xml_id", "start", "end"), key=place)
        first = next_letter(document_id)
        for number, gloss in enumerate(glosses, first):
            # Not save(): no new version or history entry for a letter the gloss already showed.
            Gloss.objects.filter(pk=gloss.pk).update(number=number)
        given += len(glosses)
    return given


@receiver(pre_save, sender=Gloss, dispatch_uid="glosses.remember_what_readers_saw")
def _remember_what_readers_saw(sender, instance, raw=False, **kwargs):
    # Unpublish, delete, orphaning: the gloss leaves what readers see, which only the row as it
    # was before the save can tell.
    # Only what readers_see reads, with no ordering: this runs inside the writer's transaction.
    before = (
        Gloss.objects.filter(pk=instance.pk).order_by().only("state", "deleted_at", "anchor_status").first()
        if instance.pk
        else None
    )
    instance._readers_saw_it = before is not None and readers_see(before)
    if not raw and instance.number is None and readers_see(instance):
        instance.number = next_letter(instance.document_id)


def next_letter(document_id):
    """The next place in the document's gloss series (1 -> a), for a gloss readers see for the first
    time. Letters are never reused or moved: readers cite them, as they cite the edition's notes.
    The document's row is locked first (in a transaction), so two editors publishing at once on
    PostgreSQL cannot take the same letter; on SQLite an IMMEDIATE transaction already holds the lock."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and connection.features.has_select_for_update:
        list(Document.objects.filter(pk=document_id).select_for_update().values_list("pk"))
    latest = Gloss.objects.filter(document_id=document_id).aggregate(latest=Max("number"))["latest"]
    return (latest or 0) + 1


@receiver(post_save, sender=Gloss, dispatch_uid="glosses.bump_versions_on_save")
def _bump_versions_on_save(sender, instance, **kwargs):
    glosses_changed(instance.document_id, getattr(instance, "_readers_saw_it", True) or readers_see(instance))


@receiver(post_delete, sender=Gloss, dispatch_uid="glosses.bump_versions_on_delete")
def _bump_versions_on_delete(sender, instance, **kwargs):
    glosses_changed(instance.document_id, readers_see(instance))
