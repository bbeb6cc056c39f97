"""The front end is ES modules with no build step (static/edition/main.js imports
modules/*.js). In production, collectstatic gives every file a hashed name that WhiteNoise
serves as immutable, so the imports between modules must name the hashed files too
(edition/storage.py), and the strict Content-Security-Policy (script-src 'self') must
let every module run.

This story is the operator's deployment as the README gives it, for real: DEBUG=0,
migrate, import_sources, collectstatic, gunicorn; then rita reads the cable in Chromium
under the real CSP."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench import serving

ROOT = Path(__file__).resolve().parents[2]
HASHED = re.compile(r"\.[0-9a-f]{12}\.js$")


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """The edition deployed with DEBUG=0 and its static files collected, served by gunicorn;
    alice is an editor there (her password is the one create_editor printed)."""
    tmp_path = tmp_path_factory.mktemp("production")
    port = serving.free_port()
    # The static files go to a directory of this test's own, not the checkout's staticfiles/.
    (tmp_path / "deployed_settings.py").write_text(
        f"from edition.settings import *  # noqa: F403\nSTATIC_ROOT = {str(tmp_path / 'static')!r}\n"
    )
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DEBUG="0",
        SECRET_KEY="a-throwaway-key-for-this-test-only-" + "x" * 20,
        SITE_ROOT=f"http://127.0.0.1:{port}",
        ALLOWED_HOSTS="127.0.0.1",
        SQLITE_PATH=str(tmp_path / "edition.sqlite3"),
        FACSIMILE_BASE_URL="",
        DJANGO_SETTINGS_MODULE="deployed_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]),
        LOG_LEVEL="ERROR",
        GUNICORN_ACCESS_LOG="",
        WEB_CONCURRENCY="1",
        SECURE_COOKIES="0",  # plain http on 127.0.0.1: the browser must send the cookies back
    )

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    manage("migrate", "--noinput")
    manage("import_sources", str(ROOT / "sources" / "usun-1762.xml"))
    manage("collectstatic", "--noinput")
    password = re.search(r"Password \(shown once, store it now\): (\S+)", manage("create_editor", "alice")).group(1)
    with serving.gunicorn(env, tmp_path / "gunicorn.log", port=port) as base:
        yield base, tmp_path / "static", password


def test_in_production_every_module_is_hashed_and_runs_under_the_csp(production_site, csp_page):
    base, static_root, _ = production_site
    # collectstatic rewrote the imports: every hashed module (main.js, glosses.js and theirs)
    # names the modules it imports by their hashed names, and those files exist.
    hashed_modules = [path for path in (static_root / "edition").rglob("*.js") if HASHED.search(path.name)]
    assert {"main", "glosses"} <= {path.name.split(".")[0] for path in hashed_modules}
    for module in hashed_modules:
        for name in re.findall(r'from "([^"]+)";', module.read_text()):
            assert HASHED.search(name) and (module.parent / name).is_file(), (module.name, name)

    scripts = {}
    csp_page.on("response", lambda response: response.url.endswith(".js") and scripts.update({response.url: response}))
    response = csp_page.goto(base + "/documents/usun-1762/")
    assert response.status == 200, csp_page.content()[:2000]
    assert "script-src 'self'" in response.headers["content-security-policy"]

    # Rita hovers a note marker: the popover (modules/popover.js) shows the note.
    # A marker of the message (the page furniture is folded by default).
    marker = csp_page.locator(".passage--p a.noteref[data-note]").first
    marker.hover()
    expect(csp_page.locator("#note-popover")).to_be_visible()

    names = sorted(url.removeprefix(base + "/static/") for url in scripts)
    assert any(name.startswith("edition/main.") for name in names), names
    assert any(name.startswith("edition/modules/popover.") for name in names), names
    for url, script in scripts.items():
        assert script.status == 200, url
        assert script.headers["content-type"].startswith("text/javascript"), (url, script.headers["content-type"])
        assert HASHED.search(url), url
    assert csp_page.problems == []


def test_in_production_alice_glosses_a_selection_with_the_editors_modules(production_site, csp_page):
    base, _, password = production_site
    csp_page.goto(base + "/accounts/login/?next=/documents/usun-1762/")
    csp_page.get_by_label("Username").fill("alice")
    csp_page.get_by_label("Password").fill(password)
    csp_page.get_by_role("button", name="Log in").click()
    expect(csp_page.get_by_text("Signed in as alice")).to_be_visible()
    assert csp_page.locator('script[type="module"][src*="/static/edition/glosses."]').count() == 1
    # Module scripts run once the document is parsed: only then do they listen for a selection.
    csp_page.wait_for_load_state("load")

    # She selects a word of paragraph 4 (glosses.js and its modules), and the form comes (htmx).
    csp_page.evaluate(
        """() => {
            const body = document.querySelector('[id="para-4"] .passage-body');
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf("DISMANTLING");
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + "DISMANTLING".length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return;
            }
        }"""
    )
    csp_page.get_by_role("button", name="Gloss selection").click()
    form = csp_page.locator("#gloss-form-para-4")
    expect(form).to_contain_text("New gloss on DISMANTLING")
    expect(form.get_by_label("Gloss text")).to_be_focused()
    assert csp_page.problems == []
