"""Search benchmark (issue 12): latency at one FRUS volume and at fifty, on SQLite and PostgreSQL.

    .venv/bin/python bench/search.py [--volumes 50] [--requests 100] [--vendors sqlite,postgresql] [--keep DIR]

For each database and each size (1 volume, then --volumes): a database holding the cable and the
FRUS volume, then the volume imported again under distinct ids and slugs (the scale fixture,
manage.py scale_fixture) up to --volumes; PostgreSQL's statistics gathered (VACUUM ANALYZE, as
autovacuum would after an import); then the searches timed. Each search is a full GET
/search/?q=… through Django's test client (parse, count, facets, one page, snippets, HTML).
Reports median and p99 for a rare word, "the", a phrase and a misspelling, the cable's reading
view (from the page cache, and made afresh), the median CPU time of this process (SQLite's work
included, not PostgreSQL's server: on a shared machine the figure others' load inflates least),
the bytes of a results page, the import time per volume, the database size and the load average;
writes bench-results/search-<timestamp>.json.

Without --keep, every database is new and thrown away: SQLite in a temporary directory, PostgreSQL
databases search_bench_1 and search_bench_<N> (dropped and created again) on DATABASE_URL's server
(default postgres://postgres@127.0.0.1:5432).

With --keep DIR, the databases are kept and reused: SQLite in DIR/scale<N>.sqlite3, PostgreSQL
databases scale<N>, each one's import times in DIR/scale<N>.<vendor>.import.json (written once its
import is complete). A later run with the same --keep measures them again without importing
(the import figures are the ones recorded when they were built); --rebuild builds them anew.

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
# The same page made afresh each time: a query string the page ignores but the page cache keys on.
RENDERED = ("  made afresh", "/documents/usun-1762/?bench={n}")
TARGETS_MS = {"rare word": 50, "phrase": 50, "common word": 150}
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(client, url, requests):
    """The same URL `requests` times ({n} in it: a different URL each time)."""
    response = client.get(url.format(n="warm"))
    assert response.status_code == 200, (url, response.status_code)
    timings, cpu = [], []
    for n in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url.format(n=n))
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p99_ms": round(percentile(timings, 0.99), 1),
        # This process's CPU alone (with SQLite, the database's work too; not PostgreSQL's server):
        # on a shared machine, what the other engineers' load does not inflate.
        "cpu_median_ms": round(statistics.median(cpu), 1),
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
    rows[RENDERED[0]] = timed(client, RENDERED[1], max(10, requests // 3))
    return {"documents": Document.objects.count(), "passages": Passage.objects.count(), "timings": rows}


def database_bytes():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(connection.settings_dict["NAME"])
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def postgres_server():
    """DATABASE_URL's server (without its database), or the local one."""
    url = os.environ.get("DATABASE_URL")
    return url.rsplit("/", 1)[0] if url else POSTGRES_SERVER


