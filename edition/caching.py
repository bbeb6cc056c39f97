"""Readers get cached bytes, everybody gets conditional GET.

A read page changes only when what it is made from changes: the sources (an import
bumps Document.imported_at and source_revision) or the glosses readers see (every
gloss write bumps Document.published_gloss_version, edition/glosses.py). So a page
is keyed by those versions, by what the request chooses (its query string, the
htmx part it asks for, the display choices) and by the code that renders it, and
an entry is never stale, only unused: nothing has to be deleted when data change.

What a reader's request costs: one small query (the version row) and one cache
get; the page is neither assembled nor rendered, no session is read, and the bytes
are already gzip-compressed. With If-None-Match it is answered 304 before the
cache is even asked.

- Anonymous readers share one cached copy (Cache-Control: public, revalidated on
  every use, so a browser or CDN keeps a copy and asks with its ETag).
- Logged-in users get their own page (their name, a CSRF token, and for editors
  the drafts), never cached here and never shared: Cache-Control private, and
  for editors an ETag keyed by every gloss write, drafts included.
"""

import gzip
import hashlib
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, datetime
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache as page_cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.regex_helper import _lazy_re_compile

from .models import Document
from .permissions import is_editor

PUBLIC = "public, max-age=0, must-revalidate"
PRIVATE = "private, max-age=0, must-revalidate"
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")  # as django.middleware.gzip reads Accept-Encoding
# Response headers a cached entry keeps (the rest are per request: cookies, CSP, security headers).
KEPT_HEADERS = {"content-type", "content-disposition", "access-control-allow-origin", "vary", "content-language"}


@dataclass(frozen=True)
class Version:
    """What a page is made from, as far as caching goes: a tag for its key and ETag, and
    when it last changed (None: say nothing, e.g. editors' pages, which drafts change)."""

    tag: str
    last_modified: datetime | None


# -- versions: one small query each ---------------------------------------------------
# Plain SQL: on the cheap path the ORM's query building cost more than the query itself.

DOCUMENT_TABLE = Document._meta.db_table
DOCUMENT_VERSION_SQL = (
    "SELECT d.id, d.source_revision, d.imported_at, (SELECT MAX(imported_at) FROM {table}),"
    " d.published_gloss_version, d.gloss_version, d.glosses_changed_at FROM {table} d WHERE d.slug = %s"
)
SITE_VERSION_SQL = "SELECT MAX(imported_at), COUNT(*) FROM {table}"
VERSION_FIELDS = (
    "pk", "source_revision", "imported_at", "latest_import", "published_gloss_version", "gloss_version",
    "glosses_changed_at",
)  # fmt: skip


def _moment(value):
    """A timestamp as the database gave it (SQLite: text) as an aware datetime."""
    moment = value if value is None or isinstance(value, datetime) else parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def document_version(slug):
    """The versions of a document and of the sources around it (what cites it, its neighbours),
    or None if there is no such document (the view answers 404). One query."""
    with connection.cursor() as cursor:
        cursor.execute(DOCUMENT_VERSION_SQL.format(table=connection.ops.quote_name(DOCUMENT_TABLE)), [slug])
        found = cursor.fetchone()
    if found is None:
        return None
    row = dict(zip(VERSION_FIELDS, found, strict=True))
    for name in ("imported_at", "latest_import", "glosses_changed_at"):
        row[name] = _moment(row[name])
    return row


def reader_version_of_document(row):
    changed = [t for t in (row["latest_import"], row["glosses_changed_at"], row["imported_at"]) if t]
    tag = f"d{row['pk']}:{row['source_revision']}:{row['latest_import'].timestamp()}:{row['published_gloss_version']}"
    return Version(tag, max(changed))


def editor_version_of_document(row):
    return Version(f"{reader_version_of_document(row).tag}:e{row['gloss_version']}", None)


def site_version():
    """For the pages made from every document's import (home, the lists, the indexes). One query."""
    with connection.cursor() as cursor:
        cursor.execute(SITE_VERSION_SQL.format(table=connection.ops.quote_name(DOCUMENT_TABLE)))
        latest, count = cursor.fetchone()
    latest = _moment(latest)
    return Version(f"s{count}:{latest.timestamp() if latest else 0}", latest)


# -- who is asking ----------------------------------------------------------------------


