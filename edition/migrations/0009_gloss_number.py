# Gloss letters that never move (issue 11, editors' pages): each gloss readers see keeps the letter
# it is given, so a publish re-letters no other gloss and answers with its own passage only.
from django.db import migrations, models


def letter_what_readers_see_now(apps, schema_editor):
    """The glosses readers see today keep the letters they show today: a, b, c… in reading order
    (by passage, then where the quoted words end, a gloss on the whole passage after the others),
    as the series was computed before letters were stored. Glosses readers do not see (drafts,
    deleted, orphaned) take the next letter when they are first shown (edition.glosses)."""
    Gloss = apps.get_model("edition", "Gloss")
    Passage = apps.get_model("edition", "Passage")
    document_ids = Gloss.objects.values_list("document_id", flat=True).distinct()
    for document_id in document_ids:
        order = dict(Passage.objects.filter(document_id=document_id).values_list("xml_id", "order"))
        shown = Gloss.objects.filter(document_id=document_id, state="published", deleted_at=None).exclude(
            anchor_status="orphaned"
        )

        def place(gloss, order=order):
            whole_passage = gloss.start is None or gloss.end is None or gloss.start >= gloss.end
            position = order.get(gloss.passage_xml_id, len(order) + 1)
            return (position, whole_passage, gloss.end or 0, gloss.start or 0, gloss.pk)

        in_order = sorted(shown.only("id", "passage_xml_id", "start", "end"), key=place)
        for number, gloss in enumerate(in_order, 1):
            # Not save(): no new version, no history entry, for a number the gloss already showed.
            Gloss.objects.filter(pk=gloss.pk).update(number=number)


class Migration(migrations.Migration):
    dependencies = [
        ("edition", "0099_merge_parallel_work"),
    ]

    operations = [
        migrations.AddField(
            model_name="gloss",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalgloss",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(letter_what_readers_see_now, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="gloss",
            constraint=models.UniqueConstraint(fields=("document", "number"), name="gloss_number_unique"),
        ),
    ]