def postgres_database_exists(name):
    import psycopg

    with psycopg.connect(postgres_server() + "/postgres", autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def recreate_postgres_database(name):
    import psycopg

    with psycopg.connect(postgres_server() + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def database_place(vendor, volumes, keep):
    """(what DATABASE_URL or SQLITE_PATH is set to, the import record's path or None, whether it exists)."""
    if keep:
        keep = Path(keep).resolve()
        keep.mkdir(parents=True, exist_ok=True)
        record = keep / f"scale{volumes}.{vendor}.import.json"
        if vendor == "postgresql":
            name = f"scale{volumes}"
            return postgres_server() + "/" + name, record, record.exists() and postgres_database_exists(name)
        path = keep / f"scale{volumes}.sqlite3"
        return str(path), record, record.exists() and path.exists()
    if vendor == "postgresql":
        return postgres_server() + f"/search_bench_{volumes}", None, False
    return str(Path(tempfile.mkdtemp(prefix="search-bench-")) / "bench.sqlite3"), None, False


def build(volumes, log):
    """The cable and the FRUS volume, then copies of the volume up to `volumes`: the import times."""
    from django.db import connection

    from edition.importer import import_sources
    from edition.management.commands.scale_fixture import import_copies

    started = time.perf_counter()
    import_sources(SOURCES)
    record = {"volumes": volumes, "first_import_seconds": round(time.perf_counter() - started, 2)}
    seconds = import_copies(1, volumes - 1, SOURCES[1], report=lambda k, s: log(f"copy {k}: {s:.1f} s"))
    record["copies_import_seconds"] = [round(s, 2) for s in seconds]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a large import, done now
    return record


def worker(vendor, volumes, requests, out, keep=None, rebuild=False):
    place, record_path, built = database_place(vendor, volumes, keep)
    reuse = built and not rebuild

    def log(message):
        print(f"[{vendor}, {volumes} volume{'s' if volumes > 1 else ''}] {message}", flush=True)

    if vendor == "postgresql":
        if not reuse:
            recreate_postgres_database(place.rsplit("/", 1)[1])
        os.environ["DATABASE_URL"] = place
    else:
        os.environ.pop("DATABASE_URL", None)
        if not reuse:
            for stale in Path(place).parent.glob(Path(place).name + "*"):
                stale.unlink()
        os.environ["SQLITE_PATH"] = place
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edition.settings")
    os.environ["FACSIMILE_BASE_URL"] = ""
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a kept database gets the migrations made since it was built
    if reuse:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        log(f"reusing {place} (imported {record.get('built', 'earlier')})")
    else:
        log(f"importing into {place}")
        record = build(volumes, log)
        record["built"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        if record_path:
            record_path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    copies = record["copies_import_seconds"]
    result = {
        "vendor": vendor,
        "database": place,
        "reused": reuse,
        **record,
        "import_seconds_per_volume_median": round(statistics.median(copies), 2) if copies else None,
        **measure(requests),
        "database_bytes": database_bytes(),
        "load_average": os.getloadavg(),
    }
    log("measured")
    Path(out).write_text(json.dumps(result, indent=2), encoding="utf-8")


def report(results):
    """One table per database: each search at 1 volume and at N, beside its target."""
    lines = []
    for vendor in dict.fromkeys(r["vendor"] for r in results):
        one, many = (r for r in results if r["vendor"] == vendor)
        lines.append(
            f"\n{vendor}: 1 volume = {one['documents']} documents, {one['passages']} passages; "
            f"{many['volumes']} volumes = {many['documents']} documents, {many['passages']} passages"
            + (" (databases reused)" if one["reused"] or many["reused"] else "")
        )
        lines.append(
            f"  import: cable + volume {one['first_import_seconds']} s; per further volume, median "
            f"{many['import_seconds_per_volume_median']} s (min {min(many['copies_import_seconds'], default=0)},"
            f" max {max(many['copies_import_seconds'], default=0)})"
        )
        lines.append(
            f"  database size: {one['database_bytes'] / 2**20:.1f} MiB -> {many['database_bytes'] / 2**20:.1f} MiB"
        )
        lines.append(
            "  load average while measured (1, 5, 15 min): "
            + " -> ".join(", ".join(f"{x:.2f}" for x in r["load_average"]) for r in (one, many))
        )
        lines.append(
            f"  {'what':22} {'1 vol median':>12} {'p99':>7} {'cpu':>6} {'KiB':>6} |"
            f" {str(many['volumes']) + ' vol median':>12} {'p99':>7} {'cpu':>6} {'KiB':>6} | target p99"
        )
        for label in [s[0] for s in SEARCHES] + [READING[0], RENDERED[0]]:
            a, b = one["timings"][label], many["timings"][label]
            target = f"< {TARGETS_MS[label]} ms" if label in TARGETS_MS else ""
            target = "no slower" if label in (READING[0], RENDERED[0]) else target
            lines.append(
                f"  {label:22} {a['median_ms']:12.1f} {a['p99_ms']:7.1f} {a.get('cpu_median_ms', 0):6.1f}"
                f" {a['bytes'] / 1024:6.1f} | {b['median_ms']:12.1f} {b['p99_ms']:7.1f}"
                f" {b.get('cpu_median_ms', 0):6.1f} {b['bytes'] / 1024:6.1f} | {target}"
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
        "--keep",
        metavar="DIR",
        help="keep the databases (SQLite files and import records in DIR, PostgreSQL databases scale1, scale<N>)"
        " and reuse them on later runs instead of importing again",
    )
    parser.add_argument("--rebuild", action="store_true", help="with --keep: import again even if they are there")
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
        worker(args.worker, args.volumes, args.requests, args.out, args.keep, args.rebuild)
        return
    if args.measure:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edition.settings")
        os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connection

        print(
            json.dumps(
                {"vendor": connection.vendor, **measure(args.requests), "database_bytes": database_bytes()}, indent=2
            )
        )
        return
    results = []
    for vendor in args.vendors.split(","):
        for volumes in (1, args.volumes):
            out = Path(tempfile.mkstemp(prefix=f"search-bench-{vendor}-{volumes}-", suffix=".json")[1])
            command = [sys.executable, __file__, "--worker", vendor, "--volumes", str(volumes)]
            command += ["--requests", str(args.requests), "--out", str(out)]
            command += ["--keep", args.keep] if args.keep else []
            command += ["--rebuild"] if args.rebuild else []
            subprocess.run(command, check=True)
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
