"""Rita reads the cable again and again: after the first time, the front door
(edition/served_pages.py) answers her, or answers 304, without sessions, URL resolving or the
view. The moment Alice publishes a gloss, from this process or from another connection, Rita's
next request goes the long way and gets the new page."""

import threading

import pytest
from django.db import connection

from edition import glosses

CABLE_URL = "/documents/usun-1762/"


def refuse_the_long_way(monkeypatch):
    """From now on, fail any request that reaches the view layer: caching.py's conditional page or the URL resolver."""

    def refuse(*args, **kwargs):
        raise AssertionError("the request went the long way")

    monkeypatch.setattr("edition.caching.conditional_page", refuse)
    monkeypatch.setattr("django.urls.resolvers.URLResolver.resolve", refuse)


def test_rita_is_served_the_same_bytes_and_headers_without_the_view(client, cable, monkeypatch):
    first = client.get(CABLE_URL, HTTP_ACCEPT_ENCODING="gzip")  # the first visits go the long way
    plain = client.get(CABLE_URL)
    refuse_the_long_way(monkeypatch)

    again = client.get(CABLE_URL, HTTP_ACCEPT_ENCODING="gzip")
    assert again.status_code == 200
    assert again.content == first.content
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type", "Content-Encoding"):
        assert again[header] == first[header], header
    # The security headers are still those of a page that went through the whole stack.
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert again[header] == first[header], header
    assert again["Content-Length"] == str(len(first.content))
    assert not again.cookies

    plain_again = client.get(CABLE_URL)
    assert plain_again.content == plain.content and "Content-Encoding" not in plain_again

    not_modified = client.get(CABLE_URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert not_modified["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Content-Encoding" not in not_modified
    by_date = client.get(CABLE_URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


def test_a_new_worker_that_only_ever_answered_304_keeps_answering_304_at_the_door(client, cable, monkeypatch):
    """A worker started after Rita's browser cached the page sees only her conditional requests."""
    from edition.served_pages import SERVED

    etag = client.get(CABLE_URL)["ETag"]
    SERVED.clear()  # a fresh worker
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304  # the long way, once
    refuse_the_long_way(monkeypatch)
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with pytest.raises(AssertionError, match="long way"):
        client.get(CABLE_URL)  # its bytes were never kept here: only the long way has them


def test_a_gloss_published_in_this_process_shows_at_rita_s_next_request(client, cable, alice):
    gloss = glosses.create_gloss(alice, cable, "para-4", None, "Published while Rita reads.")
    etag = client.get(CABLE_URL)["ETag"]
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    glosses.publish(gloss, alice)
    after = client.get(CABLE_URL, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    assert "Published while Rita reads." in after.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_gloss_published_through_another_connection_shows_at_rita_s_next_request(client, alice):
    """Another worker, another connection: the version row (or, on SQLite, the database's own
    change counter) tells this process at once. Here the other connection is another thread's."""
    from edition.importer import import_sources
    from edition.models import Document, Gloss
    from tests.support import CABLE

    import_sources([CABLE])
    cable = Document.objects.get(slug="usun-1762")
    gloss = glosses.create_gloss(alice, cable, "para-4", None, "Published by another worker.")
    first = client.get(CABLE_URL)
    assert client.get(CABLE_URL).content == first.content  # now answered at the front door
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    def publish_elsewhere():
        try:
            glosses.publish(Gloss.objects.get(pk=gloss.pk), alice)
        finally:
            connection.close()

    worker = threading.Thread(target=publish_elsewhere)
    worker.start()
    worker.join()

    after = client.get(CABLE_URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200, "a 304 for a page another connection changed"
    assert "Published by another worker." in after.content.decode()


def test_display_choices_and_sessions_always_go_the_long_way(client, cable, alice, monkeypatch):
    from edition import caching
    from edition.display import COOKIE

    client.get(CABLE_URL)
    seen = []
    original = caching.conditional_page
    monkeypatch.setattr(caching, "conditional_page", lambda *a, **k: seen.append(1) or original(*a, **k))

    client.cookies[COOKIE] = "persons=on"
    assert client.get(CABLE_URL)["Cache-Control"].startswith("private")
    del client.cookies[COOKIE]
    client.force_login(alice)
    assert client.get(CABLE_URL)["Cache-Control"].startswith("private")
    assert len(seen) == 2
