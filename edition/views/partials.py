"""One way for a view to answer both a page and an htmx swap of part of it."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def page_or_part(request, template, part, context, status=200):
    """The whole page, or only the partial `part` when htmx asks to swap the element
    with that id. Asking by target, not by HX-Request alone, matters: htmx's history
    restore also sends HX-Request and must get the whole page."""
    fragment = bool(request.htmx) and request.htmx.target == part
    response = render(request, f"{template}#{part}" if fragment else template, context, status=status)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def query_without_page(params):
    """The request's other parameters, urlencoded, for the links to other pages of a list."""
    kept = params.copy()
    kept.pop("page", None)
    return kept.urlencode()
