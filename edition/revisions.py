"""Revisions of the text: the one path every TEI takes into the edition.

A file read by `import_sources` and a correction made in the browser go the same way:

1. check (outside any transaction): parse safely, the importer's checks, validity
   against TEI P5 (tei_all, for our own sources; the FRUS dialect gets the importer's
   checks), then render once (edition.tei.extract);
2. write (one transaction): lock the source's row, check that the change was made
   against the head revision (else Conflict: 409), store the revision, and, when it is
   published, replace the rows import derives and re-anchor the glosses.

Rendering never happens while the write lock is held (SQLite has one writer).
Readers see the latest published revision; a browser correction makes a working
revision, which "Publish revision" makes live.
"""

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from lxml import etree

from .models import Document, Note, Passage
from .models.revisions import TextRevision, TextSource
from .tei.ids import IdIndex, collection_of, is_volume
from .tei.parse import SourceError, parse_bytes

log = logging.getLogger(__name__)

SCHEMA = Path(__file__).resolve().parent / "data" / "schemas" / "tei_all.rng"


class Conflict(Exception):
    """The change was made against a revision that is no longer the head."""

    def __init__(self, head, base_number):
        self.head = head
        self.base_number = base_number
        super().__init__(
            f"Version {head.number} was saved meanwhile"
            + (f" by {head.author}" if head.author else " by an import")
            + f"; your change was made on version {base_number}."
        )


class RefusedImport(SourceError):
    pass


# -- TEI P5: tei_all, compiled once per process ----------------------------------------------

_schema = None
_schema_lock = threading.Lock()
schema_compile_seconds = None


def tei_all():
    """The compiled tei_all RELAX NG schema (lxml compiles it in several seconds: once per process)."""
    global _schema, schema_compile_seconds
    if _schema is None:
        with _schema_lock:
            if _schema is None:
                started = time.perf_counter()
                compiled = etree.RelaxNG(etree.parse(str(SCHEMA)))
                schema_compile_seconds = time.perf_counter() - started
                log.info("tei_all compiled in %.1f s", schema_compile_seconds)
                _schema = compiled
    return _schema


def warm_schema():
    """Compile tei_all in a background thread, so the first correction does not wait for it."""
    if _schema is None and not _schema_lock.locked():
        threading.Thread(target=tei_all, name="tei-all-warm", daemon=True).start()


def schema_errors(root):
    """What makes the TEI invalid against tei_all ([] if valid): (line, column, message), the first few."""
    schema = tei_all()
    if schema.validate(root.getroottree()):
        return []
    return [(e.line, e.column, e.message) for e in list(schema.error_log)[:3]]


# -- one TEI text on its way in -----------------------------------------------------------------


@dataclass
class Candidate:
    file: str  # relative to SOURCES_DIR: "usun-1762.xml"
    data: bytes
    origin: str = TextRevision.Origin.IMPORT
    sha256: str = ""
    collection: str = ""
    root: object = None
    extracted: object = None
    keep_published: bool = False  # import: the file is unchanged, the browser revision stands
    notes: list = field(default_factory=list)
    path: str = ""  # the file read, for messages (file:line:column); "" for a browser revision

    def __post_init__(self):
        self.sha256 = hashlib.sha256(self.data).hexdigest()
        self.collection = collection_of(self.file)

    @property
    def label(self):
        return self.path or self.file


def check_candidate(candidate):
    """Parse and the importer's checks; raise SourceError."""
    candidate.root = parse_bytes(candidate.data, candidate.label, settings.MAX_SOURCE_BYTES)


def check_schema(candidate):
    """Our own sources must be valid TEI P5 (tei_all); the FRUS dialect is held to the importer's checks."""
    if not is_volume(candidate.root):
        errors = schema_errors(candidate.root)
        if errors:
            line, column, _message = errors[0]
            raise SourceError(
                candidate.label, line, column,
                "not valid TEI P5 (tei_all): " + "; ".join(f"line {e[0]}: {e[2]}" for e in errors),
            )  # fmt: skip


class _Extractor:
    """edition.tei.extract.Extractor bounded by the size of the text it was given (not of a file)."""

    @staticmethod
    def make(candidate, index):
        from .importer import document_url
        from .models.documents import entity_url
        from .tei.extract import Extractor

        class SizedExtractor(Extractor):
            def source_bytes(self):
                return len(candidate.data)

        path = candidate.path or Path(settings.SOURCES_DIR) / candidate.file
        return SizedExtractor(path, candidate.root, candidate.sha256, index, document_url, entity_url)


