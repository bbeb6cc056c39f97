"""Editors' decisions on suspect words (edition/suspects.py finds them).

A decision is the editors' work, like a gloss: import never touches it. It is
keyed by the words as the witness reads them, not by a row that import rebuilds,
so a dismissed word stays dismissed across re-imports and revisions.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SuspectDecisionQuerySet(models.QuerySet):
    def covering(self, document):
        """{(words, passage_xml_id or None)} decided for a document: what the queue leaves out."""
        return set(self.filter(document=document).values_list("words", "passage_xml_id"))


class SuspectDecision(models.Model):
    class Decision(models.TextChoices):
        DISMISSED = "dismissed", "Dismissed"  # not an error: never listed again
        ACCEPTED = "accepted", "Accepted"  # an error: the correction form was opened from it

    document = models.ForeignKey("edition.Document", on_delete=models.CASCADE, related_name="suspect_decisions")
    # The suspect's words exactly as the diplomatic text reads them, e.g. "STEVENS ON".
    words = models.CharField(max_length=200)
    # The passage the decision was taken in; null: it holds wherever the words occur in the document.
    # (Null, not "": "no passage" is a different fact from a passage id, and reads so in queries.)
    passage_xml_id = models.CharField(max_length=120, null=True, blank=True)  # noqa: DJ001
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = SuspectDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "decided_at"]
        constraints = [
            # (Null passages are distinct to the database; record_decision() updates instead of adding.)
            models.UniqueConstraint(fields=["document", "words", "passage_xml_id"], name="suspect_decision_unique")
        ]

    def __str__(self):
        where = self.passage_xml_id or "everywhere"
        return f"{self.document.slug}: {self.words!r} {self.decision} ({where})"
