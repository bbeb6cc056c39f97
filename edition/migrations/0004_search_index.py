"""The search index (issue 12): rows of analyzed terms, and each engine's own index over them.

SQLite: an FTS5 table over edition_searchentry (external content), kept in step by triggers.
PostgreSQL: a generated tsvector column with a GIN index; pg_trgm on the vocabulary for
"did you mean". The rows are filled by the next import (manage.py import_sources).
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE edition_search_fts USING fts5(
        reading_terms, names_terms, diplomatic_terms,
        content='edition_searchentry', content_rowid='id', tokenize='unicode61', detail='full')""",
    """CREATE TRIGGER edition_search_fts_insert AFTER INSERT ON edition_searchentry BEGIN
        INSERT INTO edition_search_fts(rowid, reading_terms, names_terms, diplomatic_terms)
        VALUES (new.id, new.reading_terms, new.names_terms, new.diplomatic_terms);
    END""",
    """CREATE TRIGGER edition_search_fts_delete AFTER DELETE ON edition_searchentry BEGIN
        INSERT INTO edition_search_fts(edition_search_fts, rowid, reading_terms, names_terms, diplomatic_terms)
        VALUES ('delete', old.id, old.reading_terms, old.names_terms, old.diplomatic_terms);
    END""",
    """CREATE TRIGGER edition_search_fts_update AFTER UPDATE ON edition_searchentry BEGIN
        INSERT INTO edition_search_fts(edition_search_fts, rowid, reading_terms, names_terms, diplomatic_terms)
        VALUES ('delete', old.id, old.reading_terms, old.names_terms, old.diplomatic_terms);
        INSERT INTO edition_search_fts(rowid, reading_terms, names_terms, diplomatic_terms)
        VALUES (new.id, new.reading_terms, new.names_terms, new.diplomatic_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS edition_search_fts_update",
    "DROP TRIGGER IF EXISTS edition_search_fts_delete",
    "DROP TRIGGER IF EXISTS edition_search_fts_insert",
    "DROP TABLE IF EXISTS edition_search_fts",
]
# Weights: A the reading text, B the persons' names, D the diplomatic text (the view a hit
# opens is chosen by which of these matched). 'simple': the terms are analyzed already.
POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE edition_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', reading_terms), 'A')
        || setweight(to_tsvector('simple', names_terms), 'B')
        || setweight(to_tsvector('simple', diplomatic_terms), 'D')) STORED""",
    "CREATE INDEX edition_searchentry_vector ON edition_searchentry USING gin (search_vector)",
    "CREATE INDEX edition_searchword_trigram ON edition_searchword USING gin (word gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS edition_searchword_trigram",
    "DROP INDEX IF EXISTS edition_searchentry_vector",
    "ALTER TABLE edition_searchentry DROP COLUMN IF EXISTS search_vector",
]


def run_for_vendor(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("edition", "0002_entity_organisation"),
        ("edition", "0003_suspectdecision"),  # already landed: one leaf keeps migrate working
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(choices=[("text", "Text"), ("note", "Notes"), ("gloss", "Glosses")], max_length=5),
                ),
                ("document_kind", models.CharField(max_length=10)),
                ("date_sort", models.DateField(null=True)),
                ("published", models.BooleanField(default=True)),
                ("reading_terms", models.TextField()),
                ("names_terms", models.TextField(blank=True)),
                ("diplomatic_terms", models.TextField(blank=True)),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="edition.document"
                    ),
                ),
                (
                    "gloss",
                    models.ForeignKey(
                        null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="edition.gloss"
                    ),
                ),
                (
                    "note",
                    models.ForeignKey(
                        null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="edition.note"
                    ),
                ),
                (
                    "passage",
                    models.ForeignKey(
                        null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="edition.passage"
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["document", "kind"], name="searchentry_document_kind")],
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=80, unique=True)),
            ],
        ),
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            run_for_vendor({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
