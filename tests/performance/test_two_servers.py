"""Two app servers, one database, one shared Redis cache: a gloss Alice publishes through one
server is never served stale by the other.

Real processes and real HTTP: two gunicorn servers (one sync worker each) on a fresh database
(a temporary SQLite file, or a scratch PostgreSQL database next to DATABASE_URL), both with
CACHE_URL pointing at Redis on 127.0.0.1:6379 under a key prefix of their own. Alice logs in
on server A through the real form (CSRF included), writes and publishes a gloss; a reader asks
server B, with the ETag B gave him before, and gets the new page.
"""

import gzip
import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench import serving
from tests.support import ROOT, in_ci

REDIS = ("127.0.0.1", 6379)
CABLE = "/documents/usun-1762/"
PASSWORD = "two-servers-password-not-secret-1"


def redis_url_or_skip():
    try:
        socket.create_connection(REDIS, timeout=2).close()
    except OSError as error:
        message = f"Redis does not answer on {REDIS[0]}:{REDIS[1]} ({error}): the shared-cache story needs it"
        if in_ci():
            pytest.fail(f"{message}; CI must run it (.ci/run starts redis-server)", pytrace=False)
        pytest.skip(message)
    return f"redis://{REDIS[0]}:{REDIS[1]}/0"


def fetch(url, headers=None, data=None, opener=None):
    """(status, headers, text): the text decompressed when the server sent gzip."""
    status, answered, raw = serving.fetch(url, headers=headers, data=data, opener=opener)
    if answered.get("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    return status, answered, raw.decode()


@pytest.fixture
def scratch_env(tmp_path):
    """The environment of both servers: a fresh database, the shared Redis, a key prefix of their own."""
    redis_url = redis_url_or_skip()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTEST_CURRENT_TEST"}}
    env.update(
        DEBUG="1",  # the static files are served from the finders: no collectstatic needed
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_ROOT="https://edition.example.org",  # one public address for both, as behind a proxy
        FACSIMILE_BASE_URL="",
        LOG_LEVEL="ERROR",
        GUNICORN_ACCESS_LOG="",
        WEB_CONCURRENCY="1",
        SQLITE_PATH=str(tmp_path / "shared.sqlite3"),
        CACHE_URL=redis_url,
        CACHE_KEY_PREFIX=f"two-servers-{secrets.token_hex(6)}",
    )
    url = os.environ.get("DATABASE_URL")
    admin = name = None
    if url:
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_two_servers"
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))
    for command in (
        ["migrate", "--noinput"],
        ["import_sources", str(ROOT / "sources" / "usun-1762.xml")],
        [
            "shell",
            "-c",
            "from django.contrib.auth.models import User\nfrom edition.permissions import editors_group\n"
            f"User.objects.create_user('alice', password={PASSWORD!r}).groups.add(editors_group())",
        ],
    ):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
    yield env
    import redis

    client = redis.Redis.from_url(env["CACHE_URL"])
    for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
        client.delete(key)
    if admin:
        import psycopg

        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def two_servers(scratch_env, tmp_path):
    with (
        serving.gunicorn(scratch_env, tmp_path / "gunicorn-a.log") as server_a,
        serving.gunicorn(scratch_env, tmp_path / "gunicorn-b.log") as server_b,
    ):
        yield server_a, server_b


def logged_in(base):
    """Alice's browser on one server: her cookies, through the real login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), serving.NoRedirect)
    fetch(base + "/accounts/login/", opener=opener)
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token}
    status, _, _ = fetch(base + "/accounts/login/", data=urllib.parse.urlencode(form).encode(), opener=opener)
    assert status == 302, "alice could not log in"

    def post(path, fields):
        token = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        return fetch(base + path, data=data, opener=opener, headers={"Referer": base + CABLE})

    return opener, post


def test_a_gloss_published_through_one_server_is_never_served_stale_by_the_other(two_servers, scratch_env):
    import redis

    server_a, server_b = two_servers
    # A reader on each server: both answer from one cached copy, with one ETag.
    status, headers_b, before = fetch(server_b + CABLE)
    assert status == 200, before[-3000:]
    etag_b = headers_b["ETag"]
    assert fetch(server_a + CABLE)[1]["ETag"] == etag_b
    shared = redis.Redis.from_url(scratch_env["CACHE_URL"])
    assert list(shared.scan_iter(f"{scratch_env['CACHE_KEY_PREFIX']}:*")), "the page was not stored in Redis"
    assert fetch(server_b + CABLE, headers={"If-None-Match": etag_b})[0] == 304

    opener, post = logged_in(server_a)
    body = "Published through server A, read through server B."
    status, _, _ = post(CABLE + "passages/para-4/glosses/new/", {"body": body})
    assert status == 302
    # Her draft: readers on either server still get their copy, and B still answers 304.
    assert body not in fetch(server_b + CABLE)[2]
    assert fetch(server_b + CABLE, headers={"If-None-Match": etag_b})[0] == 304

    editor_page = fetch(server_a + CABLE, opener=opener)[2]
    public_id, version = re.search(
        r'action="/glosses/([0-9a-f-]{36})/publish/".*?name="version" value="(\d+)"', editor_page, re.S
    ).groups()
    status, _, _ = post(f"/glosses/{public_id}/publish/", {"version": version})
    assert status == 302

    status, headers, page = fetch(server_b + CABLE, headers={"If-None-Match": etag_b})
    assert status == 200, "server B answered 304 for a page that changed on server A"
    assert body in page
    assert headers["ETag"] != etag_b
    # And the compressed copy, from the shared cache, says the same on both servers.
    for server in (server_a, server_b):
        status, headers, page = fetch(server + CABLE, headers={"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip"
        assert body in page
