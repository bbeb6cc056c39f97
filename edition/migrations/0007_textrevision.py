# Revisions of the TEI (issue 13): TextSource (one per file, the row a write locks) and
# TextRevision (the whole TEI of each version).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("edition", "0002_entity_organisation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TextSource",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("file", models.CharField(max_length=255, unique=True)),
                ("collection", models.CharField(max_length=120)),
                ("imported_sha256", models.CharField(blank=True, max_length=64)),
                ("imported_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={"ordering": ["file"]},
        ),
        migrations.CreateModel(
            name="TextRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("tei", models.TextField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("message", models.TextField(blank=True)),
                (
                    "state",
                    models.CharField(
                        choices=[("working", "Working"), ("published", "Published")], default="working", max_length=10
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[("import", "Import"), ("browser", "Browser")], default="browser", max_length=10
                    ),
                ),
                ("changed_passages", models.JSONField(blank=True, default=dict)),
                (
                    "author",
                    models.ForeignKey(
                        blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                        to="edition.textrevision",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="revisions", to="edition.textsource"
                    ),
                ),
            ],
            options={
                "ordering": ["source", "-number"],
                "constraints": [models.UniqueConstraint(fields=("source", "number"), name="revision_number_unique")],
            },
        ),
    ]
