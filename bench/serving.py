"""The edition served for real, for the benchmarks and the tests that need real processes and HTTP:
gunicorn from gunicorn.conf.py on a free port, and a plain HTTP client that never follows redirects."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to look at (a 302 after a form post), not a page to fetch."""

    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, headers=None, data=None, opener=None, timeout=60):
    """(status, headers, bytes) as the server sent them; an HTTP error status is an answer, not an exception."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener(NoRedirect)).open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@contextmanager
def gunicorn(env, log_path, *, port=None, ready="/healthz/live", timeout=90):
    """gunicorn as `make serve` starts it (gunicorn.conf.py, read from env: WEB_CONCURRENCY, LOG_LEVEL...) on a
    free port (or `port`); yields its base URL once `ready` answers 200, and stops it afterwards. Raises RuntimeError
    with the end of its log if it dies or is not ready within `timeout` seconds (a busy machine is slow)."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if fetch(base + ready, timeout=5)[0] == 200:
                        break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not become ready:\n{Path(log_path).read_text()[-3000:]}")
                time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=60)
