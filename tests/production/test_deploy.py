"""A maintainer deploys the edition as the README says: the production checks pass, HTTPS is
enforced, weak keys are refused, static files collected while developing still serve, and
`make serve` brings up a server that the proxy's health probe finds ready.

These run the real settings in subprocesses, each with its own environment and SQLite file."""

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_KEY = secrets.token_urlsafe(50)


def readme_production_variables():
    """The `export …` of the README's Production section, as a dict, with a real key for the placeholder."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### Production", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    export = block[block.index("export ") :].replace("\\\n", " ").splitlines()[0]
    variables = dict(word.split("=", 1) for word in shlex.split(export)[1:])
    assert variables["SECRET_KEY"] == "…long and random…"
    return {**variables, "SECRET_KEY": PRODUCTION_KEY}


def environment(tmp_path, **variables):
    """The machine's environment minus anything the edition reads, plus `variables`."""
    ours = set(readme_production_variables()) | {"DATABASE_URL", "SQLITE_PATH", "STATIC_ROOT", "BENCH_FLOOR", "PORT"}
    ours.add("DJANGO_ALLOW_ASYNC_UNSAFE")  # the suite's own (tests/conftest.py), refused by check --deploy
    environ = {key: value for key, value in os.environ.items() if key not in ours}
    environ.update(
        DJANGO_SETTINGS_MODULE="edition.settings",
        SQLITE_PATH=str(tmp_path / "edition.sqlite3"),
        STATIC_ROOT=str(tmp_path / "static"),
        FACSIMILE_BASE_URL="",
    )
    environ.update(variables)
    return environ


def run(command, tmp_path, timeout=300, **variables):
    return subprocess.run(
        command, cwd=ROOT, env=environment(tmp_path, **variables), capture_output=True, text=True, timeout=timeout
    )


def run_django(code, tmp_path, **variables):
    script = "import django\ndjango.setup()\n" + textwrap.dedent(code)
    return run([sys.executable, "-c", script], tmp_path, **variables)


