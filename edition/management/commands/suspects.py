"""Print a document's queue of suspect words, or measure the queue on the raw witness.

python manage.py suspects SLUG           the queue: message text, then page furniture
python manage.py suspects SLUG --raw     the same on the witness as if nothing were corrected
python manage.py suspects --measure [SLUG] [--json]
                                         of the edition's OCR corrections, how many the raw queue
                                         lists and how many with the right first suggestion
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from edition import suspects
from edition.models import Document

DEFAULT_SLUG = "usun-1762"
# The figures issue 13 asks the queue to reach on the edition's cable.
TARGET_LISTED = 10
TARGET_MAX_LENGTH = 60


class Command(BaseCommand):
    help = "Print a document's suspect words (likely OCR errors), or measure the queue on the raw witness."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help=f"The document (default with --measure: {DEFAULT_SLUG}).")
        parser.add_argument(
            "--raw", action="store_true", help="Ignore existing corrections, abbreviations and decisions."
        )
        parser.add_argument(
            "--measure", action="store_true", help="Print the queue's figures against the OCR corrections."
        )
        parser.add_argument("--json", action="store_true", help="With --measure: print the figures as JSON.")
        parser.add_argument(
            "--false-alarms",
            action="store_true",
            help="With --measure: also read clean FRUS documents (leave one out) and count what the queue lists.",
        )

    def handle(self, slug, raw, measure, json, false_alarms, **options):
        slug = slug or (DEFAULT_SLUG if measure else None)
        if not slug:
            raise CommandError("Name a document: manage.py suspects SLUG (or --measure).")
        document = Document.objects.filter(slug=slug).first()
        if document is None:
            raise CommandError(f"No document {slug!r}: import the sources first (manage.py import_sources).")
        if measure:
            self.print_measure(document, as_json=json)
            if false_alarms:
                self.print_false_alarms()
        else:
            self.print_queue(suspects.document_queue(document, raw=raw), raw)

    def print_queue(self, queue, raw):
        state = "raw witness" if raw else "as edited"
        self.stdout.write(f"{queue.document.slug} ({state}): {len(queue)} suspect(s)")
        for title, group in (("Message text", queue.message), ("Page furniture", queue.furniture)):
            self.stdout.write(f"\n{title} ({len(group)})")
            for suspect in group:
                offered = ", ".join(suggestion.text for suggestion in suspect.suggestions) or "(no suggestion)"
                self.stdout.write(f"  {suspect.passage:<26} {suspect.words!r:<22} {suspect.why:<14} -> {offered}")

    def print_measure(self, document, as_json):
        started = time.perf_counter()
        figures = suspects.measure(document)
        seconds = time.perf_counter() - started
        if as_json:
            self.stdout.write(json_dumps(figures, seconds))
            return
        self.stdout.write(f"{document.slug}: the queue on the raw witness, against the edition's OCR corrections")
        for sic, corr, words, best, right in figures.details:
            verdict = ("right" if right else "listed") if words else "not listed"
            shown = f"listed as {words!r}, first suggestion {best!r}" if words else ""
            self.stdout.write(f"  {sic!r:<14} -> {corr!r:<24} {verdict:<10} {shown}")
        self.stdout.write(
            f"\nlisted: {figures.listed} of {figures.corrections} (target at least {TARGET_LISTED})"
            f"\nright first suggestion: {figures.right_first} of {figures.corrections}"
            f"\nqueue length: {figures.queue_length} (message {figures.message_length},"
            f" furniture {figures.furniture_length}; target at most {TARGET_MAX_LENGTH})"
            f"\ntime: {seconds:.2f} s (lexicon included on first use)"
        )

    def print_false_alarms(self):
        alarms = suspects.false_alarms()
        self.stdout.write(
            f"\nclean text: {len(alarms.suspects)} false alarm(s) in {alarms.words} words of {alarms.documents}"
            f" FRUS documents ({alarms.per_thousand_words:.1f} per 1,000 words), each read with a lexicon"
            " built without its own words"
        )
        for slug, suspect in alarms.suspects:
            self.stdout.write(f"  {slug:<22} {suspect.words!r:<24} {suspect.why:<14} -> {suspect.best}")


def json_dumps(figures, seconds):
    return json.dumps(
        {
            "corrections": figures.corrections,
            "listed": figures.listed,
            "right_first_suggestion": figures.right_first,
            "queue_length": figures.queue_length,
            "message": figures.message_length,
            "furniture": figures.furniture_length,
            "seconds": round(seconds, 3),
            "details": [
                {"sic": sic, "corr": corr, "listed_as": words, "first_suggestion": best, "right": right}
                for sic, corr, words, best, right in figures.details
            ],
        },
        indent=2,
    )
