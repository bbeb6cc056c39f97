"""gunicorn's configuration for `make serve` (and the benchmark), read from the environment.

Sync workers: a page is rendered from rows already in the database, CPU-bound and short, so
one process per core (and a spare) serves best; slow clients are the reverse proxy's job.
"""

import multiprocessing
import os

wsgi_app = "edition.wsgi:application"
bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "sync"
# A request that takes this long is stuck: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Recycle workers now and then, so a slow leak never grows without bound; rarely, because a new
# worker starts with no page kept (edition/served_pages.py, and the locmem cache when there is no Redis).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = max_requests // 10
# Load the app once in the master: workers fork with it ready, and a broken
# configuration stops the server at start instead of failing in every worker.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The proxy in front terminates TLS; only it may set X-Forwarded-* (see BEHIND_PROXY).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