def audience(request):
    """'reader' (anonymous, one shared copy), 'editor' or 'user' (logged in, a page of their own).

    Without a session cookie the visitor is anonymous, and the session is never read: reading it
    would make the response Vary on Cookie and, for a logged-out visitor, change nothing."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        request.user = AnonymousUser()
        return "reader"
    if not request.user.is_authenticated:
        return "reader"
    return "editor" if is_editor(request.user) else "user"


def display_key(request):
    """The reader's display choices, normalised by their one owner (edition/display.py), when it exists."""
    try:
        from .display import display_choices
    except ImportError:
        return ()
    choices = display_choices(request)
    if hasattr(choices, "key"):
        return choices.key()
    if is_dataclass(choices):
        choices = asdict(choices)
    return tuple(sorted(dict(choices).items()))


# -- the code that renders ----------------------------------------------------------------


@cache
def code_version():
    """Templates, Python code and static files make the page as much as the data do: a new
    deployment must not be served pages (and static URLs) cached by the old one."""
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", Path(__file__).resolve().parent]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".html"} and path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


# Settings that change what a page says, read on every request (a test or a restart may change them).
RENDERING_SETTINGS = ("SITE_ROOT", "FACSIMILE_BASE_URL", "FACSIMILE_IMAGE_HOSTS", "STATIC_URL", "DEBUG")


def rendering_settings():
    return tuple(repr(getattr(settings, name, None)) for name in RENDERING_SETTINGS)


# -- serving ---------------------------------------------------------------------------


def conditional_page(request, version, render, *, source=None, variant=(), allowed_params=None, by_cookie=False):
    """The response for a read view: 304 when the client's copy is current, else the page
    from the cache (anonymous readers), else render() (a view's response, which for readers
    is cached as plain and gzip-compressed bytes).

    version: the Version for this audience (see serve_document, serve_site).
    variant: what else the page depends on besides the URL (e.g. display choices).
    allowed_params: the query parameters the view reads; a page asked for with others is
    still answered, but not cached (their values would only fill the cache).
    by_cookie: the variant may come from the display-choices cookie. A page shaped by that cookie
    is private (Vary: Cookie); the cookieless default stays public and shared.
    source: where the version comes from (("document", slug) or ("site", None)); a shared page
    says so on the request (request.served_page), for edition/served_pages.py.
    """
    who = audience(request)
    personal = ()
    if who != "reader":
        # Their page names them and carries a CSRF token made for their cookie.
        personal = (request.user.pk, request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""))
    htmx = (request.headers.get("HX-Request", ""), request.headers.get("HX-Target", ""))
    asked = (request.path, request.GET.urlencode(), htmx, variant)
    key_source = repr((code_version(), rendering_settings(), version.tag, who, personal, asked))
    digest = hashlib.sha256(key_source.encode()).hexdigest()[:32]
    gzipped = who == "reader" and bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    # A strong validator names the bytes sent: the compressed representation has its own.
    etag = f'"{digest}{"-gzip" if gzipped else ""}"'
    last_modified = int(version.last_modified.timestamp()) if version.last_modified and who == "reader" else None

    from .display import COOKIE as DISPLAY_COOKIE

    by_cookie = by_cookie and DISPLAY_COOKIE in request.COOKIES
    cacheable = allowed_params is None or set(request.GET) <= set(allowed_params)
    if who == "reader" and cacheable and source is not None and not by_cookie:
        request.served_page = (source, version.tag, etag, last_modified)
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return _validated(not_modified, etag, last_modified, who, gzipped, by_cookie)

    if who != "reader":
        response = render()
        if response.status_code == 200:
            # GZipMiddleware compresses it, and weakens this ETag to W/ as it should.
            response = _validated(response, etag, None, who, gzipped=False)
        return response

    # The two representations are kept apart: a browser's request reads only the compressed bytes.
    key = f"page:{digest}:{'gzip' if gzipped else 'plain'}"
    entry = page_cache.get(key)
    if entry is None:
        response = render()
        if response.status_code != 200 or response.streaming:
            return response
        plain, compressed = _entries(response)
        if cacheable:
            page_cache.set_many({f"page:{digest}:plain": plain, f"page:{digest}:gzip": compressed})
        entry = compressed if gzipped else plain
    status, headers, body = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    if gzipped:
        response["Content-Encoding"] = "gzip"
    return _validated(response, etag, last_modified, who, gzipped, by_cookie)


