"""Every kind of page a reader meets is valid HTML and passes axe-core.

A reader may arrive anywhere: on the home page, in the cable (read or
diplomatic), in a FRUS letter, on a passage's citation page, in the indexes,
or on the editors' login page. Each must be valid HTML for the Nu Html Checker
(vnu.jar from npm, run by the system Java) and show zero axe-core violations
in Chromium.

The Nu checker starts a JVM (1–3 s), so the served pages are rendered once for
the module and checked in a single vnu run; the axe tests are one browser test
per page, each against the live server.
"""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.axe import violations
from tests.conftest import CABLE, FRUS, ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# vnu does not know htmx's attributes (hx-get, hx-target…); everything else must be valid.
HTMX_ATTRIBUTES = r".*Attribute “(data-)?hx-[A-Za-z0-9:_.-]+” not allowed.*"

# (name, what the page needs imported: "cable" or "edition" = cable + FRUS volume,
#  and who looks at it: None = an anonymous reader, "editor" = alice, with glosses in place)
PAGES = [
    ("home", "edition", None),
    ("cable-reading", "cable", None),
    ("cable-diplomatic", "cable", None),
    ("frus-letter", "edition", None),
    ("documents", "edition", None),
    ("passage-citation", "cable", None),
    ("persons", "edition", None),
    ("person", "cable", None),
    ("frus-person", "edition", None),
    ("terms", "edition", None),
    ("places", "cable", None),
    ("place", "cable", None),
    ("term", "cable", None),
    ("search", "edition", None),
    ("login", None, None),
    ("cable-as-editor", "cable", "editor"),
    ("gloss-form", "cable", "editor"),
    ("gloss-edit", "cable", "editor"),
    ("gloss-history", "cable", "editor"),
    ("orphans", "cable", "editor"),
]
PAGE_NAMES = [name for name, _need, _who in PAGES]


def path_of(name):
    """The URL of each kind of page, looked up in the imported edition."""
    from edition.models import Entity, Gloss

    if name == "person":
        stevenson = Entity.objects.get(collection="usun-1762", kind=Entity.Kind.PERSON, xml_id="stevenson")
        return reverse("person", args=[stevenson.key])
    if name == "frus-person":
        return reverse("person", args=["frus1961-63v06-p_kns2"])
    if name == "term":
        # The first abbreviation the cable expands, with its page of occurrences.
        abbreviation = Entity.objects.filter(collection="usun-1762", kind=Entity.Kind.ABBREVIATION).order_by("sort_name").first()
        return reverse("term", args=[abbreviation.key])
    if name in ("gloss-edit", "gloss-history"):
        gloss = Gloss.objects.filter(state=Gloss.State.PUBLISHED).first()
        return reverse("gloss_edit" if name == "gloss-edit" else "gloss_history", args=[gloss.public_id])
    return {
        "home": "/",
        "cable-reading": "/documents/usun-1762/?view=reading",
        "cable-diplomatic": "/documents/usun-1762/?view=diplomatic",
        "cable-as-editor": "/documents/usun-1762/",
        "frus-letter": "/documents/frus1961-63v06-d67/",
        "documents": "/documents/",
        "passage-citation": "/documents/usun-1762/passages/para-1/",
        "persons": "/persons/",
        "terms": "/terms/",
        "places": "/places/",
        "place": "/places/usun-1762-place-cuba/",
        "login": "/accounts/login/",
        "search": "/search/?q=IL-28",
        "gloss-form": "/documents/usun-1762/passages/para-4/glosses/new/",
        "orphans": "/glosses/orphans/",
    }[name]


def editor_with_glosses():
    """Alice, an editor, with a published gloss on some words, a draft on a
    whole passage, and an orphan: what an editor's pages show at their fullest."""
    from django.contrib.auth.models import User

    from edition.models import Document, Gloss
    from edition.permissions import editors_group
    from edition.glosses import create_gloss

    alice = User.objects.create_user("alice", password="correct horse battery staple")
    alice.groups.add(editors_group())
    cable = Document.objects.get(slug="usun-1762")
    text = cable.passages.get(xml_id="para-4").reading_text
    start = text.index("DISMANTLING")
    words = {"exact": "DISMANTLING", "prefix": text[max(0, start - 32) : start], "suffix": text[start + 11 : start + 43],
             "start": start, "end": start + 11}
    published = create_gloss(alice, cable, "para-4", words, "See [the letter](/documents/frus1961-63v06-d67/#d67-p4).")
    published.state = Gloss.State.PUBLISHED
    published.save()
    create_gloss(alice, cable, "para-1", None, "A *draft* on the whole passage.")
    orphan = create_gloss(alice, cable, "para-2", None, "Its passage is gone.")
    Gloss.objects.filter(pk=orphan.pk).update(passage_xml_id="para-999", anchor_status=Gloss.AnchorStatus.ORPHANED)
    return alice


def import_for(need):
    from edition.importer import import_sources

    if need == "cable":
        import_sources([CABLE])
    elif need == "edition":
        import_sources([CABLE, FRUS])


def nu_check(documents, workdir):
    """Validate {name: html} in one vnu run; return {name: [error, ...]}."""
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run `make test` (npm ci)"
    files = {}
    for name, html in documents.items():
        files[name] = workdir / f"{name}.html"
        files[name].write_text(html, encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
         "--filterpattern", HTMX_ATTRIBUTES, *map(str, files.values())],
        capture_output=True, text=True, timeout=120,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    errors = {name: [] for name in documents}
    by_file = {path.name: name for name, path in files.items()}
    for message in messages:
        name = by_file.get(Path(message.get("url", "")).name)
        assert name, f"vnu could not check a document: {message}"
        errors[name].append(
            f"line {message.get('lastLine')}: {message['message']} [{message.get('extract', '').strip()}]"
        )
    assert result.returncode in (0, 1), result.stderr
    return errors


@pytest.fixture(scope="module")
def nu_errors(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every page as the server sends it, checked by the Nu Html Checker in one run.

    The edition is imported inside a transaction that is rolled back once the
    pages are rendered, so nothing outlives this fixture."""
    served = {}
    with django_db_blocker.unblock(), transaction.atomic():
        import_for("edition")
        reader, editor = Client(), Client()
        editor.force_login(editor_with_glosses())
        for name, _need, who in PAGES:
            client = editor if who == "editor" else reader
            response = client.get(path_of(name))
            assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
            served[name] = response.content.decode()
        transaction.set_rollback(True)
    return nu_check(served, tmp_path_factory.mktemp("nu"))


# django_db: tells pytest-django to set up the test database that `nu_errors` uses.
@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_is_valid_html(name, nu_errors):
    errors = nu_errors[name]
    assert not errors, f"{len(errors)} Nu errors on {name}:\n" + "\n".join(errors)


# A 1×1 transparent PNG: the FRUS page scans come from the Office of the
# Historian, and tests never reach the network.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)


@pytest.mark.parametrize("name,need,who", PAGES, ids=PAGE_NAMES)
def test_every_page_has_no_axe_violations(name, need, who, transactional_db, live_server, page, axe, client):
    import_for(need)
    if who == "editor":
        client.force_login(editor_with_glosses())
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    for host in settings.FACSIMILE_IMAGE_HOSTS:
        page.route(f"{host}/**", lambda route: route.fulfill(body=PIXEL_PNG, content_type="image/png"))
    response = page.goto(live_server.url + path_of(name))
    assert response.ok
    found = violations(axe())
    assert not found, f"axe violations on {name}:\n" + "\n".join(found)
