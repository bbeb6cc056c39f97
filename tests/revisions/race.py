"""Simultaneous corrections of one version, run as a script on a fresh SQLite file database
(WAL, IMMEDIATE transactions, busy timeout: the production set-up; the test suite's in-memory
database shares one cache between threads, which SQLite locks differently).

    SQLITE_PATH=/tmp/x.sqlite3 python tests/revisions/race.py   -> JSON: the outcome of each save
"""

import json
import os
import sys
import threading
from pathlib import Path

WORDS = ["LAGS", "REREAD", "URGED", "REPLIED"]


def race(document, users):
    """Each user corrects other words of para-4 on version 1, all at once: returns the outcomes."""
    from django.db import connection

    from edition.models import Passage
    from edition.revisions import Conflict, Selection, correct, tei_all

    tei_all()  # compiled before the race, so that the saves meet at the write
    text = Passage.objects.get(document=document, xml_id="para-4").reading_text
    barrier = threading.Barrier(len(WORDS))
    outcomes = []

    def save(words, user):
        try:
            start = text.index(words)
            data = {"correction": words + "X", "cert": "low", "evidence": f"{user.username} says so."}
            barrier.wait(timeout=60)
            correct(document, 1, Selection("para-4", "reading", start, start + len(words), words), "ocr", data, user)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("conflict")
        except Exception as error:  # noqa: BLE001 (reported, and the test fails on it)
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(w, users[i % len(users)])) for i, w in enumerate(WORDS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return outcomes


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edition.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from edition.importer import import_sources
    from edition.models import Document
    from edition.models.revisions import TextRevision
    from tests.support import CABLE

    call_command("migrate", verbosity=0)
    import_sources([CABLE])
    users = [User.objects.create_user(name) for name in ("tess", "theo")]
    outcomes = race(Document.objects.get(slug="usun-1762"), users)
    numbers = list(TextRevision.objects.order_by("number").values_list("number", flat=True))
    print(json.dumps({"outcomes": outcomes, "numbers": numbers}))


if __name__ == "__main__":
    main()
