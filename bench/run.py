"""Benchmark: import the FRUS volume and the cable into a fresh SQLite
database, measure the database's size, then time each view once at a time in
process (Django's test client: what one request costs, with no server and no
concurrency). These are not load figures: bench/load.py measures those, over
HTTP under gunicorn with wrk, against the floor.

    .venv/bin/python bench/run.py [--requests N]

Prints a small table and writes bench-results/bench-<timestamp>.json.
Runs in a temporary directory; never touches db.sqlite3.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "sources" / "usun-1762.xml", ROOT / "sources" / "frus1961-63v06.xml"]
VIEWS = [
    ("cable reading view", "/documents/usun-1762/"),
    ("cable diplomatic view", "/documents/usun-1762/?view=diplomatic"),
    ("FRUS letter (doc 67)", "/documents/frus1961-63v06-d67/"),
    ("FRUS long document (doc 93)", "/documents/frus1961-63v06-d93/"),
    ("corpus documents list", "/documents/"),
    ("persons index", "/persons/"),
    ("search 'the' (many hits)", "/search/?q=the"),
]
# An editor's view of the cable with this many glosses laid into the text (drafts and published).
EDITOR_GLOSSES = 40


def peak_rss_mib():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def editor_with_glosses(count):
    """An editor, and glosses on words spread over the cable's passages, written as the app writes them."""
    from django.contrib.auth.models import User

    from edition.anchoring import selectors_for
    from edition.glosses import create_gloss
    from edition.models import Document
    from edition.permissions import editors_group

    user = User.objects.create_user("bench-editor")
    user.groups.add(editors_group())
    cable = Document.objects.get(slug="usun-1762")
    passages = [p for p in cable.passages.text() if len(p.reading_text) > 40]
    for n in range(count):
        passage = passages[n % len(passages)]
        start = (n * 7) % (len(passage.reading_text) - 20)
        words = selectors_for(passage.reading_text, start, start + 12)
        create_gloss(user, cable, passage.xml_id, words, f"Gloss {n}.")
    return user


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=30, help="requests per view (default 30)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    database = workdir / "bench.sqlite3"
    os.environ["SQLITE_PATH"] = str(database)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edition.settings")
    os.environ["FACSIMILE_BASE_URL"] = ""
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from edition.importer import import_sources
    from edition.models import Document, Note, Page, Passage

    call_command("migrate", verbosity=0)
    rss_before = peak_rss_mib()
    started = time.perf_counter()
    summary = import_sources(SOURCES)
    import_seconds = time.perf_counter() - started
    rss_after = peak_rss_mib()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    db_bytes = sum(p.stat().st_size for p in workdir.glob("bench.sqlite3*"))

    client = Client(SERVER_NAME="127.0.0.1")
    editor = Client(SERVER_NAME="127.0.0.1")
    editor.force_login(editor_with_glosses(EDITOR_GLOSSES))
    served = []
    views = [(label, url, client) for label, url in VIEWS]
    views.append((f"cable, editor, {EDITOR_GLOSSES} glosses", "/documents/usun-1762/", editor))
    for label, url, client in views:
        response = client.get(url)  # warm-up (and a check)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
        served.append(
            {
                "view": label,
                "url": url,
                "bytes": len(response.content),
                "median_ms": round(statistics.median(timings), 2),
                "p95_ms": round(sorted(timings)[int(0.95 * (len(timings) - 1))], 2),
            }
        )

    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "import": {
            "files": [s["file"] for s in summary],
            # Counted in the database: what the import wrote, whatever its summary reports.
            "documents": Document.objects.count(),
            "passages": Passage.objects.count(),
            "notes": Note.objects.count(),
            "pages": Page.objects.count(),
            "wall_seconds": round(import_seconds, 3),
            "peak_rss_mib": round(rss_after, 1),
            "peak_rss_before_import_mib": round(rss_before, 1),
        },
        "database": {"engine": "sqlite3", "bytes": db_bytes, "mib": round(db_bytes / 2**20, 2)},
        "serving": {
            "client": "django.test.Client (in process, no network, one request at a time; not a load figure)",
            "requests_per_view": args.requests,
            "views": served,
        },
    }

    imp = result["import"]
    print(
        f"Import of {', '.join(imp['files'])}: {imp['documents']} documents, {imp['passages']} passages, "
        f"{imp['notes']} notes, {imp['pages']} pages"
    )
    print(f"  wall time        {imp['wall_seconds']:8.2f} s")
    print(f"  peak RSS         {imp['peak_rss_mib']:8.1f} MiB (before import: {imp['peak_rss_before_import_mib']} MiB)")
    print(f"  SQLite database  {result['database']['mib']:8.2f} MiB")
    print()
    print("One request at a time, in process (cost per request, not load: see bench/load.py)")
    print(f"{'view':30} {'KiB':>7} {'median ms':>10} {'p95 ms':>8}")
    for row in served:
        print(f"{row['view']:30} {row['bytes'] / 1024:7.1f} {row['median_ms']:10.2f} {row['p95_ms']:8.2f}")

    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nWritten to {out.relative_to(ROOT)}")
    for path in workdir.glob("*"):
        path.unlink()
    workdir.rmdir()


if __name__ == "__main__":
    main()