def id_index(candidates):
    """Every id a link may point at: the candidates, and every other source as the edition holds it
    (its published revision; a file in SOURCES_DIR not imported yet)."""
    index = IdIndex()
    covered = set()
    for candidate in candidates:
        index.add_file(candidate.root, candidate.collection)
        covered.add(candidate.collection)
    for source in TextSource.objects.exclude(collection__in=covered):
        published = source.published()
        if published is not None:
            index.add_file(parsed_revision(published), source.collection)
            covered.add(source.collection)
    for path in sorted(Path(settings.SOURCES_DIR).glob("*.xml")):
        if collection_of(path) not in covered:
            index.add_file(parse_bytes(path.read_bytes(), str(path), settings.MAX_SOURCE_BYTES), collection_of(path))
    return index


_parsed = {}  # sha256 -> root, for the other sources a check reads links from (the FRUS volume)


def parsed_revision(revision):
    root = _parsed.get(revision.sha256)
    if root is None:
        root = parse_bytes(revision.tei.encode("utf-8"), revision.source.file, settings.MAX_SOURCE_BYTES)
        if len(_parsed) > 8:
            _parsed.clear()
        _parsed[revision.sha256] = root
    return root


def check_and_render(candidates):
    """Step 1 for every candidate, before any write; raise SourceError on the first refusal."""
    for candidate in candidates:
        check_candidate(candidate)
    index = id_index(candidates)
    for candidate in candidates:
        candidate.extracted = _Extractor.make(candidate, index).extract()
        # Last: the importer's own refusals (unsafe URLs, markup that multiplies) say more.
        check_schema(candidate)
    return candidates


# -- import --------------------------------------------------------------------------------------


def relative_name(path):
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path(settings.SOURCES_DIR).resolve()))
    except ValueError:
        return path.name


def read_file(path):
    """The file's bytes, refused (as parse_source refuses) if unreadable or over the size limit."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(str(path), 0, 0, f"cannot read the file: {exc.strerror}") from exc
    if size > settings.MAX_SOURCE_BYTES:
        raise SourceError(str(path), 0, 0, f"the file is {size} bytes, over the limit of {settings.MAX_SOURCE_BYTES}")
    return path.read_bytes()


def browser_revision_newer_than_file(source):
    """The published revision if it was made in the browser after the file was last imported."""
    published = source.published() if source is not None else None
    if published is None or published.origin != TextRevision.Origin.BROWSER:
        return None
    if source.imported_at is not None and published.published_at and published.published_at <= source.imported_at:
        return None
    return published


def plan_import(candidate, force):
    """What importing this file does to its source's revisions: decided before any write."""
    source = TextSource.objects.filter(file=candidate.file).first()
    newer = browser_revision_newer_than_file(source)
    if newer is None or newer.sha256 == candidate.sha256 or force:
        return
    if candidate.sha256 == source.imported_sha256:
        # The file is the one imported before the browser revision: nothing new in it. The
        # browser revision stands (rendered again), until export_sources writes it out.
        candidate.keep_published = True
        candidate.data = newer.tei.encode("utf-8")
        candidate.sha256 = newer.sha256
        candidate.notes.append(
            f"kept version {newer.number}, made in the browser: `manage.py export_sources` writes it to the file"
        )
        return
    who = f" by {newer.author}" if newer.author else ""
    raise RefusedImport(
        candidate.label, 0, 0,
        f"version {newer.number} of this text was made in the browser{who} on "
        f"{timezone.localtime(newer.published_at):%Y-%m-%d %H:%M}, after the file was last imported; importing "
        "the file would overwrite it. Write it to the file first (manage.py export_sources), or import with "
        "--force (the browser revision stays in the history).",
    )  # fmt: skip


def import_files(paths, force=False):
    """Import TEI files (all or nothing) as new revisions; returns the extracted sources, written."""
    candidates = [Candidate(relative_name(path), read_file(path), path=str(path)) for path in paths]
    for candidate in candidates:
        plan_import(candidate, force)
    check_and_render(candidates)
    with transaction.atomic():
        for candidate in candidates:
            source, _created = TextSource.objects.get_or_create(
                file=candidate.file, defaults={"collection": candidate.collection}
            )
            source = TextSource.objects.select_for_update().get(pk=source.pk)
            if not force and not candidate.keep_published:
                plan_import(candidate, force)  # again, under the lock: a browser revision may have landed
            published = source.published()
            if candidate.keep_published or (published is not None and published.sha256 == candidate.sha256):
                revision = published  # a text the edition knows: no new revision
            else:
                revision = new_revision(
                    source, candidate, state=TextRevision.State.PUBLISHED, origin=TextRevision.Origin.IMPORT,
                    message="Imported from " + candidate.file,
                )  # fmt: skip
            if not candidate.keep_published:
                source.imported_sha256 = candidate.sha256
                source.imported_at = (
                    revision.published_at if revision.origin == TextRevision.Origin.IMPORT else timezone.now()
                )
                source.save(update_fields=["imported_sha256", "imported_at"])
        write_rows(candidates)
    return candidates


