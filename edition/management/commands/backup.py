"""Write one archive of what the repository cannot rebuild (see edition/backup.py).

python manage.py backup PATH [--with-passwords]
"""

from django.core.management.base import BaseCommand, CommandError

from edition.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Write the documents as imported, the TEI files, every gloss with every version, users and groups to PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to write (.tar.gz)")
        parser.add_argument(
            "--with-passwords", action="store_true", help="keep the users' password hashes (the archive is then secret)"
        )

    def handle(self, path, with_passwords, **options):
        try:
            manifest = write_backup(path, with_passwords=with_passwords)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            f"Wrote {path}: {counts['documents']} documents, {counts['glosses']} glosses with "
            f"{counts['gloss_versions']} versions, {counts['users']} users, {counts['groups']} groups"
            + ("" if with_passwords else " (without password hashes)")
        )
        for name, source in manifest["sources"].items():
            if not source["included"]:
                self.stderr.write(
                    f"Warning: {name} is no longer in SOURCES_DIR; the archive has the imported rows only"
                )
            elif not source["as_imported"]:
                self.stderr.write(f"Warning: {name} has changed since it was imported (run import_sources)")
