"""One archive holds what cannot be rebuilt from the repository: the editors' work.

    manage.py backup PATH [--with-passwords]
    manage.py restore PATH [--sources-to DIR]

The archive (a .tar.gz) contains:
- manifest.json: the format, when, which database, the counts, and the TEI files it carries;
- data.json: a Django fixture of every row of the edition app (the documents as imported, the
  glosses and every version of them, the TEI revisions, and whatever the app stores later) except
  the search index, which the restore rebuilds,
  the users and groups, and the admin's log of gloss changes. Users and groups are written by
  name (natural keys), so a restore does not depend on their row ids (the "editors" group that
  migrate creates is the one restored); password hashes are left out unless
  --with-passwords is given (restored accounts then have no usable password until
  `create_editor NAME --reset-password`);
- sources/: the TEI files the documents were imported from, as they are in SOURCES_DIR now,
  with their sha256 compared with the revision the database recorded at import.

A restore goes into an empty database only (migrated, with no document, gloss or user), and
loads the fixture in one transaction: it either restores everything or nothing.
"""

import datetime
import hashlib
import io
import itertools
import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .glosses import letter_glosses_without_one

FORMAT = "telegram-1762-edition-backup"
FORMAT_VERSION = 1


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a version's time is kept to the microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup or a restore that cannot be done, with the reason for the person running it."""


# Rows derived from the others and rebuilt by a restore (as by an import), not archived: the search
# index. Loading them as rows would race the index's own upkeep (a gloss saved re-indexes its document).
DERIVED_MODELS = {"edition.SearchEntry", "edition.SearchWord"}


def edition_models():
    """Every model of the app, the history models included, in the app's own order; not the derived ones."""
    return [model for model in apps.get_app_config("edition").get_models() if model._meta.label not in DERIVED_MODELS]


def rebuild_derived():
    """The search index of every restored document, its glosses included."""
    from .models import Document
    from .search.index import reindex_documents

    reindex_documents(Document.objects.all())


def users_for_backup(with_passwords):
    for user in User.objects.order_by("pk").iterator():
        if not with_passwords:
            user.password = make_password(None)  # unusable: never a hash from the archive
        yield user


def rows_for_backup(with_passwords):
    """Users and groups first: the rows after them name users by their natural key."""
    gloss_type = ContentType.objects.get_for_model(apps.get_model("edition", "Gloss"))
    return itertools.chain(
        Group.objects.order_by("pk").iterator(),
        users_for_backup(with_passwords),
        *(model._base_manager.order_by("pk").iterator() for model in edition_models()),
        LogEntry.objects.filter(content_type=gloss_type).order_by("pk").iterator(),
    )


def source_files():
    """The TEI files the imported documents came from, with the revision recorded at import."""
    from .models import Document

    recorded = dict(Document.objects.order_by().values_list("source_file", "source_revision").distinct())
    found = {}
    for name, revision in sorted(recorded.items()):
        path = Path(settings.SOURCES_DIR) / name
        if path.is_file():
            data = path.read_bytes()
            found[name] = {"data": data, "as_imported": hashlib.sha256(data).hexdigest() == revision}
        else:
            found[name] = {"data": None, "as_imported": False}
    return found


def write_backup(path, with_passwords=False):
    """Write the archive to `path`; returns the manifest."""
    from .models import Document, Gloss

    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="edition-backup-") as tmp:
        data_file = Path(tmp) / "data.json"
        # One read transaction: the documents, glosses and versions in the archive agree.
        with transaction.atomic(), data_file.open("w", encoding="utf-8") as out:
            serializers.serialize(
                "json",
                rows_for_backup(with_passwords),
                stream=out,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
                cls=FullPrecisionEncoder,
            )
            counts = {
                "documents": Document.objects.count(),
                "glosses": Gloss.objects.count(),
                "gloss_versions": Gloss.history.count(),
                "users": User.objects.count(),
                "groups": Group.objects.count(),
            }
            sources = source_files()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "with_passwords": with_passwords,
            "counts": counts,
            "sources": {
                name: {"included": s["data"] is not None, "as_imported": s["as_imported"]}
                for name, s in sources.items()
            },
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(data_file, arcname="data.json")
            for name, source in sources.items():
                if source["data"] is not None:
                    add_bytes(archive, f"sources/{name}", source["data"])
        partial.replace(path)  # never a half-written archive under the real name
    return manifest


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(f"not an edition backup (no readable manifest.json): {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("not an edition backup (unknown format)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"backup format version {manifest.get('format_version')} is not {FORMAT_VERSION}")
    return manifest


def database_content():
    """What already stands in the database that a restore would mix with, by name."""
    from .models import Document, Gloss

    return {
        name: count
        for name, count in (
            ("documents", Document.objects.count()),
            ("glosses", Gloss.objects.count()),
            ("gloss versions", Gloss.history.count()),
            ("users", User.objects.count()),
        )
        if count
    }


def open_archive(path):
    try:
        return tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read {path}: {error}") from error


def restore_backup(path, sources_to=None):
    """Load the archive at `path` into this (empty) database; returns the manifest."""
    with open_archive(Path(path)) as archive, tempfile.TemporaryDirectory(prefix="edition-restore-") as tmp:
        manifest = read_manifest(archive)
        call_command("migrate", verbosity=0, interactive=False)
        present = database_content()
        if present:
            found = ", ".join(f"{count} {name}" for name, count in present.items())
            raise BackupError(
                f"the database is not empty ({found}): restore only into a new, empty database, "
                "so that nothing is mixed or overwritten"
            )
        fixture = Path(tmp) / "data.json"
        with archive.extractfile("data.json") as data, fixture.open("wb") as out:
            while chunk := data.read(1 << 20):
                out.write(chunk)
        with transaction.atomic():
            call_command("loaddata", str(fixture), verbosity=0)
            letter_glosses_without_one()  # an archive written before gloss letters were kept
            rebuild_derived()
        if sources_to:
            write_sources(archive, Path(sources_to))
    return manifest


def write_sources(archive, target):
    """The archived TEI files into `target`, refusing any name that would land outside it."""
    target.mkdir(parents=True, exist_ok=True)
    for member in archive.getmembers():
        name = PurePosixPath(member.name)
        if name.parts[:1] != ("sources",) or not member.isfile():
            continue
        relative = PurePosixPath(*name.parts[1:])
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(f"refusing to write {member.name} outside {target}")
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(archive.extractfile(member).read())
