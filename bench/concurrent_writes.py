"""Benchmark: editors writing at once to several server processes.

    .venv/bin/python bench/concurrent_writes.py [--workers 3] [--editors 8] [--writes 10]

Starts gunicorn (several sync workers, i.e. several processes sharing one
database, as in the scale-out set-up) on a fresh database: SQLite in a
temporary directory, or the PostgreSQL database named by DATABASE_URL. Then:
1. every editor creates glosses as fast as it can, over real HTTP (login,
   CSRF, the no-JavaScript form posts): counts successes and failures, and
   how many failed with "database is locked";
2. every editor saves an edit of the SAME gloss against the SAME version at
   once: exactly one may win, every other must get 409 (nothing overwritten);
3. every editor publishes its share of the drafts at once: all are published,
   each with a letter of its own (glosses keep their letters: Gloss.number).
Bounded in count and time; talks only to 127.0.0.1.
"""

import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.serving import NoRedirect, gunicorn  # noqa: E402

PYTHON = sys.executable
PASSWORD = "bench-password-not-secret-1"  # a throwaway database, deleted afterwards


class Editor:
    """One editor's browser: a cookie jar, a CSRF token, form posts."""

    def __init__(self, base, username):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.get("/accounts/login/")
        status, _ = self.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert status == 302, f"login failed for {username}: {status}"

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path, data, htmx=False):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        headers = {"Referer": self.base + path}
        if htmx:  # as the editor's browser posts it: the answer is the changed parts of the page
            headers |= {"HX-Request": "true", "HX-Current-URL": self.base + "/documents/usun-1762/"}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def manage(env, *args):
    """manage.py in the bench's environment; what it printed."""
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def shell(env, code):
    """Python run by manage.py shell against the bench's database; what it printed."""
    return manage(env, "shell", "-v", "0", "-c", code)


