"""What import derives from the TEI in sources/.

Every row here can be rebuilt from the sources at any time, so import replaces
them wholesale inside one transaction. Glosses (glosses.py) are the editors'
work and are never replaced by import.
"""

from django.db import models
from django.urls import reverse

from ..vocabulary import INDEX_OF_KIND, DocumentKind, EntityKind, NoteKind


class DocumentQuerySet(models.QuerySet):
    def editions(self):
        return self.filter(kind=Document.Kind.EDITION)

    def corpus(self):
        return self.filter(kind=Document.Kind.CORPUS)


class Document(models.Model):
    Kind = DocumentKind

    slug = models.SlugField(max_length=120, unique=True)
    xml_id = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The file the document came from, relative to the sources directory, and
    # the SHA-256 of that file at import: the "source revision" glosses record.
    source_file = models.CharField(max_length=255)
    source_revision = models.CharField(max_length=64)
    collection = models.CharField(max_length=120, blank=True)  # e.g. the FRUS volume id
    collection_title = models.CharField(max_length=500, blank=True)
    number = models.CharField(max_length=20, blank=True)  # the document number in its volume
    reader_label = models.CharField(max_length=120, blank=True)  # "Telegram 1762", "Document 67": set at import
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=500)
    date_when = models.CharField(max_length=40, blank=True)  # as the TEI gives it (ISO 8601)
    date_sort = models.DateField(null=True, blank=True)
    date_label = models.CharField(max_length=200, blank=True)
    header_html = models.TextField(blank=True)  # metadata block, pre-rendered
    citation = models.TextField(blank=True)
    # Indexed: the latest import is every page's version (edition/caching.py), read as MAX(imported_at);
    # without the index that read every document's row, 11 ms a page at 50 volumes.
    imported_at = models.DateTimeField(auto_now=True, db_index=True)
    # What cached pages and ETags are keyed by (edition/caching.py), bumped by every gloss write
    # (edition/glosses.py): gloss_version on any change (editors see drafts), published_gloss_version
    # and glosses_changed_at only when readers could see the change.
    gloss_version = models.PositiveIntegerField(default=0, editable=False)
    published_gloss_version = models.PositiveIntegerField(default=0, editable=False)
    glosses_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "collection", "order"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("document", args=[self.slug])


class Page(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    order = models.PositiveIntegerField()
    n = models.CharField(max_length=40)  # the page number as printed or typed
    xml_id = models.CharField(max_length=120, blank=True)
    facs = models.CharField(max_length=255, blank=True)  # pb/@facs as written
    image_url = models.CharField(max_length=500, blank=True)  # graphic/@url of the surface, if any
    image_alt = models.CharField(max_length=500, blank=True)
    # The whole page in diplomatic transcription, laid out like the typed page
    # (shown in the facsimile pane when there is no image).
    transcription_html = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "order"], name="page_order_unique")]

    def __str__(self):
        return f"{self.document.slug} p. {self.n}"

    @property
    def anchor(self):
        return f"page-{self.order}"


class PassageQuerySet(models.QuerySet):
    def text(self):
        return self.exclude(role=Passage.Role.FURNITURE)


class Passage(models.Model):
    class Role(models.TextChoices):
        TEXT = "text", "Text"  # the message: paragraphs, items, opener, closer
        FURNITURE = "furniture", "Page furniture"  # printed form, stamps, running heads

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="passages", null=True)
    xml_id = models.CharField(max_length=120)
    order = models.PositiveIntegerField()
    element = models.CharField(max_length=40)  # TEI element name: p, item, head, fw, ab ...
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.TEXT)
    label = models.CharField(max_length=120, blank=True)  # e.g. "Running head", "Stamp"
    # What readers call the passage ("¶ 4, p. 2", "item (1), p. 2"): set at import, which
    # knows the context (the paragraph's number among the message's, the item's number as
    # typed, the page). Readers never see xml_id; it stays in the URL.
    reader_label = models.CharField(max_length=200, blank=True)
    reading_text = models.TextField()  # plain text of the reading view: what glosses anchor to
    diplomatic_text = models.TextField()
    reading_html = models.TextField()
    diplomatic_html = models.TextField()

    objects = PassageQuerySet.as_manager()

    class Meta:
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "xml_id"], name="passage_xml_id_unique")]

    def __str__(self):
        return f"{self.document.slug}#{self.xml_id}"

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#{self.xml_id}"


class Note(models.Model):
    Kind = NoteKind

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="notes")
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="notes", null=True)
    xml_id = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    order = models.PositiveIntegerField()  # position in the document's reading order
    # The number readers see and cite: assigned once, in reading order, the first time the
    # note is imported, and kept by every later import (edition.tei.labels.keep_numbers), so
    # glosses (their own series, a, b, c…) and corrections to the text never move it.
    number = models.PositiveIntegerField(default=0)
    n = models.CharField(max_length=20, blank=True)  # the number the source gives, if any
    html = models.TextField()
    text = models.TextField()
    # For OCR corrections: what the witness reads, the correction and certainty.
    sic = models.CharField(max_length=500, blank=True)
    corr = models.CharField(max_length=500, blank=True)
    cert = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "xml_id"], name="note_xml_id_unique")]

    def __str__(self):
        return f"{self.document.slug}#{self.xml_id}"

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#{self.xml_id}"

    @property
    def reader_label(self):
        """What readers call the note ("note 12"); its xml_id stays in the URL."""
        return f"note {self.number}"


class Entity(models.Model):
    Kind = EntityKind

    # Unique across the edition: "<collection>-<xml:id>", e.g. "usun-1762-stevenson".
    key = models.SlugField(max_length=160, unique=True)
    kind = models.CharField(max_length=14, choices=Kind.choices)
    collection = models.CharField(max_length=120)
    xml_id = models.CharField(max_length=120, blank=True)
    name = models.CharField(max_length=300)
    sort_name = models.CharField(max_length=300)
    identification_html = models.TextField(blank=True)
    identification_text = models.TextField(blank=True)
    same_as = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["kind", "sort_name"]
        verbose_name_plural = "entities"
        # Lists by kind in their order (the indexes, and search's abbreviations on every search)
        # read only their rows, not the whole table's identifications (4 ms at 50 volumes).
        indexes = [models.Index(fields=["kind", "sort_name"], name="entity_kind_sort_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return entity_url(self.kind, self.key)


def entity_url(kind, key):
    return reverse(INDEX_OF_KIND[kind].entry_url_name, args=[key])


class Occurrence(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="occurrences")
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="occurrences")
    order = models.PositiveIntegerField()
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["passage__document", "passage__order", "order"]

    def __str__(self):
        return f"{self.text} ({self.entity_id} in passage {self.passage_id})"
