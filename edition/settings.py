"""One settings file, driven by the environment (healthchecks style).

Everything that differs between a laptop, CI and production is read from an
environment variable with a safe local default. Production must set
SECRET_KEY and DEBUG=0; the code refuses to start without a key when DEBUG is off.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Local development only: never used once DEBUG is off (see above).
    SECRET_KEY = "dev-only-insecure-key-do-not-deploy"

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# Where the edition is published: the base of citations and of exported identifiers
# (IIIF, Web Annotations). A production site must say it, or it would publish localhost IRIs.
if not DEBUG and not os.environ.get("SITE_ROOT"):
    raise ImproperlyConfigured("SITE_ROOT must be set when DEBUG is off (e.g. https://edition.example.org)")
SITE_ROOT = os.environ.get("SITE_ROOT", "http://127.0.0.1:8000").rstrip("/")

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
    "edition",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Behind a TLS-terminating proxy (the scale-out set-up), trust its X-Forwarded-Proto.
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 0))
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
# Empty means "offline": the facsimile pane shows the transcription instead.
FACSIMILE_BASE_URL = os.environ.get(
    "FACSIMILE_BASE_URL", "https://static.history.state.gov/frus/{volume}/medium/{facs}.png"
)
# Hosts the Content-Security-Policy allows for images besides 'self'.
FACSIMILE_IMAGE_HOSTS = os.environ.get("FACSIMILE_IMAGE_HOSTS", "https://static.history.state.gov").split()

# History is kept and shown, never rewound: a restore goes through the app, as a new version.
SIMPLE_HISTORY_REVERT_DISABLED = True

GLOSS_MAX_LENGTH = int(os.environ.get("GLOSS_MAX_LENGTH", 4000))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