def test_check_deploy_is_clean_with_the_readmes_production_variables(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        **readme_production_variables(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_with_the_readmes_variables_readers_are_sent_to_https_and_told_to_stay(tmp_path):
    result = run_django(
        """
        from django.test import Client
        client = Client(HTTP_HOST="edition.example.org")
        plain = client.get("/persons/")
        print(plain.status_code, plain["Location"])
        probe = client.get("/healthz/live")  # the proxy's probe may speak plain HTTP
        print(probe.status_code)
        proxied = client.get("/healthz/live", HTTP_X_FORWARDED_PROTO="https")
        print(proxied["Strict-Transport-Security"])
        print(proxied["Permissions-Policy"])
        """,
        tmp_path,
        **readme_production_variables(),
    )
    assert result.returncode == 0, result.stderr
    redirect, probe, hsts, permissions = result.stdout.splitlines()
    assert redirect == "301 https://edition.example.org/persons/"
    assert probe == "200"
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "camera=()" in permissions


@pytest.mark.parametrize(
    "key",
    [
        "short-but-random-Xq9",
        "dev-only-insecure-key-do-not-deploy",
        "django-insecure-" + "k" * 10 + "abcdefghijklmnopqrstuvwxyz0123456789",
        "…long and random…",
        "a" * 60,
    ],
)
def test_a_short_or_default_secret_key_is_refused_in_production(tmp_path, key):
    result = run(
        [sys.executable, "manage.py", "check"], tmp_path, **{**readme_production_variables(), "SECRET_KEY": key}
    )
    assert result.returncode != 0
    assert "SECRET_KEY is too short or a known default" in result.stderr


def test_static_files_collected_while_developing_still_serve_in_production(tmp_path):
    """The trap: collectstatic with DEBUG=1, then DEBUG=0 made every page a 500 (no manifest)."""
    production = {
        "DEBUG": "0",
        "SECRET_KEY": PRODUCTION_KEY,
        "SITE_ROOT": "https://edition.example.org",
        "ALLOWED_HOSTS": "testserver",
    }
    assert run([sys.executable, "manage.py", "migrate", "--noinput"], tmp_path, **production).returncode == 0
    health = """
        import json
        from django.test import Client
        print(json.dumps(json.loads(Client().get("/healthz").content)["checks"]))
        """
    before = run_django(health, tmp_path, **production)
    assert "no staticfiles.json" in before.stdout, before.stderr

    collected = run([sys.executable, "manage.py", "collectstatic", "--noinput"], tmp_path, DEBUG="1")
    assert collected.returncode == 0, collected.stderr

    result = run_django(
        """
        import re
        from django.test import Client
        client = Client()
        home = client.get("/")
        print(home.status_code)
        script = re.search(r'src="(/static/[^"]+[.][0-9a-f]{12}[.]js)"', home.content.decode())[1]
        print(client.get(script).status_code)
        """,
        tmp_path,
        **production,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "200"]  # the page, and its hashed script
    after = run_django(health, tmp_path, **production)
    assert '"static": "ok"' in after.stdout


def test_a_server_whose_database_does_not_answer_is_reported_unready(tmp_path):
    result = run_django(
        """
        import json
        from django.test import Client
        response = Client(HTTP_HOST="127.0.0.1").get("/healthz")
        print(response.status_code)
        print(json.dumps(json.loads(response.content)))
        """,
        tmp_path,
        DEBUG="1",
        SQLITE_PATH=str(tmp_path / "no such directory" / "edition.sqlite3"),
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.splitlines()
    assert status == "503"
    checks = json.loads(body)["checks"]
    assert checks["database"].startswith("the database does not answer")
    assert checks["sources"] == "not checked"


def test_the_benchmarks_floor_page_exists_only_when_asked_for(tmp_path):
    code = """
        from django.test import Client
        response = Client(HTTP_HOST="127.0.0.1").get("/bench/floor/")
        print(response.status_code, len(response.content))
        """
    assert run_django(code, tmp_path, DEBUG="1").stdout.split()[0] == "404"
    assert run_django(code, tmp_path, DEBUG="1", BENCH_FLOOR="1").stdout.split() == ["200", str(80 * 1024)]


def test_make_serve_refuses_the_benchmarks_floor(tmp_path):
    result = run(
        ["make", "-o", ".venv/.installed", "serve"], tmp_path, **readme_production_variables(), BENCH_FLOOR="1"
    )
    assert result.returncode != 0
    assert "BENCH_FLOOR is for the benchmark only" in result.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# What the TLS proxy in front adds to every request it passes on.
PROXIED = {"Host": "edition.example.org", "X-Forwarded-Proto": "https"}


def test_make_serve_refuses_a_development_environment(tmp_path):
    result = run(["make", "-o", ".venv/.installed", "serve"], tmp_path, DEBUG="1")
    assert result.returncode != 0
    assert "make serve runs production: set DEBUG=0" in result.stderr


def test_make_serve_starts_a_production_server_that_is_ready(tmp_path):
    port = free_port()
    variables = {
        **readme_production_variables(),
        "ALLOWED_HOSTS": "edition.example.org,127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "",
    }
    log = (tmp_path / "serve.log").open("w")
    # -o: the shared virtualenv is what the suite runs in; make serve must not reinstall it here.
    server = subprocess.Popen(
        ["make", "-o", ".venv/.installed", "serve"],
        cwd=ROOT,
        env=environment(tmp_path, **variables),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 240
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body = fetch(base + "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert status == 200, (tmp_path / "serve.log").read_text()[-3000:]
        assert b'"sources": "ok"' in body and b'"static": "ok"' in body
        status, page = fetch(base + "/documents/usun-1762/", PROXIED)
        assert status == 200
        assert b"IL-28" in page
        script = re.search(rb'src="(/static/[^"]+[.][0-9a-f]{12}[.]js)"', page)[1].decode()
        assert fetch(base + script, PROXIED)[0] == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # make, and the gunicorn it started, in their own session
        server.wait(timeout=60)
        log.close()
