"""Editors writing at once, through several server processes, never lose or overwrite a word.

The scale-out set-up is several gunicorn workers on one database. This story
runs exactly that (bench/concurrent_writes.py: real gunicorn processes, real
HTTP, logins and CSRF) on the database engine this suite runs on: a temporary
SQLite file (WAL, IMMEDIATE), or a scratch PostgreSQL database next to the one
in DATABASE_URL.
"""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.support import ROOT


@pytest.fixture
def scratch_database_env():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield env  # the script makes its own temporary SQLite file
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_concurrency"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield {**env, "DATABASE_URL": urlunsplit(parts._replace(path="/" + name))}
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_six_editors_on_three_server_processes_lose_nothing_and_overwrite_nothing(scratch_database_env, tmp_path):
    report_path = tmp_path / "report.json"
    result = subprocess.run(
        [
            sys.executable,
            "bench/concurrent_writes.py",
            "--workers",
            "3",
            "--editors",
            "6",
            "--writes",
            "5",
            "--out",
            str(report_path),
        ],
        cwd=ROOT,
        env=scratch_database_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(report_path.read_text())
    # Every gloss written at once arrived; none failed with "database is locked".
    assert (report["writes_created"], report["writes_failed"], report["database_is_locked"]) == (30, 0, 0)
    # Six saves against the same version at the same moment: one wins, five are refused with 409.
    assert report["same_version_edits"] == {"won": 1, "refused_409": 5, "other": []}
    assert report["gloss_version_after"] == 2
    # Six editors publishing their drafts at once: all 30 published, each with a letter of its own.
    assert report["publishes_at_once"] == {
        "attempted": 30,
        "published": 30,
        "other": [],
        "glosses_published": 30,
        "distinct_letters": 30,
    }
