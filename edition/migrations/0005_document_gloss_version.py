# The versions cached pages and ETags are keyed by (edition/caching.py), bumped by gloss writes.
# Depends on 0002 like every parallel migration; 0099_merge_parallel_work joins them.
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('edition', '0002_entity_organisation'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='gloss_version',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='document',
            name='glosses_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='document',
            name='published_gloss_version',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]
