"""Scale fixture: the FRUS volume imported N times under distinct ids and slugs.

    manage.py scale_fixture --volumes 50

Copy k of sources/frus1961-63v06.xml is imported as collection "frus1961-63v06-xK"
(its documents are frus1961-63v06-xK-d1 …), each copy in its own import, as a real
volume would be, so the time of one import is the time per volume. For the search
benchmark (bench/search.py), never for the test suite: at 50 copies it is about 6,000
documents and 90,000 passages.
"""

import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from edition.importer import import_sources

VOLUME = "frus1961-63v06.xml"


def copy_name(k):
    return f"frus1961-63v06-x{k:02d}.xml"


def import_copies(first, last, source=None, report=None):
    """Import copies first..last (inclusive) of the volume; returns the seconds each import took."""
    source = Path(source or Path(settings.SOURCES_DIR) / VOLUME)
    text = source.read_bytes()
    seconds = []
    with tempfile.TemporaryDirectory(prefix="scale-fixture-") as workdir:
        for k in range(first, last + 1):
            copy = Path(workdir) / copy_name(k)
            copy.write_bytes(text)
            started = time.perf_counter()
            import_sources([copy])
            seconds.append(time.perf_counter() - started)
            copy.unlink()
            if report:
                report(k, seconds[-1])
    return seconds


class Command(BaseCommand):
    help = "Import the FRUS volume N times under distinct ids and slugs (for the search benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--volumes", type=int, default=50, help="how many copies in all (default 50)")
        parser.add_argument("--first", type=int, default=1, help="number of the first copy (default 1)")

    def handle(self, *args, volumes, first, **options):
        seconds = import_copies(
            first,
            first + volumes - 1,
            report=lambda k, s: self.stdout.write(f"copy {k}: imported in {s:.2f} s"),
        )
        self.stdout.write(f"{len(seconds)} copies, {sum(seconds) / max(len(seconds), 1):.2f} s per volume")
