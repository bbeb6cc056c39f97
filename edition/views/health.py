"""Health endpoints for the load balancer and the process supervisor (JSON, never cached).

- /healthz/live: the process answers (liveness). Touches nothing else.
- /healthz: ready to serve readers: the database answers, every TEI source in SOURCES_DIR has
  been imported, and (with DEBUG off) the static files were collected with their manifest.
  503 with the failing checks otherwise.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..importer import default_sources, relative_name
from ..models import Document


def database_check():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return f"the database does not answer: {error}"
    return None


def sources_check():
    expected = {relative_name(path) for path in default_sources()}
    if not expected:
        return f"no TEI sources in {settings.SOURCES_DIR}"
    try:
        imported = set(Document.objects.values_list("source_file", flat=True).distinct())
    except DatabaseError as error:
        return f"the documents cannot be read: {error}"
    missing = sorted(expected - imported)
    if missing:
        return f"not imported yet: {', '.join(missing)} (run manage.py import_sources)"
    return None


def static_check():
    """With DEBUG off, pages name the hashed static files: without the manifest every page is a 500."""
    manifest_name = getattr(staticfiles_storage, "manifest_name", None)
    if settings.DEBUG or manifest_name is None:
        return None
    if not (Path(settings.STATIC_ROOT) / manifest_name).exists():
        return f"no {manifest_name} in {settings.STATIC_ROOT} (run manage.py collectstatic)"
    return None


READINESS_CHECKS = {"database": database_check, "sources": sources_check, "static": static_check}


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    checks = {}
    for name, check in READINESS_CHECKS.items():
        # Without a database the other checks cannot say anything useful.
        problem = check() if name == "database" or checks.get("database") == "ok" else "not checked"
        checks[name] = problem or "ok"
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )
