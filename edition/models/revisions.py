"""Revisions of the TEI: the text itself, versioned.

Every TEI file the edition holds (a source: the cable, the FRUS volume) has a line of
revisions, each the whole file. An import adds one (origin "import"), and so does every
correction an editor makes in the browser (origin "browser"). Readers see the latest
published revision; the rows of documents.py are rendered from it. The latest revision,
published or not, is the head: a change must be made against the head, or it is refused.
"""

from django.conf import settings
from django.db import models


class TextSource(models.Model):
    """One TEI file: the row every write of its text locks (select_for_update) while it
    checks that the change was made against the head."""

    file = models.CharField(max_length=255, unique=True)  # relative to SOURCES_DIR, e.g. "usun-1762.xml"
    collection = models.CharField(max_length=120)
    # What import last read from sources/: a browser revision published after that
    # is not overwritten by a re-import without --force.
    imported_sha256 = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["file"]

    def __str__(self):
        return self.file

    def head(self):
        return self.revisions.order_by("-number").first()

    def published(self):
        return self.revisions.filter(state=TextRevision.State.PUBLISHED).order_by("-number").first()


class TextRevision(models.Model):
    class State(models.TextChoices):
        WORKING = "working", "Working"
        PUBLISHED = "published", "Published"

    class Origin(models.TextChoices):
        IMPORT = "import", "Import"
        BROWSER = "browser", "Browser"

    source = models.ForeignKey(TextSource, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()  # 1, 2, 3 … per source: "version 3"
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sha256 = models.CharField(max_length=64)
    tei = models.TextField()  # the whole file, as UTF-8 text
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # null for imports
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WORKING)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.BROWSER)
    # The passages this revision changes against its parent, rendered once when it was
    # checked: {slug: {xml_id: {"reading_html", "reading_text", "diplomatic_text"}}}.
    # An editor's working view shows these; publishing writes the rows from the TEI.
    changed_passages = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["source", "-number"]
        constraints = [models.UniqueConstraint(fields=["source", "number"], name="revision_number_unique")]

    def __str__(self):
        return f"{self.source.file} version {self.number}"

    @property
    def is_published(self):
        return self.state == self.State.PUBLISHED

    def label(self):
        """How a citation names it: "version 3, 5 December 2026"."""
        when = self.published_at or self.created_at
        return f"version {self.number}, {when.day} {when:%B %Y}"
