"""Search benchmark (issue 12): latency at one FRUS volume and at fifty, on SQLite and PostgreSQL.

    .venv/bin/python bench/search.py [--volumes 50] [--requests 100] [--vendors sqlite,postgresql]

For each database: a fresh database, the cable and the FRUS volume imported (1 volume), the
searches timed; then the volume imported again under distinct ids and slugs (the scale fixture,
manage.py scale_fixture) up to --volumes, and the searches timed again. Each search is a full
GET /search/?q=… through Django's test client (parse, count, facets, one page, snippets, HTML).
Reports median and p99 per search, the cable's reading view, the bytes of a results page, the
import time per volume and the database size; writes bench-results/search-<timestamp>.json.
PostgreSQL: DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432), database
search_bench (dropped and created again).

    .venv/bin/python bench/search.py --load [--duration 10] [--databases sqlite,postgresql]

Under load instead (issue 11): bench/load.py's machinery (a fresh database with sources/ imported,
gunicorn from gunicorn.conf.py, 4 sync workers, DEBUG=0; Debian's wrk at 32 connections) driving
only the floor and the search pages: req/s, p50, p99 and the ratio to the floor, measured in one run.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "sources" / "usun-1762.xml", ROOT / "sources" / "frus1961-63v06.xml"]
SEARCHES = [
    ("rare word", "Bolshakov"),
    ("common word", "the"),
    ("phrase", '"firm undertakings"'),
    ("misspelling", "quarentine"),
]
READING = ("cable reading view", "/documents/usun-1762/")
TARGETS_MS = {"rare word": 50, "phrase": 50, "common word": 150}
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(client, url, requests):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p99_ms": round(percentile(timings, 0.99), 1),
        "bytes": len(response.content),
    }


def measure(requests):
    from urllib.parse import urlencode

    from django.test import Client

    from edition.models import Document, Passage

    client = Client(SERVER_NAME="127.0.0.1")
    rows = {}
    for label, query in SEARCHES:
        rows[label] = {"query": query, **timed(client, "/search/?" + urlencode({"q": query}), requests)}
    rows[READING[0]] = timed(client, READING[1], max(10, requests // 3))
    return {"documents": Document.objects.count(), "passages": Passage.objects.count(), "timings": rows}


def database_bytes(vendor, workdir):
    from django.db import connection

    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in Path(workdir).glob("bench.sqlite3*"))


def worker(vendor, volumes, requests, out):
    workdir = tempfile.mkdtemp(prefix="search-bench-")
    if vendor == "postgresql":
        import psycopg

        server = (
            os.environ.get("DATABASE_URL", POSTGRES_SERVER).rsplit("/", 1)[0]
            if os.environ.get("DATABASE_URL")
            else POSTGRES_SERVER
        )
        with psycopg.connect(server + "/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS search_bench")
            admin.execute("CREATE DATABASE search_bench")
        os.environ["DATABASE_URL"] = server + "/search_bench"
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(Path(workdir) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edition.settings")
    os.environ["FACSIMILE_BASE_URL"] = ""
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from edition.importer import import_sources
    from edition.management.commands.scale_fixture import import_copies

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    import_sources(SOURCES)
    first_import = time.perf_counter() - started
    result = {"vendor": vendor, "first_import_seconds": round(first_import, 2)}
    result["one_volume"] = {**measure(requests), "database_bytes": database_bytes(vendor, workdir)}
    print(f"[{vendor}] 1 volume measured", flush=True)
    seconds = import_copies(
        1, volumes - 1, SOURCES[1], report=lambda k, s: print(f"[{vendor}] copy {k}: {s:.1f} s", flush=True)
    )
    result["copies_import_seconds"] = [round(s, 2) for s in seconds]
    result["import_seconds_per_volume_median"] = round(statistics.median(seconds), 2) if seconds else None
    result["many_volumes"] = {
        "volumes": volumes,
        **measure(requests),
        "database_bytes": database_bytes(vendor, workdir),
    }
    Path(out).write_text(json.dumps(result, indent=2), encoding="utf-8")


def report(results):
    lines = []
    for result in results:
        one, many = result["one_volume"], result["many_volumes"]
        lines.append(
            f"\n{result['vendor']}: 1 volume = {one['documents']} documents, {one['passages']} passages; "
            f"{many['volumes']} volumes = {many['documents']} documents, {many['passages']} passages"
        )
        lines.append(
            f"  import: cable + volume {result['first_import_seconds']} s; per further volume, median "
            f"{result['import_seconds_per_volume_median']} s"
        )
        lines.append(
            f"  database size: {one['database_bytes'] / 2**20:.1f} MiB -> {many['database_bytes'] / 2**20:.1f} MiB"
        )
        lines.append(
            f"  {'what':22} {'1 vol median':>12} {'p99':>7} {'KiB':>6} |"
            f" {'N vol median':>12} {'p99':>7} {'KiB':>6} | target p99"
        )
        for label in [s[0] for s in SEARCHES] + [READING[0]]:
            a, b = one["timings"][label], many["timings"][label]
            target = (
                f"< {TARGETS_MS[label]} ms" if label in TARGETS_MS else ("no slower" if label == READING[0] else "")
            )
            lines.append(
                f"  {label:22} {a['median_ms']:12.1f} {a['p99_ms']:7.1f} {a['bytes'] / 1024:6.1f} | "
                f"{b['median_ms']:12.1f} {b['p99_ms']:7.1f} {b['bytes'] / 1024:6.1f} | {target}"
            )
    return "\n".join(lines)


LOAD_SEARCHES = [("IL-28", "IL-28"), *SEARCHES]


def load(args):
    """The search pages under wrk, beside the floor, through bench/load.py (which owns the server and wrk)."""
    import importlib.util
    from urllib.parse import urlencode

    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
    bench_load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_load)
    bench_load.TARGETS = [bench_load.TARGETS[0]] + [
        (f"search {query!r} ({label})", "/search/?" + urlencode({"q": query}), "get") for label, query in LOAD_SEARCHES
    ]
    args.script = Path(tempfile.mkdtemp(prefix="search-load-")) / "report.lua"
    args.script.write_text(bench_load.WRK_SCRIPT)
    args.cache_url, args.threads, args.gzip = "", 2, False
    results = []
    for database in args.databases.split(","):
        if database == "postgresql" and not bench_load.postgresql_answers():
            print("PostgreSQL does not answer on 127.0.0.1:5432: skipped")
            continue
        with tempfile.TemporaryDirectory(prefix=f"search-load-{database}-") as workdir:
            results.append(bench_load.bench_database(database, args, Path(workdir)))
        bench_load.print_table(results[-1], args)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--volumes", type=int, default=50)
    parser.add_argument("--requests", type=int, default=100, help="requests per search (default 100)")
    parser.add_argument("--vendors", default="sqlite,postgresql")
    parser.add_argument(
        "--measure",
        action="store_true",
        help="only time the searches on the database DATABASE_URL or SQLITE_PATH names, as it is"
        " (e.g. one built by manage.py scale_fixture), and print JSON",
    )
    parser.add_argument("--load", action="store_true", help="the search pages under wrk (see above)")
    parser.add_argument("--duration", type=int, default=10, help="--load: seconds of load per page")
    parser.add_argument("--connections", type=int, default=32, help="--load: wrk connections")
    parser.add_argument("--workers", type=int, default=4, help="--load: gunicorn sync workers")
    parser.add_argument("--databases", default="sqlite,postgresql", help="--load: comma-separated")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        results = load(args)
        out_dir = ROOT / "bench-results"
        out_dir.mkdir(exist_ok=True)
        path = out_dir / f"search-load-{time.strftime('%Y%m%d-%H%M%S')}.json"
        path.write_text(json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "results": results}, indent=2))
        print(f"\nWritten to {path.relative_to(ROOT)}")
        return
    if args.worker:
        worker(args.worker, args.volumes, args.requests, args.out)
        return
    if args.measure:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edition.settings")
        os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connection

        vendor = connection.vendor
        workdir = Path(os.environ.get("SQLITE_PATH", "db.sqlite3")).parent
        size = (
            database_bytes(vendor, workdir)
            if vendor == "postgresql"
            else sum(
                p.stat().st_size for p in workdir.glob(Path(os.environ.get("SQLITE_PATH", "db.sqlite3")).name + "*")
            )
        )
        print(json.dumps({"vendor": vendor, **measure(args.requests), "database_bytes": size}, indent=2))
        return
    results = []
    for vendor in args.vendors.split(","):
        out = Path(tempfile.mkstemp(prefix=f"search-bench-{vendor}-", suffix=".json")[1])
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                vendor,
                "--volumes",
                str(args.volumes),
                "--requests",
                str(args.requests),
                "--out",
                str(out),
            ],
            check=True,
        )
        results.append(json.loads(out.read_text()))
        out.unlink()
    print(report(results))
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    path = out_dir / f"search-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(
        json.dumps(
            {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cpus": os.cpu_count(), "results": results}, indent=2
        ),
        encoding="utf-8",
    )
    print(f"\nWritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
