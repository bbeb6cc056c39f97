"""What several test modules share that is not a fixture: where things are, the personas'
accounts, the external checkers (Jing, the Nu Html Checker) and small browser helpers.

Fixtures live in conftest.py files (tests/conftest.py for everyone, tests/browser/conftest.py
for the Chromium stories); test modules import plain helpers from here, never from each other.
"""

import json
import os
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

# --- Where things are ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
CABLE = SOURCES / "usun-1762.xml"
FRUS = SOURCES / "frus1961-63v06.xml"
# Schemas we may not copy into the repository; tests may read them, the project never does.
SHARED = ROOT.parent / "shared"
SCHEMAS = ROOT / "tests" / "schemas"

PASSWORD = "correct horse battery staple"


def in_ci():
    """CI sets CI=true (so does .ci/run): there, a check that cannot run is a failure, not a skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def shared_file(relative, why):
    """A file from ../shared (tests may read it; the project never does at run time). Missing, the
    test fails in CI, which must run every check, and is skipped elsewhere, saying why."""
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is missing: {why}"
        if in_ci():
            pytest.fail(f"{message}; CI must run this check (CI={os.environ['CI']})", pytrace=False)
        pytest.skip(message)
    return path


# --- The imported edition and the personas ------------------------------------------------------


def imported_once(*paths):
    """A module-scoped fixture for modules whose tests only read: the sources are
    imported once and committed before the module's first test, and removed after
    its last. Each test still runs in its own rolled-back transaction on top.
    (Browser tests use transactional_db, which empties the database after each
    test: they take the function-scoped `edition` or `cable` fixtures instead.)"""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        from edition.importer import import_sources
        from edition.models import Document, Entity
        from edition.models.revisions import TextSource

        with django_db_blocker.unblock():
            import_sources(list(paths))
        yield
        with django_db_blocker.unblock():
            Document.objects.all().delete()
            Entity.objects.all().delete()
            TextSource.objects.all().delete()  # the stored revisions go with their source

    return fixture


def make_user(username, editor=False):
    from django.contrib.auth.models import User

    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    if editor:
        from edition.permissions import editors_group

        user.groups.add(editors_group())
    return user


# --- Glosses ----------------------------------------------------------------------------------


def selection(text, words, occurrence=1):
    """What the browser sends for the n-th occurrence of words in a passage's reading text."""
    from edition.anchoring import CONTEXT

    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    end = start + len(words)
    return {
        "exact": words,
        "prefix": text[max(0, start - CONTEXT) : start],
        "suffix": text[end : end + CONTEXT],
        "start": start,
    }


def new_gloss_url(document, xml_id):
    return f"/documents/{document.slug}/passages/{xml_id}/glosses/new/"


# --- Every kind of page a reader meets (checked by the Nu Html Checker and by axe) ----------------

# (name, what the page needs imported: "cable" or "edition" = cable + FRUS volume,
#  and who looks at it: None = an anonymous reader, "editor" = alice, with glosses in place)
PAGES = [
    ("home", "edition", None),
    ("cable-reading", "cable", None),
    ("cable-diplomatic", "cable", None),
    ("cable-apparatus", "cable", None),  # every display switch on, the notes beside their passages
    ("cable-cited", "edition", None),  # the cited FRUS paragraphs beside the passages that cite them
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
    ("gloss-restore", "cable", "editor"),  # restoring asks first: what would change, and its form
    ("orphans", "cable", "editor"),
]
PAGE_NAMES = [name for name, _need, _who in PAGES]


