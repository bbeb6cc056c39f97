"""Editors with many glosses: the editor's page and a gloss save, with 1,000 glosses on the cable.

    .venv/bin/python bench/editors.py [--glosses 1000] [--repeat 7] [--out PATH]

Imports the cable into a fresh SQLite database (or the PostgreSQL database named by
BENCH_DATABASE_URL, dropped and created again; its name must contain "bench"), writes
--glosses glosses through the gloss domain (edition/glosses.py) spread over every passage,
on chosen words and on whole passages, half of them published, then times, in process
with Django's test client (the whole middleware stack, no network):

- the editor's reading view (alice, drafts included), median and worst of --repeat;
- a gloss save as the editor's browser makes it (htmx POST of the new-gloss form), the
  same for an edit, a publish and a delete;
- a reader's page from the cache and the 304 path, for comparison.

Targets (issue 11): with 1,000 glosses, a save < 100 ms and the editor's page < 300 ms.
Prints a table and writes JSON to bench-results/ (or --out).
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare_environment(database_url):
    workdir = tempfile.mkdtemp(prefix="edition-editors-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="edition.settings",
        DEBUG="1",
        SQLITE_PATH=str(Path(workdir) / "editors.sqlite3"),
        FACSIMILE_BASE_URL="",
        LOG_LEVEL="ERROR",
        AXES_ENABLED="0",
        ALLOWED_HOSTS="testserver",
    )
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        import psycopg

        parsed = urllib.parse.urlparse(database_url)
        name = parsed.path.lstrip("/")
        assert "bench" in name, f"refusing to recreate {name!r}: its name must contain 'bench'"
        with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database_url
    return workdir


def timed(action, repeat):
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = action()
        seconds.append(time.perf_counter() - started)
        assert response.status_code in (200, 304), (response.status_code, response.content[:500])
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
        "kib": round(len(response.content) / 1024, 1),
        "status": response.status_code,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--glosses", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    prepare_environment(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from edition import glosses
    from edition.importer import import_sources
    from edition.models import Document, Gloss
    from edition.permissions import editors_group

    call_command("migrate", verbosity=0)
    import_sources([ROOT / "sources" / "usun-1762.xml"])
    from django.contrib.auth.models import User

    alice = User.objects.create_user("alice", password="bench-password-not-secret-1")
    alice.groups.add(editors_group())
    cable = Document.objects.get(slug="usun-1762")
    passages = list(cable.passages.text())
    rng = random.Random(1762)
    started = time.perf_counter()
    for n in range(args.glosses):
        passage = passages[n % len(passages)]
        words = passage.reading_text.split()
        selectors = None
        if words and n % 3:
            word = rng.choice(words)
            start = passage.reading_text.index(word)
            end = start + len(word)
            text = passage.reading_text
            selectors = {
                "exact": word,
                "prefix": text[max(0, start - 32) : start],
                "suffix": text[end : end + 32],
                "start": start,
                "end": end,
            }
        gloss = glosses.create_gloss(alice, cable, passage.xml_id, selectors, f"Gloss {n}: *a note* on the text.")
        if n % 2:
            glosses.publish(gloss, alice)
    seeding = time.perf_counter() - started

    editor = Client()
    editor.force_login(alice)
    reader = Client()
    url = cable.get_absolute_url()
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver" + url}
    rows = {}
    rows["editor's page (drafts included)"] = timed(lambda: editor.get(url), args.repeat)
    target = passages[len(passages) // 2]
    counter = iter(range(10**6))
    rows["gloss save (htmx, new draft)"] = timed(
        lambda: editor.post(
            f"{url}passages/{target.xml_id}/glosses/new/",
            {"body": f"Saved under load {next(counter)}.", "view": "reading"},
            **htmx,
        ),
        args.repeat,
    )

    def latest():
        return Gloss.objects.filter(passage_xml_id=target.xml_id).order_by("-pk").first()

    rows["gloss edit (htmx)"] = timed(
        lambda: (
            (g := latest())
            and editor.post(
                f"/glosses/{g.public_id}/edit/", {"body": "Edited.", "version": g.version, "view": "reading"}, **htmx
            )
        ),
        args.repeat,
    )
    rows["gloss publish (htmx)"] = timed(
        lambda: (
            (g := Gloss.objects.filter(state=Gloss.State.DRAFT, deleted_at=None).order_by("?").first())
            and editor.post(f"/glosses/{g.public_id}/publish/", {"version": g.version, "view": "reading"}, **htmx)
        ),
        args.repeat,
    )
    rows["gloss delete (htmx)"] = timed(
        lambda: (
            (g := Gloss.objects.filter(deleted_at=None).order_by("?").first())
            and editor.post(f"/glosses/{g.public_id}/delete/", {"version": g.version, "view": "reading"}, **htmx)
        ),
        args.repeat,
    )
    rows["reader's page (cached)"] = timed(lambda: reader.get(url, HTTP_ACCEPT_ENCODING="gzip"), args.repeat)
    etag = reader.get(url, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    rows["reader, If-None-Match (304)"] = timed(
        lambda: reader.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag), args.repeat
    )

    from django.db import connection

    print(f"\n{args.glosses} glosses on the cable ({connection.vendor}; seeded in {seeding:.1f} s)")
    print(f"| {'what':34} | {'median ms':>9} | {'max ms':>8} | {'KiB':>8} |")
    print(f"|{'-' * 36}|{'-' * 10}:|{'-' * 9}:|{'-' * 9}:|")
    for what, row in rows.items():
        print(f"| {what:34} | {row['median_ms']:9.1f} | {row['max_ms']:8.1f} | {row['kib']:8.1f} |")
    report = {"glosses": args.glosses, "database": connection.vendor, "repeat": args.repeat, "rows": rows}
    out = args.out or ROOT / "bench-results" / f"editors-{connection.vendor}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"Written to {out}")


if __name__ == "__main__":
    main()
