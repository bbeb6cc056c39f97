"""Editors saving at the same moment on the same version: one revision is saved, the others
are refused (Conflict, a 409 in the browser); never two revisions numbered alike, never one lost.

Threads, each with its own database connection, start their saves together; the write is one
transaction that locks the source's row. On PostgreSQL the race runs on the test database; on
SQLite on a fresh database file (tests/revisions/race.py), as the server runs it.
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from edition.models.revisions import TextRevision
from tests.support import ROOT

from .race import WORDS, race

EXPECTED = sorted(["conflict"] * (len(WORDS) - 1) + ["saved"])


@pytest.mark.django_db(transaction=True)
def test_simultaneous_corrections_of_one_version_save_one_and_refuse_the_others(cable, tess, theo, tmp_path):
    if connection.vendor == "sqlite":
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["SQLITE_PATH"] = str(tmp_path / "race.sqlite3")
        result = subprocess.run(
            [sys.executable, str(ROOT / "tests" / "revisions" / "race.py")],
            capture_output=True, text=True, timeout=600, env=env, cwd=ROOT,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        found = json.loads(result.stdout.strip().splitlines()[-1])
        outcomes, numbers = found["outcomes"], found["numbers"]
    else:
        outcomes = race(cable, [tess, theo])
        numbers = list(TextRevision.objects.order_by("number").values_list("number", flat=True))
    assert sorted(outcomes) == EXPECTED, outcomes
    assert numbers == [1, 2]
