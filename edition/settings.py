"""One settings file, driven by the environment (healthchecks style).

Everything that differs between a laptop, CI and production is read from an
environment variable with a safe local default. Production must set
SECRET_KEY and DEBUG=0; the code refuses to start without a key when DEBUG is off.
"""

import datetime
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
# Local development only: refused once DEBUG is off (see below).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-deploy"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
elif not DEBUG and (
    # Django's own bar for a key (check --deploy, security.W009), and no key copied from somewhere public.
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure")
    or SECRET_KEY in {DEVELOPMENT_SECRET_KEY, "…long and random…"}
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too short or a known default: use at least 50 random characters when DEBUG is off "
        "(e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# Where the edition is published: the base of citations and of exported identifiers
# (IIIF, Web Annotations). A production site must say it, or it would publish localhost IRIs.
if not DEBUG and not os.environ.get("SITE_ROOT"):
    raise ImproperlyConfigured("SITE_ROOT must be set when DEBUG is off (e.g. https://edition.example.org)")
SITE_ROOT = os.environ.get("SITE_ROOT", "http://127.0.0.1:8000").rstrip("/")
# While developing without SITE_ROOT, exported ids (IIIF, Web Annotations) follow the host and port
# the request came to, so a viewer on another port or machine can follow them (edition.annotations).
SITE_ROOT_FOLLOWS_REQUEST = DEBUG and not os.environ.get("SITE_ROOT")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "edition",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the URL: a NUL reaching PostgreSQL would be a 500.
    "edition.middleware.RefuseControlCharactersMiddleware",
    # Readers' pages already served, answered again (or 304) before the rest of the stack runs.
    "edition.served_pages.ServedPagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages repeat a lot of markup (a cable page is ~150 KB, ~20 KB compressed).
    # CSRF tokens are masked per response, which defeats BREACH-style guessing.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "edition.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes requires: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "edition.urls"
WSGI_APPLICATION = "edition.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "edition.context_processors.edition",
            ],
        },
    },
]

# SQLite is the embedded default. IMMEDIATE transactions take the write lock at
# BEGIN, so concurrent writers queue on the busy timeout instead of failing
# with "database is locked" when a read transaction tries to upgrade.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The page cache (edition/caching.py): readers' pages as bytes, keyed by the versions they are made
# from, so an entry is never stale, only unused; the timeout only bounds memory. In-process by
# default (each process its own, still never stale); a shared Redis when several servers run:
# CACHE_URL=redis://127.0.0.1:6379/0.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHE_TIMEOUT = int(os.environ.get("CACHE_TIMEOUT", 24 * 60 * 60))
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "TIMEOUT": CACHE_TIMEOUT,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "edition"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", 20000))},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses logins from a locked-out account or address, then the usual username and password check.
    "edition.login_throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling, on /accounts/login/ and /admin/login/ alike: after AXES_FAILURE_LIMIT wrong
# passwords in a row for one account, or from one address, logins from there are refused for
# AXES_COOLOFF_MINUTES (each lockout is logged as "AXES: Locking out ...").
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "edition/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "edition.login_throttle.client_address"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# One static storage whatever DEBUG says: files collected while developing carry the manifest that
# DEBUG=0 needs (a storage that depended on DEBUG made every page a 500 after such a collectstatic).
# With DEBUG on, the manifest storage serves the unhashed names, so runserver needs no collectstatic.
# The test suite alone keeps the plain storage: it serves from the finders and never collects.
RUNNING_TESTS = "pytest" in sys.modules
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if RUNNING_TESTS
        else "edition.storage.EditionStaticFilesStorage"
    },
}

# Behind a TLS-terminating proxy (the scale-out set-up), trust its X-Forwarded-Proto
# (and its X-Forwarded-For, for the login throttle).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# The load balancer's health probe may speak plain HTTP to the app.
SECURE_REDIRECT_EXEMPT = [r"^healthz"]
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The TEI sources that `import_sources` reads when given no paths.
SOURCES_DIR = Path(os.environ.get("SOURCES_DIR", BASE_DIR / "sources"))
# Refuse source files larger than this before parsing them (bytes).
MAX_SOURCE_BYTES = int(os.environ.get("MAX_SOURCE_BYTES", 20 * 1024 * 1024))

# Page scans of the FRUS volume are published by the Office of the Historian.
# Empty (the default) means offline: a FRUS document without a local scan shows no pane, its text takes the width.
# Off by default: a reader's browser requests third-party scans only when the operator sets it,
# e.g. FACSIMILE_BASE_URL=https://static.history.state.gov/frus/{volume}/medium/{facs}.png
FACSIMILE_BASE_URL = os.environ.get("FACSIMILE_BASE_URL", "")
# Hosts the Content-Security-Policy allows for images besides 'self'.
FACSIMILE_IMAGE_HOSTS = os.environ.get("FACSIMILE_IMAGE_HOSTS", "https://static.history.state.gov").split()

# History is kept and shown, never rewound: a restore goes through the app, as a new version.
SIMPLE_HISTORY_REVERT_DISABLED = True

GLOSS_MAX_LENGTH = int(os.environ.get("GLOSS_MAX_LENGTH", 4000))

# The benchmark's floor page (bench/run.py): routed only when asked, and `make serve` refuses it.
BENCH_FLOOR = env_bool("BENCH_FLOOR", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
