"""The settings the edition runs on: SQLite that copes with several writers,
a strict Content-Security-Policy, and no production start without a secret.

The SQLite checks run the real settings module in a subprocess, with
DATABASE_URL unset and SQLITE_PATH pointing at a temporary file, so they hold
whichever database the rest of the suite runs on."""

import json
import os
import subprocess
import sys
import textwrap

from tests.support import ROOT


def edition_env(tmp_path, **env):
    """The environment minus anything that picks the database, DEBUG or the key."""
    environ = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    environ.update(DJANGO_SETTINGS_MODULE="edition.settings", SQLITE_PATH=str(tmp_path / "edition.sqlite3"), **env)
    return environ


def run_python(args, tmp_path, **env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=edition_env(tmp_path, **env), capture_output=True, text=True, timeout=120
    )


def run_django(code, tmp_path, **env):
    """Run `code` after django.setup() with the edition's settings and `env`."""
    return run_python(["-c", "import django\ndjango.setup()\n" + textwrap.dedent(code)], tmp_path, **env)


def test_sqlite_runs_in_wal_mode_with_a_20_second_busy_timeout(tmp_path):
    result = run_django(
        """
        import json
        from django.db import connection
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            busy_timeout = cursor.fetchone()[0]
        print(json.dumps({"journal_mode": journal_mode, "busy_timeout": busy_timeout}))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"journal_mode": "wal", "busy_timeout": 20000}


def test_an_atomic_block_takes_the_write_lock_at_once(tmp_path):
    """IMMEDIATE transactions: a second writer cannot slip in between BEGIN
    and the first write, so a read-then-write never has to upgrade its lock."""
    result = run_django(
        """
        import sqlite3
        from django.conf import settings
        from django.db import connection, transaction
        with transaction.atomic():
            connection.cursor().execute("SELECT 1")  # no write yet
            other = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=0)
            try:
                other.execute("BEGIN IMMEDIATE")
                print("second writer got in")
            except sqlite3.OperationalError as error:
                print(f"second writer refused: {error}")
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "second writer refused: database is locked"


def test_concurrent_writers_all_succeed(tmp_path):
    """Four threads, each with its own Django connection, run 25 read-then-write
    transactions on one SQLite file. In DEFERRED mode some would fail at once
    with "database is locked"; with IMMEDIATE and the busy timeout they queue."""
    result = run_django(
        """
        import json, threading
        from django.db import connection, connections, transaction

        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
            cursor.execute("INSERT INTO counter VALUES (1, 0)")
        THREADS, TRANSACTIONS = 4, 25
        failures = []
        start = threading.Barrier(THREADS)

        def writer():
            try:
                start.wait(timeout=30)
                for _ in range(TRANSACTIONS):
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SELECT value FROM counter WHERE id = 1")
                        value = cursor.fetchone()[0]
                        cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
            except Exception as error:
                failures.append(repr(error))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=writer) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM counter WHERE id = 1")
            total = cursor.fetchone()[0]
        print(json.dumps({"failures": failures, "total": total, "alive": sum(t.is_alive() for t in threads)}))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"failures": [], "total": 100, "alive": 0}


def test_pages_are_served_with_a_strict_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    directives = {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    # Images: our own, data: URIs, and the facsimile host only.
    assert directives["img-src"] == ["'self'", "data:", "https://static.history.state.gov"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_python(["manage.py", "check"], tmp_path, DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


PRODUCTION_KEY = "a-long-random-production-key-" * 2


def test_production_refuses_to_start_without_its_public_address(tmp_path):
    # Citations and exported identifiers are built on SITE_ROOT: never on localhost in production.
    result = run_python(["manage.py", "check"], tmp_path, DEBUG="0", SECRET_KEY=PRODUCTION_KEY)
    assert result.returncode != 0
    assert "SITE_ROOT must be set when DEBUG is off" in result.stderr


def test_production_starts_with_a_secret_key_and_its_address(tmp_path):
    result = run_python(
        ["manage.py", "check"], tmp_path, DEBUG="0", SECRET_KEY=PRODUCTION_KEY, SITE_ROOT="https://edition.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
