"""Check W3C Web Annotation JSON-LD against the MUST assertions of the
web-platform-tests annotation-model suite (the JSON Schemas in
tests/schemas/web-annotation/), as /work/shared/tools/webanno_check.py does:

- an Annotation: annotations/annotationMusts.test;
- an AnnotationCollection: collections/collectionMusts.test, and, with an
  embedded first page, pages/pageMusts.test on the collection (as wpt intends)
  and annotationMusts on every item of that page. Embedded annotations carry
  their own @context here, so no JSON-LD inheritance is needed.

failures(obj) returns a list of "where: what failed" strings (empty = valid).
"""

import datetime
import json
import re
from functools import cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "web-annotation"
MUST_TESTS = {
    "Annotation": "annotations/annotationMusts.test",
    "AnnotationCollection": "collections/collectionMusts.test",
    "AnnotationPage": "collections/pages/pageMusts.test",
}
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
DATE_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def is_uri(value):
    return not isinstance(value, str) or bool(URI.match(value))


def is_date_time(value):
    if not isinstance(value, str):
        return True
    match = DATE_TIME.match(value)
    if not match:
        return False
    try:
        datetime.date(*(int(x) for x in match.groups()[:3]))
    except ValueError:
        return False
    return True


def load(ref):
    return json.loads((SCHEMAS / ref).read_text(encoding="utf-8"))


@cache
def registry():
    resources = []
    for path in sorted((SCHEMAS / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema.get("id", path.name), Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


@cache
def format_checker():
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("uri")(is_uri)
    checker.checks("date-time")(is_date_time)
    return checker


def run_test(test_ref, instance, where):
    failed = []
    for item in load(test_ref)["assertions"]:
        schema = load(item) if isinstance(item, str) else item
        valid = jsonschema.Draft4Validator(schema, registry=registry(), format_checker=format_checker()).is_valid(
            instance
        )
        expected = schema.get("expectedResult", "valid") == "valid"
        if valid != expected and schema.get("assertionType", "must").lower() == "must":
            failed.append(f"{where}: {schema.get('title', item)}")
    return failed


def failures(obj, where="$"):
    kind = obj.get("type") if isinstance(obj, dict) else None
    if kind not in MUST_TESTS:
        return [f"{where}: type {kind!r} is not an Annotation, AnnotationPage or AnnotationCollection"]
    failed = run_test(MUST_TESTS[kind], obj, where)
    page = None
    if kind == "AnnotationCollection" and isinstance(obj.get("first"), dict):
        failed += run_test(MUST_TESTS["AnnotationPage"], obj, f"{where} (embedded first page)")
        page, where = obj["first"], f"{where}.first"
    elif kind == "AnnotationPage":
        page = obj
    for n, item in enumerate((page or {}).get("items", [])):
        failed += failures(item, f"{where}.items[{n}]")
    return failed