def as_text(candidate):
    """The TEI as stored: the file's own text if it is UTF-8, else the tree written as UTF-8."""
    try:
        return candidate.data.decode("utf-8")
    except UnicodeDecodeError:
        return serialize(candidate.root).decode("utf-8")


def new_revision(source, candidate, *, state, origin, author=None, message="", parent=None, changed=None):
    head = source.head()
    now = timezone.now()
    return TextRevision.objects.create(
        source=source, number=(head.number + 1) if head else 1, parent=parent or head or None,
        sha256=candidate.sha256, tei=as_text(candidate), author=author, message=message,
        state=state, origin=origin, published_at=now if state == TextRevision.State.PUBLISHED else None,
        changed_passages=changed or {},
    )  # fmt: skip


def write_rows(candidates):
    """Replace what import derives from these texts, and re-anchor the glosses (inside the transaction)."""
    from .importer import glosses_from_standoff, link_same_as, write_source
    from .search.index import reindex_imported

    sources = [c.extracted for c in candidates]
    for candidate in candidates:
        candidate.summary = write_source(candidate.extracted, candidate.file)
        read_back = glosses_from_standoff(candidate.root, candidate.file)  # a TEI export's glosses
        if read_back:
            candidate.notes.append(f"{read_back} glosses read back from the standOff")
    for source in sources:
        link_same_as(source.entities)
    reindex_imported(sources)


# -- the browser: working revisions, publishing, restoring ---------------------------------------


def source_of(document):
    source = TextSource.objects.filter(file=document.source_file).first()
    if source is None:
        raise SourceError(document.source_file, 0, 0, "this text has no revisions: import it first")
    return source


def head_tree(source):
    """The head revision and its TEI as a fresh tree to change."""
    head = source.head()
    root = parse_bytes(head.tei.encode("utf-8"), source.file, settings.MAX_SOURCE_BYTES)
    return head, root


def serialize(root):
    """The tree as a file, with the declaration the sources are written with."""
    body = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def changed_passages(candidate):
    """The passages of this text whose rendering differs from what readers see now."""
    slugs = [d.slug for d in candidate.extracted.documents]
    current = {
        (slug, xml_id): (reading_html, diplomatic_html)
        for slug, xml_id, reading_html, diplomatic_html in Passage.objects.filter(document__slug__in=slugs).values_list(
            "document__slug", "xml_id", "reading_html", "diplomatic_html"
        )
    }
    from .textmap import passage_text

    changed = {}
    for document in candidate.extracted.documents:
        notes = {}
        for note in document.notes:
            notes.setdefault(note.passage_xml_id, []).append(note.html)
        for passage in document.passages:
            if current.get((document.slug, passage.xml_id)) != (passage.reading_html, passage.diplomatic_html):
                changed.setdefault(document.slug, {})[passage.xml_id] = {
                    "reading_html": passage.reading_html,
                    "reading_text": passage_text(passage.reading_html),
                    "diplomatic_text": passage_text(passage.diplomatic_html),
                    "notes": notes.get(passage.xml_id, []),
                }
    return changed


def save_working(source, base_number, data, user, message):
    """A new working revision from a changed tree, made against revision base_number.

    Checked and rendered first, then written under the lock of the source's row; a
    change made against another revision than the head raises Conflict.
    """
    candidate = Candidate(source.file, data, origin=TextRevision.Origin.BROWSER)
    check_and_render([candidate])
    with transaction.atomic():
        locked = TextSource.objects.select_for_update().get(pk=source.pk)
        head = locked.head()
        if head.number != base_number:
            raise Conflict(head, base_number)
        return new_revision(
            locked, candidate, state=TextRevision.State.WORKING, origin=TextRevision.Origin.BROWSER, author=user,
            message=message, parent=head, changed=changed_passages(candidate),
        )  # fmt: skip


