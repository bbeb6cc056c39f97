# Placeholder, filled in by the work that owns it. Every parallel migration depends on 0002
# and 0099_merge_parallel_work joins them, so the graph has one leaf at all times.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edition", "0002_entity_organisation")]
    operations = []
