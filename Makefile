# The README's two commands, for a fresh Debian 12 machine with Python 3.11:
#   make run    set up (venv, install, migrate, import sources/) and serve on http://127.0.0.1:8000/
#   make test   install what the tests need (Debian packages, npm tools, Python extras) and run them all
# Both are idempotent: each step is skipped or cheap when its work is already done.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Debian packages the tests use: Chromium for the browser tests, Jing for TEI validation,
# a Java runtime for Jing and the Nu Html Checker (vnu.jar).
APT_PACKAGES := chromium jing
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run setup test test-deps lint system-packages bench bench-search clean

run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Everything `run` needs before it serves; also what a production deploy runs before gunicorn.
setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_sources
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

# Debian's own python3 needs python3-venv for this; installed when missing.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }

# Reinstalled only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

test: test-deps lint
	$(BIN)/pytest $(PYTEST_ARGS)

# Ruff, configured in pyproject.toml: lint, and check (never rewrite) the formatting; both report
# before either fails the target. `ruff check --fix .` and `ruff format .` make the changes.
lint: $(VENV)/.installed
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	exit $$status

test-deps: system-packages $(VENV)/.installed node_modules/.package-lock.json

system-packages:
	@missing=""; \
	for package in $(APT_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# axe-core and vnu-jar, pinned in package-lock.json. --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime (npm 11 skips it anyway); the system Java runs vnu.jar.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

# The production server (README, "Production"): refuses to start unless the environment is a
# production one, then migrate, import, collect the static files (always the manifest storage,
# rebuilt from scratch) and gunicorn from gunicorn.conf.py.
.PHONY: serve
serve: $(VENV)/.installed
	@[ "$${DEBUG:-}" = 0 ] || { echo "make serve runs production: set DEBUG=0, SECRET_KEY, SITE_ROOT, ALLOWED_HOSTS (see README); make run is for development" >&2; exit 1; }
	@[ "$${BENCH_FLOOR:-0}" = 0 ] || { echo "BENCH_FLOOR is for the benchmark only, never in production" >&2; exit 1; }
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_sources
	$(BIN)/python manage.py collectstatic --noinput --clear --verbosity 0
	exec $(BIN)/gunicorn --config gunicorn.conf.py

# Load over HTTP with Debian's wrk (bench/load.py: SQLite, and PostgreSQL when it answers on 5432),
# then the import figures, an editor's page and saves with 1,000 glosses, then editors writing at once
# (8 with form posts; 32 as their browsers post, with htmx).
bench: $(VENV)/.installed
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/load.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/editors.py
	$(BIN)/python bench/concurrent_writes.py
	$(BIN)/python bench/concurrent_writes.py --workers 4 --editors 32 --writes 5 --htmx
	$(BIN)/python bench/search.py $(SEARCH_BENCH_ARGS)  # search at 1 and 50 volumes, SQLite and PostgreSQL

# Search alone, at 1 and 50 volumes on SQLite and PostgreSQL (issue 12). SEARCH_BENCH_ARGS='--keep DIR'
# keeps the databases (50 imports of the FRUS volume) and reuses them on the next run.
bench-search: $(VENV)/.installed
	$(BIN)/python bench/search.py $(SEARCH_BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache *.egg-info
