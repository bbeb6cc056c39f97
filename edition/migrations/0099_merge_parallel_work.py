# Joins the migrations that were written side by side, so the graph has a single leaf.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("edition", "0003_suspectdecision"),
        ("edition", "0004_search_index"),
        ("edition", "0005_document_gloss_version"),
        ("edition", "0006_document_source_tei"),
        ("edition", "0007_textrevision"),
        ("edition", "0008_note_number"),
    ]
    operations = []
