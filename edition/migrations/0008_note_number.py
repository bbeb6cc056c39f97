# Note numbers that never move, and document and passage labels for readers (issue 8, sections 3 and 4).
# Depends on 0002 like every parallel migration; 0099_merge_parallel_work joins them.
from django.db import migrations, models
from django.db.models import F


def number_notes_in_reading_order(apps, schema_editor):
    """Notes imported before numbers were stored take their reading order, as the first import
    would give them; every later import keeps these numbers (edition.tei.labels.keep_numbers).
    Passage labels are filled by the next import (make run and make serve import every time)."""
    apps.get_model("edition", "Note").objects.update(number=F("order"))


class Migration(migrations.Migration):

    dependencies = [
        ("edition", "0002_entity_organisation"),
    ]

    operations = [
        migrations.AddField(
            model_name="note",
            name="number",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="passage",
            name="reader_label",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="document",
            name="reader_label",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.RunPython(number_notes_in_reading_order, migrations.RunPython.noop),
    ]
