"""The readers' front door: a page already served to an anonymous reader is served again, or
answered 304, before the middleware stack runs.

edition/caching.py decides what a reader's page is and keys it by the versions it is made from;
every page it serves to a reader says so on the request (request.served_page). This middleware
keeps those bytes in the process, beside the route's version source (one document, or the whole
site), and answers the next identical request from them after one query: the version row that
caching.py itself reads. The versions decide, exactly as in caching.py, so nothing is ever stale:
when a revision or a published gloss changes the version, the request goes through the whole stack
(and the shared cache) as before, and what it serves is kept again.

What a reader's request then costs is one small query, a dict lookup and the bytes: no session,
no CSRF, no auth, no URL resolving, no view. That is what lets the cable and its 304 keep up with
the benchmark's floor, a trivial view that still pays the whole stack.

Only the simplest, commonest requests come in: GET, with no session, messages or display cookie
(those pages are personal or private). Everything else, and any first request, goes the long way.
"""

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.signals import setting_changed
from django.db import connection
from django.db.backends.signals import connection_created
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response

from . import caching
from .display import COOKIE as DISPLAY_COOKIE

# Bytes kept per process: a few dozen pages in both encodings (the cable is 177 KB plain, 25 KB gzip).
MAX_BYTES = 48 * 1024 * 1024
# Headers a 304 repeats (RFC 9110 15.4.5: those a 200 would have sent that describe the representation's cache life).
NOT_MODIFIED_HEADERS = {"etag", "last-modified", "cache-control", "vary", "expires", "content-location"}
# Headers never kept: per response.
NEVER_KEPT = {"set-cookie", "date", "content-length"}


@dataclass(frozen=True)
class Served:
    """A reader's page as it left the stack, with what decides whether it is still current."""

    version_tag: str
    etag: str
    last_modified: int | None
    headers: tuple
    body: bytes | None  # None: only its validators are known (the long way answered 304)


class ServedPages:
    """Pages by request and version, oldest dropped first beyond MAX_BYTES; the route's version
    source (("document", slug) or ("site", None)) by request. One per process, shared by its threads."""

    def __init__(self, max_bytes=MAX_BYTES):
        self.max_bytes = max_bytes
        self.sources = {}
        self.tags = {}  # the version tag of each source, under the database stamp it was read with
        self.pages = OrderedDict()
        self.size = 0
        self.lock = Lock()

    def clear(self, **kwargs):
        with self.lock:
            self.sources.clear()
            self.tags.clear()
            self.pages.clear()
            self.size = 0

    def find(self, request_key):
        source = self.sources.get(request_key)
        if source is None:
            return None
        tag = current_version_tag(source)
        if tag is None:
            return None
        return self.pages.get((request_key, tag))

    def keep(self, request_key, source, served):
        with self.lock:
            self.sources[request_key] = source
            key = (request_key, served.version_tag)
            old = self.pages.pop(key, None)
            if old is not None:
                if served.body is None and old.body is not None:
                    served = old  # a 304 teaches nothing new about a page kept whole
                self.size -= len(old.body or b"")
            self.pages[key] = served
            self.size += len(served.body or b"")
            while self.size > self.max_bytes and self.pages:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.body or b"")


SERVED = ServedPages()
# A test or a deployment that changes a setting changes what pages say (caching.RENDERING_SETTINGS).
setting_changed.connect(SERVED.clear, dispatch_uid="served_pages_clear")


class DatabaseStamp:
    """On SQLite, a stamp that changes whenever anything was committed to the database since it was
    last read, for a few microseconds instead of the version query: PRAGMA data_version moves when
    another connection (another worker, a manage.py import) commits, total_changes when this one
    writes, and a new connection starts a new series. While the stamp holds, no version can have
    moved, so a version tag read under it is still true. Other databases have no such cheap signal:
    None, and the version query is made every time."""

    def __init__(self):
        self.connections = 0
        connection_created.connect(self.opened, dispatch_uid="served_pages_connection_created")

    def opened(self, sender, connection, **kwargs):
        self.connections += 1

    def now(self):
        if connection.vendor != "sqlite" or connection.connection is None or connection.in_atomic_block:
            return None
        raw = connection.connection
        (data_version,) = raw.execute("PRAGMA data_version").fetchone()
        return (self.connections, data_version, raw.total_changes)


STAMP = DatabaseStamp()


def current_version_tag(source):
    """The reader's version tag of a route now, by the one query caching.py uses (None: no such
    document), or without it while the database stamp says nothing was committed since."""
    stamp = STAMP.now()
    if stamp is not None:
        known = SERVED.tags.get(source)
        if known is not None and known[0] == stamp:
            return known[1]
    tag = version_tag_from_database(source)
    if stamp is not None:
        SERVED.tags[source] = (stamp, tag)
    return tag


def version_tag_from_database(source):
    kind, slug = source
    if kind == "site":
        return caching.site_version().tag
    row = caching.document_version(slug)
    return None if row is None else caching.reader_version_of_document(row).tag


def request_key(request):
    """What identifies a reader's request for a page, or None when it must go the long way:
    anything but GET, or a cookie that makes the page personal or private."""
    if request.method != "GET":
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or DISPLAY_COOKIE in cookies or CookieStorage.cookie_name in cookies:
        return None
    meta = request.META
    return (
        request.path,
        meta.get("QUERY_STRING", ""),
        meta.get("HTTP_HX_REQUEST", ""),
        meta.get("HTTP_HX_TARGET", ""),
        meta.get("HTTP_HOST", ""),  # exported ids may follow the host while developing (SITE_ROOT_FOLLOWS_REQUEST)
        bool(caching.ACCEPTS_GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", ""))),
    )


def answer(request, served):
    """304 when the reader's copy is current (as caching.py decides: If-None-Match, else If-Modified-Since), else
    the bytes; None when they are not kept here."""
    not_modified = get_conditional_response(request, etag=served.etag, last_modified=served.last_modified)
    if isinstance(not_modified, HttpResponseNotModified):
        for name, value in served.headers:
            if name.lower() in NOT_MODIFIED_HEADERS:
                not_modified[name] = value
        return not_modified
    if served.body is None:
        return None
    response = HttpResponse(served.body)
    for name, value in served.headers:
        response[name] = value
    response["Content-Length"] = str(len(served.body))  # as CommonMiddleware, which this skips, would say
    return response


def remember(request, key, response):
    """Keep a reader's page that caching.py served public (it marks the request), as it left the stack:
    whole when it was sent (200), or only its validators when the long way answered 304."""
    page = getattr(request, "served_page", None)
    if page is None or response.status_code not in (200, 304) or response.streaming or response.cookies:
        return
    source, version_tag, etag, last_modified = page
    if response.get("ETag") != etag or not response.get("Cache-Control", "").startswith("public"):
        return
    headers = tuple((name, value) for name, value in response.items() if name.lower() not in NEVER_KEPT)
    body = response.content if response.status_code == 200 else None
    SERVED.keep(key, source, Served(version_tag, etag, last_modified, headers, body))


class ServedPagesMiddleware:
    """Early in the stack (after the security checks, before sessions): see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request_key(request)
        if key is None:
            return self.get_response(request)
        served = SERVED.find(key)
        if served is not None:
            response = answer(request, served)
            if response is not None:
                return response
        response = self.get_response(request)
        remember(request, key, response)
        return response
