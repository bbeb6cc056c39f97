"""Glosses: what editors write. The database is the truth for these.

A gloss never points at a Passage row (import rebuilds those); it holds the
passage's stable xml:id and W3C selectors, and is re-anchored after each import.
"""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class GlossQuerySet(models.QuerySet):
    def live(self):
        return self.filter(deleted_at__isnull=True)

    def published(self):
        return self.live().filter(state=Gloss.State.PUBLISHED)

    def visible_to(self, user):
        """Readers see published glosses; editors also see drafts."""
        from edition.permissions import is_editor

        if is_editor(user):
            return self.live()
        return self.published()

    def anchored(self):
        return self.exclude(anchor_status=Gloss.AnchorStatus.ORPHANED)

    def for_readers(self, document):
        """What the edition publishes of a document: published glosses that stand in the text
        (the reading view, the Web Annotation collection and the TEI export agree on this)."""
        return self.published().anchored().filter(document=document)

    def orphans(self):
        return self.live().filter(anchor_status=Gloss.AnchorStatus.ORPHANED)


class Gloss(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class AnchorStatus(models.TextChoices):
        ANCHORED = "anchored", "Anchored"  # the quote stands where it was made
        MOVED = "moved", "Re-anchored"  # found again after the passage changed
        CORRECTED = "corrected", "Re-anchored to corrected words"  # quoted an OCR misreading since corrected
        ORPHANED = "orphaned", "Orphaned"  # could not be placed: an editor must re-attach it

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey("edition.Document", on_delete=models.PROTECT, related_name="glosses")
    passage_xml_id = models.CharField(max_length=120)
    # TextQuoteSelector; empty exact means the gloss is on the whole passage.
    exact = models.TextField(blank=True)
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    # TextPositionSelector within the passage's reading text.
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    source_revision = models.CharField(max_length=64)
    anchor_status = models.CharField(max_length=12, choices=AnchorStatus.choices, default=AnchorStatus.ANCHORED)
    body = models.TextField()  # Markdown as the editor wrote it
    body_html = models.TextField()  # sanitised HTML rendered from body
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(default=1)  # bumped on every write; the ETag
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)  # soft delete, so it can be undone
    # Its place in the document's gloss series, the letter readers see and cite (1 -> a, 27 -> aa:
    # edition.noterefs): given the first time readers see the gloss (edition.glosses) and kept
    # through unpublish, delete, undo and re-anchoring, so publishing one gloss moves no other
    # gloss's letter, as the edition's notes keep their numbers (Note.number). None until then.
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = GlossQuerySet.as_manager()

    class Meta:
        ordering = ["document", "passage_xml_id", "start", "created_at"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="gloss_number_unique")]

    def __str__(self):
        return f"Gloss {self.public_id} on {self.passage_xml_id}"

    @property
    def etag(self):
        return f'"{self.public_id}-{self.version}"'

    @property
    def anchor_id(self):
        """HTML id of the gloss's note in the apparatus."""
        return f"gloss-{self.public_id}"

    def to_web_annotation(self):
        """This gloss as a W3C Web Annotation (JSON-LD dict)."""
        from edition.annotations import to_web_annotation

        return to_web_annotation(self)