def path_of(name):
    """The URL of each kind of page, looked up in the imported edition."""
    from django.urls import reverse

    from edition.models import Entity, Gloss

    if name == "person":
        stevenson = Entity.objects.get(collection="usun-1762", kind=Entity.Kind.PERSON, xml_id="stevenson")
        return reverse("person", args=[stevenson.key])
    if name == "frus-person":
        return reverse("person", args=["frus1961-63v06-p_kns2"])
    if name == "term":
        # The first abbreviation the cable expands, with its page of occurrences.
        abbreviation = (
            Entity.objects.filter(collection="usun-1762", kind=Entity.Kind.ABBREVIATION).order_by("sort_name").first()
        )
        return reverse("term", args=[abbreviation.key])
    if name in ("gloss-edit", "gloss-history"):
        gloss = Gloss.objects.filter(state=Gloss.State.PUBLISHED).first()
        return reverse("gloss_edit" if name == "gloss-edit" else "gloss_history", args=[gloss.public_id])
    if name == "gloss-restore":
        gloss = Gloss.objects.filter(state=Gloss.State.PUBLISHED).first()
        first_version = gloss.history.order_by("history_id").first()
        return reverse("gloss_restore_confirm", args=[gloss.public_id, first_version.history_id])
    return {
        "home": "/",
        "cable-reading": "/documents/usun-1762/?view=reading",
        "cable-diplomatic": "/documents/usun-1762/?view=diplomatic",
        "cable-apparatus": (
            "/documents/usun-1762/?display=1&persons=1&places=1&terms=1&marks=1&furniture=1&gutter=1&pane=notes"
        ),
        "cable-cited": "/documents/usun-1762/?view=diplomatic&display=1&marks=1&pane=cited",
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
    from edition.glosses import create_gloss, edit_text, publish
    from edition.models import Document, Gloss

    alice = make_user("alice", editor=True)
    cable = Document.objects.get(slug="usun-1762")
    text = cable.passages.get(xml_id="para-4").reading_text
    start = text.index("DISMANTLING")
    words = {
        "exact": "DISMANTLING",
        "prefix": text[max(0, start - 32) : start],
        "suffix": text[start + 11 : start + 43],
        "start": start,
        "end": start + 11,
    }
    published = create_gloss(alice, cable, "para-4", words, "See [the letter](/documents/frus1961-63v06-d67/#d67-p4).")
    publish(published, alice)
    edit_text(published, alice, "See [the letter of 27 October](/documents/frus1961-63v06-d67/#d67-p4).")
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


# --- The witness: the OCR text the diplomatic view must reproduce word for word ---------------

WITNESS = SOURCES / "witness" / "telegram-1762-ocr.txt"


def witness_words():
    """The witness's words, apart from what the encoding documents: the OCR's "- " bullets for
    numbered items (an OCR artefact) and its ~~X~~ convention for struck-through text."""
    import re

    text = WITNESS.read_text(encoding="utf-8")
    text = re.sub(r"~~(.*?)~~", r"\1", text)  # struck-through marks: the words are kept, <del> in the TEI
    text = re.sub(r"(?m)^- ", "", text)  # bullets the OCR invented for the numbered items
    return text.split()


def diplomatic_words(document):
    """The diplomatic text of a document as imported (any revision), word by word."""
    from edition.models import Passage

    passages = Passage.objects.filter(document=document).order_by("order")
    return " ".join(p.diplomatic_text for p in passages).split()


# --- Jing: TEI validation against tei_all -------------------------------------------------------

TEI_ALL = SCHEMAS / "tei_all.rng"
JING = Path("/usr/share/java/jing.jar")


def jing(*paths):
    """Validate TEI files against tei_all with Debian's Jing, in one run: (exit code, messages)."""
    assert JING.exists(), "Debian's jing is missing: run `make test` (it installs it)"
    result = subprocess.run(
        ["java", "-jar", str(JING), str(TEI_ALL), *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    return result.returncode, result.stdout + result.stderr


# --- The Nu Html Checker ------------------------------------------------------------------------

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# vnu does not know htmx's attributes (hx-get, hx-target…); everything else must be valid.
HTMX_ATTRIBUTES = r".*Attribute “(data-)?hx-[A-Za-z0-9:_.-]+” not allowed.*"


def nu_check(documents, workdir):
    """Validate {name: html} in one vnu run (the JVM takes 1–3 s to start); return {name: [error, ...]}."""
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run `make test` (npm ci)"
    files = {}
    for name, html in documents.items():
        files[name] = workdir / f"{name}.html"
        files[name].write_text(html, encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
         "--filterpattern", HTMX_ATTRIBUTES, *map(str, files.values())],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
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


# --- Images -------------------------------------------------------------------------------------

# A 1×1 transparent PNG: the FRUS page scans come from the Office of the
# Historian, and tests never reach the network.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)

# Where the editors put a scan of the cable's page 1 (tests/browser/conftest.py: cable_with_a_scan).
SCAN_URL = "/static/facsimiles/usun-1762-page-1.png"


def png(width, height):
    """A greyscale PNG of a typed page: paper, with darker bands for the lines (pure Python)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(
        b"\x00" + bytes([70 if 60 <= y < height - 60 and y % 24 < 10 else 235]) * width for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


# --- In the browser -----------------------------------------------------------------------------

# Where the sticky bars end on screen (0 when none is stuck).
STICKY_BOTTOM = """() => Math.max(0, ...Array.from(document.querySelectorAll('.site-header, .view-switch'))
    .filter((bar) => ['sticky', 'fixed'].includes(getComputedStyle(bar).position))
    .map((bar) => bar.getBoundingClientRect().bottom))"""


def cable_url(live_server, rest=""):
    return f"{live_server.url}/documents/usun-1762/{rest}"


def tab_to(page, locator, limit=60):
    """Press Tab until the locator has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("(element) => element === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {locator}")


# --- Glosses that Web Annotation clients and IIIF viewers must find (issue 10) -------------------

# (passage, words, occurrence, body): one crosses a note marker (STEVENSON has its OCR note's marker
# after it), one is the second of two equal quotes in its passage, one quotes words that also
# stand in the facsimile pane and in a note.
CLIENT_GLOSSES = [
    ("para-4", "STEVENSON READ TWO", 1, "Across the marker of an OCR note."),
    ("para-4", "PARAGRAPHS", 2, "The second of two *PARAGRAPHS* in this passage."),
    ("para-3", "INSPECTION OF DISMANTLING", 1, "Words the facsimile pane and a note repeat."),
]


def publish_client_glosses(document, user):
    """The CLIENT_GLOSSES written as the gloss form writes them, and published: [Gloss, ...]."""
    from edition.forms import NewGlossForm
    from edition.glosses import create_gloss
    from edition.models import Gloss

    glosses = []
    for xml_id, words, occurrence, body in CLIENT_GLOSSES:
        passage = document.passages.get(xml_id=xml_id)
        form = NewGlossForm(
            {"body": body, **selection(passage.reading_text, words, occurrence)}, passage=passage, passage_xml_id=xml_id
        )
        assert form.is_valid(), form.errors
        gloss = create_gloss(user, document, xml_id, form.cleaned_data["selectors"], form.cleaned_data["body"])
        gloss.state = Gloss.State.PUBLISHED
        gloss.save()
        glosses.append(gloss)
    return glosses


def select_words(page, passage_id, words):
    """Drag the mouse across the words, as an editor selects them."""
    box = page.evaluate(
        """([passageId, words]) => {
            const body = document.querySelector(`[id="${passageId}"] .passage-body`);
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                range.startContainer.parentElement.scrollIntoView({block: "center"});
                const r = range.getBoundingClientRect();
                return {x: r.x, y: r.y, width: r.width, height: r.height};
            }
            return null;
        }""",
        [passage_id, words],
    )
    assert box, f"{words!r} is not in one text run of {passage_id}"
    middle = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 1, middle)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, middle)
    page.mouse.move(box["x"] + box["width"] - 1, middle)
    page.mouse.up()


# The edition's internal ids (passages of the cable and of FRUS, notes): in addresses, never in words a person reads.
INTERNAL_IDS = re.compile(r"\b(?:para-\d+|item-(?:outline|summary)-\d+|n-(?:ocr|ed|ref)-[\w-]+|d\d+-p\d+(?:-i\d+)?)\b")


def page(client, url):
    """The served page, parsed: what a reader's browser would show (it must answer 200)."""
    from lxml import html as lxml_html

    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content.decode())


def seen(element):
    """The words a reader sees (and a screen reader reads) in an element: its text, not its attributes."""
    return " ".join(element.text_content().split())
