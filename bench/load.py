"""Load benchmark: what readers and editors feel, over HTTP, under load.

    .venv/bin/python bench/load.py [--duration 10] [--connections 32] [--workers 4] [--databases sqlite,postgresql]

For each database it prepares a fresh one (SQLite in a temporary directory; PostgreSQL in the
database named by BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/edition_bench,
dropped and created again), imports sources/, collects the static files, and starts gunicorn from
gunicorn.conf.py as in production (DEBUG=0, 4 sync workers). Then Debian's wrk drives each page
at 32 connections for --duration seconds and reports requests per second, p50 and p99 latency,
and the ratio to the floor: a trivial page of 80 KB of prebuilt bytes (BENCH_FLOOR=1), measured
in the same run, because absolute figures on a shared machine are noisy and ratios much less so.

Requests are sent as wrk sends them, without Accept-Encoding (as the issue's figures were measured),
so every page travels uncompressed; --gzip asks for gzip, as browsers do. The 304 path sends the
If-None-Match of the cable's reading view (of the representation asked for: plain or gzip) and is
answered 304 (the table's status column says so).
Gloss writes: an editor logged in over HTTP (session and CSRF) posts the no-JavaScript gloss form.

Prints a table per database and writes bench-results/load-<timestamp>.json. Talks only to 127.0.0.1.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.serving import NoRedirect, fetch, free_port, gunicorn  # noqa: E402

PYTHON = sys.executable
PASSWORD = "bench-password-not-secret-1"  # a throwaway database, deleted afterwards
CABLE = "/documents/usun-1762/"
WRITE_URL = "/documents/usun-1762/passages/para-1/glosses/new/"
# (label, path, kind): kind says how wrk sends it.
TARGETS = [
    ("floor (80 KB prebuilt bytes)", "/bench/floor/", "get"),
    ("the cable, reading view", CABLE, "get"),
    ("FRUS letter d67", "/documents/frus1961-63v06-d67/", "get"),
    ("home page", "/", "get"),
    ("persons index", "/persons/", "get"),
    ('search "IL-28"', "/search/?q=IL-28", "get"),
    ('search "the"', "/search/?q=the", "get"),
    ("the cable, If-None-Match (304 path)", CABLE, "conditional"),
    ("gloss writes (editor, form post)", WRITE_URL, "write"),
]

# wrk reports through this script: one JSON line from done(), latencies in microseconds.
WRK_SCRIPT = r"""
if os.getenv("BENCH_WRK_GZIP") == "1" then
  wrk.headers["Accept-Encoding"] = "gzip"
