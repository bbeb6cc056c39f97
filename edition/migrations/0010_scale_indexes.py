"""Indexes for a corpus of many volumes (issue 12, scale): the latest import, read by every page's
version (MAX(imported_at)), and entities by kind in their order (the indexes; search's abbreviations)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("edition", "0009_gloss_number"),
    ]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="imported_at",
            field=models.DateTimeField(auto_now=True, db_index=True),
        ),
        migrations.AddIndex(
            model_name="entity",
            index=models.Index(fields=["kind", "sort_name"], name="entity_kind_sort_name"),
        ),
    ]