def all_at_once(work, shares, timeout):
    """work(*share) for every share at the same time, one thread each, as many editors' browsers would."""
    threads = [threading.Thread(target=work, args=share) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--editors", type=int, default=8)
    parser.add_argument("--writes", type=int, default=10, help="glosses each editor creates")
    parser.add_argument("--out", type=Path, help="write the JSON report here (default: bench-results/)")
    parser.add_argument(
        "--htmx", action="store_true", help="post as htmx does (the answer is the page's changed parts)"
    )
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="edition-bench-")
    env = {**os.environ, "DEBUG": "1", "SQLITE_PATH": str(Path(workdir.name) / "bench.sqlite3"), "LOG_LEVEL": "ERROR"}
    database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite (WAL, IMMEDIATE)"
    if env.get("DATABASE_URL"):
        manage(env, "flush", "--noinput")
    manage(env, "migrate", "--noinput")
    manage(env, "import_sources", str(ROOT / "sources" / "usun-1762.xml"))
    script = (
        "from django.contrib.auth.models import User\n"
        "from edition.permissions import editors_group\n"
        f"for n in range({args.editors}):\n"
        f"    user, _ = User.objects.get_or_create(username=f'editor{{n}}')\n"
        f"    user.set_password({PASSWORD!r}); user.save(); user.groups.add(editors_group())\n"
    )
    shell(env, script)

    # Refused edits log a "Conflict" line each.
    server_env = {**env, "WEB_CONCURRENCY": str(args.workers), "GUNICORN_TIMEOUT": "60", "GUNICORN_ACCESS_LOG": ""}
    with gunicorn(server_env, Path(workdir.name) / "gunicorn.log") as base:
        editors = [Editor(base, f"editor{n}") for n in range(args.editors)]
        results = {"created": 0, "failed": 0, "locked": 0, "statuses": {}, "waits": []}
        lock = threading.Lock()

        def create_glosses(editor, n):
            for i in range(args.writes):
                started = time.perf_counter()
                status, body = editor.post(
                    "/documents/usun-1762/passages/para-1/glosses/new/",
                    {"body": f"Gloss {i} by editor {n}.", "view": "reading"},
                    htmx=args.htmx,
                )
                waited = time.perf_counter() - started
                with lock:
                    results["waits"].append(waited)
                    results["statuses"][status] = results["statuses"].get(status, 0) + 1
                    if status in (200, 302):
                        results["created"] += 1
                    else:
                        results["failed"] += 1
                        results["locked"] += "database is locked" in body

        started = time.perf_counter()
        all_at_once(create_glosses, [(e, n) for n, e in enumerate(editors)], timeout=300)
        elapsed = time.perf_counter() - started

        # Everyone edits the same gloss against the same version at once.
        rows = shell(
            env,
            "from edition.models import Gloss; g = Gloss.objects.order_by('pk').first(); print(g.public_id, g.version)",
        ).split()
        public_id, version = rows[0], rows[1]
        outcomes = []

        def edit(editor, n):
            status, body = editor.post(
                f"/glosses/{public_id}/edit/", {"body": f"Edited by editor {n}.", "version": version}
            )
            with lock:
                outcomes.append(status)
                if status not in (302, 409):
                    print(f"Unexpected {status} for editor {n}:", re.sub(r"\s+", " ", body)[:600])

        all_at_once(edit, [(e, n) for n, e in enumerate(editors)], timeout=120)
        final = shell(
            env,
            f"from edition.models import Gloss; g = Gloss.objects.get(public_id='{public_id}'); "
            "print(g.version, g.history.count())",
        ).split()

        # Everyone publishes drafts at once (each its own share): every gloss readers now see must take
        # a letter of its own (Gloss.number), none refused, none lost.
        drafts = shell(
            env,
            "from edition.models import Gloss\n"
            "for g in Gloss.objects.filter(state='draft', deleted_at=None).order_by('pk'):\n"
            "    print(g.public_id, g.version)",
        ).split("\n")
        drafts = [line.split() for line in drafts if line.strip()]
        publishes = []

        def publish(editor, share):
            for public_id, draft_version in share:
                status, body = editor.post(
                    f"/glosses/{public_id}/publish/", {"version": draft_version, "view": "reading"}, htmx=args.htmx
                )
                with lock:
                    publishes.append(status)
                    if status not in (200, 302):
                        print(f"Unexpected {status} publishing {public_id}:", re.sub(r"\s+", " ", body)[:600])

        shares = [drafts[n :: len(editors)] for n in range(len(editors))]
        all_at_once(publish, list(zip(editors, shares, strict=True)), timeout=300)
        letters = shell(
            env,
            "from edition.models import Gloss; p = Gloss.objects.filter(state='published', deleted_at=None); "
            "print(p.count(), p.exclude(number=None).values('number').distinct().count())",
        ).split()

    total = args.editors * args.writes
    waits = sorted(results["waits"])
    report = {
        "database": database,
        "workers": args.workers,
        "editors": args.editors,
        "writes_attempted": total,
        "writes_created": results["created"],
        "writes_failed": results["failed"],
        "database_is_locked": results["locked"],
        "statuses": results["statuses"],
        "seconds": round(elapsed, 2),
        "writes_per_second": round(total / elapsed, 1),
        "htmx": args.htmx,
        "longest_wait_s": round(max(waits, default=0), 3),
        "p99_wait_s": round(waits[int(0.99 * (len(waits) - 1))], 3) if waits else 0,
        "median_wait_s": round(waits[len(waits) // 2], 3) if waits else 0,
        "same_version_edits": {
            "won": outcomes.count(302),
            "refused_409": outcomes.count(409),
            "other": [s for s in outcomes if s not in (302, 409)],
        },
        "publishes_at_once": {
            "attempted": len(drafts),
            "published": sum(status in (200, 302) for status in publishes),
            "other": [status for status in publishes if status not in (200, 302)],
            "glosses_published": int(letters[0]),
            "distinct_letters": int(letters[1]),
        },
        "gloss_version_after": int(final[0]),
        "gloss_history_records": int(final[1]),
    }
    print(f"{database}, {args.workers} gunicorn workers, {args.editors} editors")
    print(
        f"  created {report['writes_created']}/{total} glosses in {report['seconds']} s "
        f"({report['writes_per_second']}/s); failed {report['writes_failed']} "
        f"(database is locked: {report['database_is_locked']}); waits: median {report['median_wait_s']} s, "
        f"p99 {report['p99_wait_s']} s, longest {report['longest_wait_s']} s"
    )
    print(
        f"  {args.editors} simultaneous edits of one version: {report['same_version_edits']['won']} saved, "
        f"{report['same_version_edits']['refused_409']} refused with 409, other {report['same_version_edits']['other']}"
    )
    published = report["publishes_at_once"]
    print(
        f"  {published['attempted']} drafts published at once: {published['published']} published, "
        f"other {published['other']}; {published['glosses_published']} published glosses hold "
        f"{published['distinct_letters']} distinct letters"
    )
    path = args.out or ROOT / "bench-results" / f"concurrent-writes-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(report, indent=2))
    print(f"Written to {path}")
    errors = [line for line in (Path(workdir.name) / "gunicorn.log").read_text().splitlines() if "Error" in line]
    if errors:
        print("Server errors:\n" + "\n".join(errors[:20]))
    ok = (
        not errors
        and report["writes_failed"] == 0
        and report["same_version_edits"]["won"] == 1
        and not report["same_version_edits"]["other"]
        and published["published"] == published["attempted"]
        and published["distinct_letters"] == published["glosses_published"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
