"""Gloss views (placeholder until the gloss workflow lands)."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse


@permission_required("edition.add_gloss", raise_exception=True)
def gloss_new(request, slug, xml_id):
    return HttpResponse(status=501)