def _entries(response):
    """(status, headers, bytes) of the page as it is, and compressed."""
    headers = [(name, value) for name, value in response.items() if name.lower() in KEPT_HEADERS]
    compressed = gzip.compress(response.content, 6, mtime=0)
    return (response.status_code, headers, response.content), (response.status_code, headers, compressed)


def _validated(response, etag, last_modified, who, gzipped, by_cookie=False):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = PUBLIC if who == "reader" and not by_cookie else PRIVATE
    if who == "reader":
        # What GZipMiddleware would say: the bytes depend on Accept-Encoding (and, for a page
        # shaped by the reader's display cookie, on that cookie: never one reader's choices for another).
        patch_vary_headers(response, ["Accept-Encoding", "Cookie"] if by_cookie else ["Accept-Encoding"])
    return response


def serve_document(request, slug, render, **options):
    """conditional_page for a view of one document (its page, a passage, its exports):
    readers by the versions readers see, editors by every gloss write too."""
    row = document_version(slug)
    if row is None:
        return render()  # the view answers 404
    who_edits = settings.SESSION_COOKIE_NAME in request.COOKIES and is_editor(request.user)
    version = editor_version_of_document(row) if who_edits else reader_version_of_document(row)
    return conditional_page(request, version, render, source=("document", slug), **options)


def serve_site(request, render, **options):
    """conditional_page for a page made from every document's import (home, lists, indexes, entities)."""
    return conditional_page(request, site_version(), render, source=("site", None), **options)


# -- as decorators, for the views -------------------------------------------------------


def document_view(params=(), variant=None, by_cookie=False):
    """A read view of one document (its slug is the view's first argument), served through
    serve_document. params: the query parameters it reads; variant(request): anything else."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            return serve_document(
                request,
                slug,
                lambda: view(request, slug, *args, **kwargs),
                variant=variant(request) if variant else (),
                allowed_params=params,
                by_cookie=by_cookie,
            )

        return wrapper

    return decorator


def site_view(params=()):
    """A read view made from every document's import, served through serve_site."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return serve_site(request, lambda: view(request, *args, **kwargs), allowed_params=params)

        return wrapper

    return decorator


# -- notes, rendered once ----------------------------------------------------------------


def prerender_notes(pages, request, view, document=None):
    """Render each note of the apparatus once and keep it (entry.rendered, which the page's template
    uses as it is): with 1,000 glosses, rendering their notes was most of an editor's page. A note is
    keyed by what it shows: its gloss's version (or its TEI note's row, new at every import), its
    number, the view, and for editors their CSRF cookie (its forms carry a token made for it)."""
    editor = is_editor(request.user)
    personal = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "") if editor else ""
    if editor and not personal:
        return  # an editor's first page sets the cookie its forms' tokens are made for
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    shared = (code_version(), rendering_settings(), view, editor, personal)
    keyed = {}
    for page in pages:
        for entry in page.notes:
            if entry.gloss is not None:
                what = ("gloss", entry.gloss.pk, entry.gloss.version)
            else:
                what = ("note", entry.note.pk if entry.note is not None else None)
            source = repr((shared, what, entry.note_id, entry.number))
            keyed["note:" + hashlib.sha256(source.encode()).hexdigest()[:32]] = entry
    found = page_cache.get_many(list(keyed))
    fresh = {}
    for key, entry in keyed.items():
        html = found.get(key)
        if html is None:
            context = {"entry": entry, "view": view, "is_editor": editor, "document": document}
            html = fresh[key] = render_to_string("edition/_note.html", context, request=request)
        entry.rendered = mark_safe(html)
    if fresh:
        page_cache.set_many(fresh)


def passage_html(passage, view, glosses, with_controls, citations, render):
    """A passage with its glosses laid in (render()), kept while none of them changes: laying 30
    glosses into a passage is the costly part of an editor's page, and a gloss write changes one
    passage. Keyed by the passage's row (new at every import), the view, each gloss's version, the
    controls and what cites the passage. Passages without glosses cost nothing to render: not kept."""
    if not glosses:
        return render()
    source = repr(
        (
            code_version(),
            rendering_settings(),
            passage.pk,
            view,
            with_controls,
            sorted((gloss.pk, gloss.version) for gloss in glosses),
            [(citation.back_url, citation.words) for citation in citations],
        )
    )
    key = "passage:" + hashlib.sha256(source.encode()).hexdigest()[:32]
    html = page_cache.get(key)
    if html is None:
        html = render()
        page_cache.set(key, html)
    return html
