"""Write the published revision of every text back to its file in sources/, so it can be committed.

    manage.py export_sources            # every text whose file differs from its published revision
    manage.py export_sources --check    # only say which files differ (exit 1 if any)

The database is not changed: the next import_sources recognises each exported file by its
hash (no new revision), and records it as the file last imported.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from edition.revisions import exported_files


class Command(BaseCommand):
    help = "Write the published revisions of the texts back to their files in sources/."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only list the files that differ; exit 1 if any")

    def handle(self, *args, check, **options):
        directory = Path(settings.SOURCES_DIR)
        differing = 0
        for path, revision, same in exported_files(directory, write=not check):
            if same:
                self.stdout.write(f"{path.name}: unchanged (version {revision.number})")
                continue
            differing += 1
            verb = "differs from" if check else "written from"
            self.stdout.write(f"{path.name}: {verb} version {revision.number} ({revision.label()})")
        if check and differing:
            raise CommandError(f"{differing} file(s) differ from the published revisions")