end
local extra = os.getenv("BENCH_WRK_HEADERS")
if extra and extra ~= "" then
  for line in string.gmatch(extra, "[^\n]+") do
    local name, value = string.match(line, "^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
end
local body = os.getenv("BENCH_WRK_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
function done(summary, latency, requests)
  io.write(string.format(
    '\nBENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, ' ..
    '"max_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.mean,
    latency.max, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
"""


def editor_session(base):
    """Log the bench editor in through the real form: the cookies and token wrk will send."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    fetch(base + "/accounts/login/", opener=opener)
    cookies = {c.name: c.value for c in jar}
    form = urllib.parse.urlencode(
        {"username": "bench-editor", "password": PASSWORD, "csrfmiddlewaretoken": cookies["csrftoken"]}
    ).encode()
    status, _, _ = fetch(base + "/accounts/login/", data=form, opener=opener)
    assert status == 302, f"the bench editor could not log in ({status})"
    return {c.name: c.value for c in jar}


def prepare_postgresql(url):
    """Drop and create the bench database (never the one the app or the tests use)."""
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    assert name and "bench" in name, f"refusing to recreate {name!r}: the bench database's name must contain 'bench'"
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def answers(address):
    try:
        socket.create_connection(address, timeout=2).close()
        return True
    except OSError:
        return False


def postgresql_answers():
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
        return True
    except OSError:
        return False


def run_wrk(url, args, headers=(), body=""):
    env = {
        **os.environ,
        "BENCH_WRK_HEADERS": "\n".join(headers),
        "BENCH_WRK_BODY": body,
        "BENCH_WRK_GZIP": "1" if args.gzip else "0",
    }
    command = [
        "wrk",
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{args.duration}s",
        "--timeout",
        "10s",
        "-s",
        str(args.script),
        url,
    ]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "mean_ms": round(raw["mean_us"] / 1000, 1),
        "kib_per_response": round(raw["bytes"] / max(raw["requests"], 1) / 1024, 1),
        "errors": raw["errors"],
    }


def bench_database(database, args, workdir):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",  # plain HTTP on 127.0.0.1: the bench's own client must keep the cookies
        "BENCH_FLOOR": "1",
        "FACSIMILE_BASE_URL": "",
        "LOG_LEVEL": "ERROR",
        "GUNICORN_ACCESS_LOG": "",
        "WEB_CONCURRENCY": str(args.workers),
        "STATIC_ROOT": str(workdir / "static"),
        "SQLITE_PATH": str(workdir / f"{database}.sqlite3"),
    }
    env.pop("DATABASE_URL", None)
    env.pop("CACHE_URL", None)
    if args.cache_url:  # one page cache for the 4 workers, as production runs them (edition/caching.py)
        env.update(CACHE_URL=args.cache_url, CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(6)}")
    if database == "postgresql":
        env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/edition_bench")
        prepare_postgresql(env["DATABASE_URL"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env.update(PORT=str(port), SITE_ROOT=base)

    def manage(*command):
        done = subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"manage.py {command[0]} failed:\n{done.stderr[-3000:]}")

    manage("migrate", "--noinput")
    manage("import_sources")
    manage("collectstatic", "--noinput")
    manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User\nfrom edition.permissions import editors_group\n"
        f"user = User.objects.create_user('bench-editor', password={PASSWORD!r})\n"
        "user.groups.add(editors_group())",
    )

    rows = []
    with gunicorn(env, workdir / f"gunicorn-{database}.log", port=port, ready="/healthz") as base:
        # The ETag of the representation wrk asks for: the compressed page's has its own.
        status, headers, _ = fetch(base + CABLE, headers={"Accept-Encoding": "gzip"} if args.gzip else {})
        etag = headers.get("ETag", "")
        cookies = editor_session(base)
        cookie_header = "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())
        write_body = urllib.parse.urlencode(
            {"body": "A gloss written under load.", "csrfmiddlewaretoken": cookies["csrftoken"]}
        )
        for label, path, kind in TARGETS:
            headers, body = [], ""
            if kind == "conditional":
                headers = [f"If-None-Match: {etag or chr(34) + 'no-etag-sent' + chr(34)}"]
            elif kind == "write":
                headers, body = [cookie_header], write_body
            # One request first: what it answers is part of the result (a 304 path that answers 200 says so).
            answered = fetch(
                base + path, headers=dict(h.split(": ", 1) for h in headers), data=body.encode() if body else None
            )[0]
            if kind != "write":  # warm the workers' connections and caches; writes would add glosses
                run_wrk(base + path, argparse.Namespace(**{**vars(args), "duration": 2}), headers, body)
            result = run_wrk(base + path, args, headers, body)
            rows.append({"page": label, "url": path, "status": answered, **result})
            print(f"  {database:10} {label:40} {result['requests_per_second']:8.1f} req/s", flush=True)
    floor = rows[0]["requests_per_second"]
    for row in rows:
        row["x_floor"] = round(row["requests_per_second"] / floor, 3) if floor else None
    server_errors = [
        line
        for line in (workdir / f"gunicorn-{database}.log").read_text().splitlines()
        if "Error" in line or "Traceback" in line
    ]
    return {"database": database, "etag_sent_by_cable": etag or None, "rows": rows, "server_errors": server_errors[:20]}


def print_table(result, args):
    print(
        f"\n{result['database']}: gunicorn, {args.workers} sync workers, DEBUG=0; wrk, {args.connections} connections, "
        f"{args.duration} s per page{', gzip' if args.gzip else ''}; load average now {os.getloadavg()[0]:.1f}"
    )
    print(f"| {'page':40} | {'status':>6} | {'req/s':>8} | {'p50 ms':>8} | {'p99 ms':>8} | {'x floor':>7} |")
    print(f"|{'-' * 42}|{'-' * 7}:|{'-' * 9}:|{'-' * 9}:|{'-' * 9}:|{'-' * 8}:|")
    for row in result["rows"]:
        print(
            f"| {row['page']:40} | {row['status']:>6} | {row['requests_per_second']:8.1f} | {row['p50_ms']:8.1f} | "
            f"{row['p99_ms']:8.1f} | {row['x_floor']:7.3f} |"
        )
    if result["server_errors"]:
        print("Server errors:\n  " + "\n  ".join(result["server_errors"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip, as browsers do")
    parser.add_argument(
        "--cache",
        choices=["auto", "locmem", "redis"],
        default="locmem",
        help="the page cache: each worker's own memory (the default for one server), or Redis on 127.0.0.1:6379 "
        "(auto: when it answers)",
    )
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        help="comma-separated; postgresql is skipped, and said so, when nothing answers on 5432",
    )
    args = parser.parse_args()
    args.cache_url = ""
    if args.cache == "redis" or (args.cache == "auto" and answers(("127.0.0.1", 6379))):
        args.cache_url = "redis://127.0.0.1:6379/0"
    print(f"Page cache: {args.cache_url or 'each worker its own (locmem)'}")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk (make bench does it)")

    results = []
    with tempfile.TemporaryDirectory(prefix="edition-load-") as tmp:
        args.script = Path(tmp) / "report.lua"
        args.script.write_text(WRK_SCRIPT)
        for database in args.databases.split(","):
            if database == "postgresql" and not postgresql_answers():
                print("PostgreSQL does not answer on 127.0.0.1:5432: skipped")
                continue
            workdir = Path(tmp) / database
            workdir.mkdir()
            results.append(bench_database(database, args, workdir))
            print_table(results[-1], args)

    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_end": os.getloadavg(),
        },
        "load": {
            "tool": "wrk",
            "connections": args.connections,
            "threads": args.threads,
            "seconds": args.duration,
            "accept_encoding": "gzip" if args.gzip else None,
        },
        "server": {
            "gunicorn_workers": args.workers,
            "worker_class": "sync",
            "debug": False,
            "page_cache": args.cache_url or "locmem",
        },
        "results": results,
    }
    out = ROOT / "bench-results" / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"\nWritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