def publish(source, number, user, message=""):
    """Make the head revision (a working one, number `number`) the one readers see."""
    head = source.head()
    if head.number != number:
        raise Conflict(head, number)
    candidate = Candidate(source.file, head.tei.encode("utf-8"), origin=head.origin)
    check_and_render([candidate])
    with transaction.atomic():
        locked = TextSource.objects.select_for_update().get(pk=source.pk)
        head = locked.head()
        if head.number != number or head.is_published:
            raise Conflict(head, number)
        write_rows([candidate])
        head.state = TextRevision.State.PUBLISHED
        head.published_at = timezone.now()
        if message.strip():
            head.message = message.strip()
        head.save(update_fields=["state", "published_at", "message"])
    return head


def restore(source, number, base_number, user):
    """Revision `number`'s text as a new working revision (nothing is lost: the history keeps all)."""
    old = source.revisions.filter(number=number).first()
    if old is None:
        raise SourceError(source.file, 0, 0, f"there is no version {number}")
    return save_working(source, base_number, old.tei.encode("utf-8"), user, f"Restored version {number}")


def published_revision(document):
    """The revision readers see of a document (None before the first import recorded one)."""
    source = TextSource.objects.filter(file=document.source_file).first()
    return source.published() if source is not None else None


def ocr_notes(document):
    return Note.objects.filter(document=document, kind=Note.Kind.OCR)


def documents_of(source):
    return Document.objects.filter(source_file=source.file)


# -- corrections: a change to the head's tree, saved as a working revision ----------------------


@dataclass
class Selection:
    """Words of a passage as the editor chose them: by selection (offsets and exact words in a
    view's text) or typed (words, and the words just before them if they recur)."""

    passage_xml_id: str
    view: str = "reading"
    start: int = None
    end: int = None
    exact: str = ""
    words: str = ""
    words_before: str = ""

    def run(self, root, collection):
        from .tei import corrections

        if not (self.exact or "").strip():
            if not (self.words or "").strip():
                return None
            self.start, self.end, self.exact = corrections.resolve_typed(
                root, collection, self.passage_xml_id, self.words, self.words_before, self.view
            )
        run, _text = corrections.locate(
            root, collection, self.passage_xml_id, self.start, self.end, self.exact, self.view
        )
        return run


def correct(document, base_number, selection, kind, data, user, message=""):
    """Apply one correction to the head revision's TEI and save it as a working revision.

    Raises Conflict (made against an older revision), CorrectionError (cannot be done
    there, the message says why) or SourceError (the result would not be valid TEI).
    """
    from .tei import corrections

    source = source_of(document)
    head, root = head_tree(source)
    if head.number != base_number:
        raise Conflict(head, base_number)
    username = user.get_username()
    run = selection.run(root, source.collection)
    if run is None and kind != "note":
        raise corrections.CorrectionError("Select the words in the text, or type them.")
    if kind == "ocr":
        corrections.mark_ocr_error(root, run, data.get("correction"), data.get("cert"), data.get("evidence"), username)
        summary = f"OCR error marked: “{run.words}” corrected to “{data.get('correction', '').strip()}”"
    elif kind == "abbr":
        corrections.expand_abbreviation(root, run, data.get("expansion"))
        summary = f"Abbreviation expanded: “{run.words}” as “{data.get('expansion', '').strip()}”"
    elif kind == "identify":
        _element, entry_id = corrections.identify(
            root,
            run,
            data.get("entity_kind"),
            data.get("entry", "").strip(),
            data.get("name"),
            data.get("identification"),
        )
        summary = f"“{run.words}” identified as {data.get('entity_kind')} #{entry_id}"
    elif kind == "note":
        passage, _doc = corrections.passage_element(root, source.collection, selection.passage_xml_id)
        corrections.add_note(root, passage, run, data.get("note"), username)
        summary = "Editorial note on " + (
            f"“{run.words}”" if run is not None else f"passage {selection.passage_xml_id}"
        )
    elif kind == "unclear":
        corrections.mark_unclear(root, run, data.get("reason", "").strip(), data.get("note"), username)
        summary = f"“{run.words}” marked unclear ({data.get('reason', '').strip()})"
    elif kind == "supplied":
        corrections.supply(root, run, data.get("supplied_text"), data.get("reason"), data.get("note"), username)
        summary = f"“{data.get('supplied_text', '').strip()}” supplied after “{run.words}”"
    else:
        raise corrections.CorrectionError("Choose a kind of correction.")
    message = (message or "").strip() or summary
    corrections.record_change(root, message, username)
    return save_working(source, base_number, serialize(root), user, message)


