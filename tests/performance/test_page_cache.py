"""Rita, and every anonymous reader, get the cable from the page cache: one small query, no
assembly, already compressed; with the ETag they hold, a 304. Alice's drafts never reach them,
and a gloss published, unpublished or deleted shows at the next request."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from edition import glosses

CABLE_URL = "/documents/usun-1762/"


@pytest.fixture
def no_assembly(monkeypatch):
    """Fails the test if a page is assembled or a template rendered."""

    def refuse(*args, **kwargs):
        raise AssertionError("the page was assembled again")

    monkeypatch.setattr("edition.views.reading.document_pages", refuse)
    monkeypatch.setattr("django.template.loader.render_to_string", refuse)
    monkeypatch.setattr("django.shortcuts.render", refuse)


def test_a_reader_gets_the_cached_page_for_one_query_and_no_assembly(client, cable, monkeypatch):
    first = client.get(CABLE_URL)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert first["ETag"].startswith('"') and "Last-Modified" in first
    # No session, no cookie: nothing that would keep a CDN or a browser from sharing the copy.
    assert not first.cookies
    assert "Cookie" not in first.get("Vary", "")

    def refuse(*args, **kwargs):
        raise AssertionError("the page was assembled again")

    monkeypatch.setattr("edition.views.reading.assemble", refuse)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(CABLE_URL)
    assert again.status_code == 200
    assert again.content == first.content
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert "edition_document" in queries[0]["sql"]


def test_the_cached_bytes_are_already_compressed(client, cable):
    plain = client.get(CABLE_URL)
    packed = client.get(CABLE_URL, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 4
    # A strong ETag names one representation: the compressed bytes have their own.
    assert packed["ETag"] != plain["ETag"] and not packed["ETag"].startswith("W/")


def test_if_none_match_is_answered_304_without_assembling_anything(client, cable, monkeypatch):
    etag = client.get(CABLE_URL, HTTP_ACCEPT_ENCODING="gzip")["ETag"]

    def refuse(*args, **kwargs):
        raise AssertionError("the page was assembled for a 304")

    monkeypatch.setattr("edition.views.reading.assemble", refuse)
    monkeypatch.setattr("edition.caching.page_cache.get", refuse)  # not even the cache is asked
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CABLE_URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert len(queries) == 1


def test_if_modified_since_is_answered_304_too(client, cable):
    last_modified = client.get(CABLE_URL)["Last-Modified"]
    assert client.get(CABLE_URL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_draft_never_reaches_readers_and_a_published_gloss_shows_at_once(client, cable, alice, gloss_on):
    reader_etag = client.get(CABLE_URL)["ETag"]
    draft = gloss_on(alice, "para-4", "Alice's unfinished thought.")
    # Alice sees her draft on her own page (private, never from the readers' copy) ...
    client.force_login(alice)
    mine = client.get(CABLE_URL)
    assert "Alice&#x27;s unfinished thought." in mine.content.decode() or "unfinished thought" in mine.content.decode()
    assert mine["Cache-Control"] == "private, max-age=0, must-revalidate"
    client.logout()
    client.cookies.clear()
    # ... and readers keep their copy: a draft changes nothing they see, so their ETag holds.
    read = client.get(CABLE_URL)
    assert "unfinished thought" not in read.content.decode()
    assert read["ETag"] == reader_etag
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=reader_etag).status_code == 304

    glosses.publish(draft, alice)
    published = client.get(CABLE_URL, HTTP_IF_NONE_MATCH=reader_etag)
    assert published.status_code == 200
    assert "unfinished thought" in published.content.decode()
    assert published["ETag"] != reader_etag


@pytest.mark.parametrize("change", ["unpublish", "delete", "edit_text", "orphan"])
def test_every_change_readers_saw_is_served_at_the_next_request(client, cable, alice, gloss_on, change):
    gloss = gloss_on(alice, "para-2", "Seen by readers first.", publish=True)
    before = client.get(CABLE_URL)
    assert "Seen by readers first." in before.content.decode()
    if change == "edit_text":
        glosses.edit_text(gloss, alice, "Corrected by Alice.")
    elif change == "orphan":
        gloss.anchor_status = gloss.AnchorStatus.ORPHANED
        glosses.save_version(gloss, None, "orphaned by an import")
    else:
        getattr(glosses, change)(gloss, alice)
    after = client.get(CABLE_URL, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "Seen by readers first." not in after.content.decode()


def test_undoing_a_delete_brings_the_gloss_back_for_readers(client, cable, alice, gloss_on):
    gloss = gloss_on(alice, "para-2", "Deleted, then restored.", publish=True)
    glosses.delete(gloss, alice)
    assert "Deleted, then restored." not in client.get(CABLE_URL).content.decode()
    glosses.undelete(gloss, alice)
    assert "Deleted, then restored." in client.get(CABLE_URL).content.decode()


def test_an_editors_write_of_a_draft_changes_the_editors_etag_only(client, cable, alice, gloss_on):
    reader_etag = client.get(CABLE_URL)["ETag"]
    client.force_login(alice)
    client.get(CABLE_URL)  # her first page sets her CSRF cookie, which her ETag includes
    before = client.get(CABLE_URL)["ETag"]
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=before).status_code == 304
    gloss_on(alice, "para-1", "A draft.")
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=before).status_code == 200
    client.logout()
    client.cookies.clear()
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=reader_etag).status_code == 304


def test_a_logged_in_reader_gets_her_own_page_never_the_shared_copy(client, cable, rita):
    anonymous = client.get(CABLE_URL)
    client.force_login(rita)
    hers = client.get(CABLE_URL)
    assert "Signed in as rita" in hers.content.decode()
    assert hers["Cache-Control"].startswith("private")
    assert hers["ETag"] != anonymous["ETag"]
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=anonymous["ETag"]).status_code == 200


def test_the_text_views_are_cached_apart(client, cable):
    reading = client.get(CABLE_URL)
    diplomatic = client.get(CABLE_URL + "?view=diplomatic")
    assert diplomatic["ETag"] != reading["ETag"]
    assert 'aria-current="page">Diplomatic text' in diplomatic.content.decode()
    assert 'aria-current="page">Reading text' in client.get(CABLE_URL).content.decode()
    # The htmx view switch asks for the text only, and gets the text only.
    part = client.get(CABLE_URL + "?view=diplomatic", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="document-text")
    assert part.content.decode().lstrip().startswith('<div id="document-text"')
    assert part["ETag"] != diplomatic["ETag"]


def test_a_reimport_changes_every_etag(client, cable):
    from edition.importer import import_sources
    from tests.support import CABLE

    etag = client.get(CABLE_URL)["ETag"]
    home = client.get("/")["ETag"]
    import_sources([CABLE])
    assert client.get(CABLE_URL, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get("/", HTTP_IF_NONE_MATCH=home).status_code == 200


READ_PAGES = [
    "/",
    "/documents/",
    "/documents/?month=1962-10",
    "/documents/usun-1762/",
    "/documents/usun-1762/?view=diplomatic",
    "/documents/usun-1762/passages/para-4/",
    "/documents/frus1961-63v06-d67/",
    "/persons/",
    "/terms/",
    "/places/",
    "/persons/usun-1762-stevenson/",
    "/documents/usun-1762/tei.xml",
    "/documents/usun-1762/text.txt",
    "/documents/usun-1762/text.txt?view=diplomatic",
    "/documents/usun-1762/manifest.json",
    "/documents/usun-1762/annotations/",
]


@pytest.mark.parametrize("url", READ_PAGES)
def test_every_read_view_and_export_answers_a_conditional_get(client, cable, url):
    first = client.get(url)
    assert first.status_code == 200, url
    assert first["ETag"] and first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    # The same bytes from the cache as from the first rendering.
    assert client.get(url).content == first.content


def test_a_page_that_does_not_exist_is_still_a_404(client, cable):
    assert client.get("/documents/no-such-document/").status_code == 404
    assert client.get("/documents/usun-1762/passages/no-such-passage/").status_code == 404
    assert client.get("/persons/no-such-person/").status_code == 404


def test_parameters_the_page_does_not_read_are_answered_but_not_cached(client, cable):
    from django.core.cache import cache

    client.get(CABLE_URL)
    keys_before = len(cache._cache)
    for n in range(5):
        assert client.get(f"{CABLE_URL}?utm_source=x{n}").status_code == 200
    assert len(cache._cache) == keys_before


def test_one_gloss_is_a_304_at_its_own_version(client, cable, alice, gloss_on):
    gloss = gloss_on(alice, "para-3", "One gloss as a Web Annotation.", publish=True)
    url = f"/glosses/{gloss.public_id}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    glosses.edit_text(gloss, alice, "Changed.")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_display_choices_from_the_cookie_are_never_shared_across_readers(client, cable):
    """The reader's display choices can come from a cookie: a page they shape is private to that
    reader and Varies on Cookie (on the 200 and the 304 alike); the default page stays shared."""
    default = client.get(CABLE_URL)
    assert default["Cache-Control"].startswith("public") and "Cookie" not in default["Vary"]
    client.cookies["display"] = "furniture=1"
    chosen = client.get(CABLE_URL)
    assert chosen["Cache-Control"].startswith("private") and "Cookie" in chosen["Vary"]
    assert chosen["ETag"] != default["ETag"]
    again = client.get(CABLE_URL, HTTP_IF_NONE_MATCH=chosen["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"].startswith("private") and "Cookie" in again["Vary"]
