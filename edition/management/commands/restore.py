"""Restore an archive written by `manage.py backup` into an empty database.

python manage.py restore PATH [--sources-to DIR]
"""

from django.core.management.base import BaseCommand, CommandError

from edition.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (migrated here if needed)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="an archive written by manage.py backup")
        parser.add_argument("--sources-to", help="also write the archived TEI files into this directory")

    def handle(self, path, sources_to, **options):
        try:
            manifest = restore_backup(path, sources_to=sources_to)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            f"Restored {path} (written {manifest['created']}): {counts['documents']} documents, "
            f"{counts['glosses']} glosses with {counts['gloss_versions']} versions, {counts['users']} users"
        )
        if not manifest["with_passwords"]:
            self.stdout.write(
                "The archive has no password hashes: give each editor a new one with "
                "manage.py create_editor NAME --reset-password"
            )
