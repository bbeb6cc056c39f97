"""The search index: one row for each passage, note and gloss, holding its analyzed terms.

The engines index these rows: an FTS5 table on SQLite, a generated tsvector column
with a GIN index on PostgreSQL (both made by migration 0004_search_index). The
rows are derived, like passages: edition.search.index rebuilds them at import and
on every gloss change.
"""

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "Text"
        NOTE = "note", "Notes"
        GLOSS = "gloss", "Glosses"

    document = models.ForeignKey("edition.Document", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    # Copied from the document, so facets and filters need no join.
    document_kind = models.CharField(max_length=10)
    date_sort = models.DateField(null=True)
    passage = models.ForeignKey("edition.Passage", null=True, on_delete=models.CASCADE, related_name="+")
    note = models.ForeignKey("edition.Note", null=True, on_delete=models.CASCADE, related_name="+")
    gloss = models.ForeignKey("edition.Gloss", null=True, on_delete=models.CASCADE, related_name="+")
    published = models.BooleanField(default=True)  # False only for draft glosses: editors alone find them
    # Analyzed terms (edition.search.analysis): the reading text, the names of the persons
    # the passage mentions, and the diplomatic text when it differs from the reading.
    reading_terms = models.TextField()
    names_terms = models.TextField(blank=True)
    diplomatic_terms = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["document", "kind"], name="searchentry_document_kind")]

    def __str__(self):
        return f"{self.kind} entry of document {self.document_id}"


class SearchWord(models.Model):
    """The corpus's own vocabulary, as readers spell it: where "did you mean" looks."""

    word = models.CharField(max_length=80, unique=True)

    def __str__(self):
        return self.word


@receiver(post_save, sender="edition.Gloss", dispatch_uid="search.gloss_saved")
def gloss_changed(sender, instance, **kwargs):
    from .index import reindex_gloss

    reindex_gloss(instance)


@receiver(post_delete, sender="edition.Gloss", dispatch_uid="search.gloss_deleted")
def gloss_deleted(sender, instance, **kwargs):
    from .index import reindex_gloss

    reindex_gloss(instance, deleted=True)