def change_ocr_correction(document, base_number, choice_id, user, data=None, withdraw=False):
    """Edit (data: correction, cert, evidence) or withdraw an OCR correction, as a working revision."""
    from .tei import corrections

    source = source_of(document)
    head, root = head_tree(source)
    if head.number != base_number:
        raise Conflict(head, base_number)
    username = user.get_username()
    if withdraw:
        sic = corrections.ocr_correction(root, choice_id).find(f"{{{corrections.T[1:-1]}}}sic")
        words = " ".join("".join(sic.itertext()).split())
        corrections.withdraw_ocr_error(root, choice_id)
        message = f"OCR correction of “{words}” withdrawn"
    else:
        corrections.edit_ocr_error(
            root, choice_id, data.get("correction"), data.get("cert"), data.get("evidence"), username
        )
        message = f"OCR correction {choice_id} edited: “{data.get('correction', '').strip()}” ({data.get('cert')})"
    corrections.record_change(root, message, username)
    return save_working(source, base_number, serialize(root), user, message)


def ocr_correction_fields(source, choice_id):
    """What the edit form starts from: the correction, its certainty and the evidence (head revision)."""
    from .tei import corrections

    _head, root = head_tree(source)
    choice = corrections.ocr_correction(root, choice_id)
    T = corrections.T
    corr = choice.find(f"{T}corr")
    notes = corrections.notes_on(root, choice_id)
    evidence = " ".join("".join(notes[0].itertext()).split()) if notes else ""
    cert = corr.get("cert") or ""
    evidence = evidence.removesuffix(f" Certainty: {cert}.") if cert else evidence
    return {
        "sic": " ".join("".join(choice.find(f"{T}sic").itertext()).split()),
        "correction": " ".join("".join(corr.itertext()).split()),
        "cert": cert,
        "evidence": evidence,
    }


# -- history: what changed between two revisions -------------------------------------------------


def reading_texts(revision):
    """{(slug, passage xml_id): reading text} of a revision, rendered from its TEI (the one renderer)."""
    from .textmap import passage_text

    candidate = Candidate(revision.source.file, revision.tei.encode("utf-8"), origin=revision.origin)
    candidate.root = parse_bytes(candidate.data, candidate.file, settings.MAX_SOURCE_BYTES)
    candidate.extracted = _Extractor.make(candidate, id_index([candidate])).extract()
    return {(d.slug, p.xml_id): passage_text(p.reading_html) for d in candidate.extracted.documents for p in d.passages}


def word_diff(old, new):
    """[(op, words)]: op is "same", "del" or "ins"; words compared whole, as a reader reads them."""
    import difflib

    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("ins", " ".join(b[j1:j2])))
    return out


def compare(old, new):
    """The passages whose reading text differs between two revisions, with a word diff of each."""
    before, after = reading_texts(old), reading_texts(new)
    changes = []
    for key in list(dict.fromkeys([*before, *after])):
        if before.get(key) != after.get(key):
            changes.append(
                {"slug": key[0], "passage": key[1], "diff": word_diff(before.get(key, ""), after.get(key, ""))}
            )
    return changes


def tei_diff(old, new):
    """A unified diff of the two TEI texts, line by line."""
    import difflib

    return "\n".join(
        difflib.unified_diff(
            old.tei.splitlines(),
            new.tei.splitlines(),
            f"version {old.number}",
            f"version {new.number}",
            lineterm="",
            n=2,
        )
    )


# -- round trip with git -------------------------------------------------------------------------


def exported_files(directory, write=True):
    """For every text, its published revision written to directory/<file> (unless the file already
    holds it): yields (path, revision, unchanged). The database is not changed."""
    for source in TextSource.objects.order_by("file"):
        published = source.published()
        if published is None:
            continue
        path = Path(directory) / source.file
        data = published.tei.encode("utf-8")
        same = path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == published.sha256
        if not same and write:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_bytes(data)
            temporary.replace(path)  # never a half-written source
        yield path, published, same


def editorial_note_text(source, note_id):
    """The text of an editorial note in the head revision (for its edit form)."""
    from .tei import corrections

    _head, root = head_tree(source)
    found = root.xpath(
        "//tei:note[@xml:id=$id][@type='editorial']", id=note_id, namespaces={"tei": corrections.T[1:-1]}
    )
    if not found:
        raise corrections.CorrectionError("That note is no longer in the text.")
    return " ".join("".join(found[0].itertext()).split())


def change_note(document, base_number, note_id, user, text):
    """Edit an editorial note's text, as a working revision."""
    from .tei import corrections

    source = source_of(document)
    head, root = head_tree(source)
    if head.number != base_number:
        raise Conflict(head, base_number)
    corrections.edit_note(root, note_id, text, user.get_username())
    message = f"Editorial note {note_id} edited"
    corrections.record_change(root, message, user.get_username())
    return save_working(source, base_number, serialize(root), user, message)
