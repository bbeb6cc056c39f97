"""The benchmark's floor: the cheapest page Django can serve through the whole middleware stack
(80 KB of bytes built once), measured in the same run as the real pages so that their figures
can be read as a ratio. Routed only when BENCH_FLOOR=1 (bench/run.py sets it; make serve refuses it)."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

FLOOR_BYTES = (
    "<!DOCTYPE html>\n<title>floor</title>\n" + "<p>The floor: bytes built once, then served as they are.</p>\n" * 1400
).encode()[: 80 * 1024]


@require_safe
def floor(request):
    return HttpResponse(FLOOR_BYTES, content_type="text/html; charset=utf-8")
