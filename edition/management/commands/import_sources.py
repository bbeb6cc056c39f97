from django.core.management.base import BaseCommand, CommandError

from edition.importer import import_sources, refresh_planner_statistics
from edition.tei.parse import SourceError


class Command(BaseCommand):
    help = "Import TEI sources (default: every *.xml in sources/) in one all-or-nothing transaction."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="TEI files to import")
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite texts corrected in the browser since the file was last imported "
            "(the browser revisions stay in the history)",
        )

    def handle(self, *args, paths, force, **options):
        try:
            summary = import_sources(paths, force=force)
        except SourceError as error:
            raise CommandError(f"Import refused, nothing changed: {error}") from error
        refresh_planner_statistics()
        for row in summary:
            self.stdout.write(
                f"{row['file']}: {row['documents']} document(s), {row['pages']} page(s), "
                f"{row['passages']} passage(s), {row['notes']} note(s), {row['entities']} entit(ies)"
            )
            for message in row.get("messages", []):
                self.stdout.write(f"  {row['file']}: {message}")
