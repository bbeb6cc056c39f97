"""The corpus documents page: the FRUS letters by date, filtered and paged.

A plain GET form, so it works without JavaScript and every filtered list has a
URL; with htmx the same URL swaps only the results.
"""

import datetime
import re

from django.core.paginator import Paginator
from django.views.decorators.http import require_safe

from .. import caching
from ..models import Document
from .partials import page_or_part, query_without_page

PER_PAGE = 20
# A real month: year 0000 and month 13 would be a 500 in the date lookup, not an empty list.
MONTH = re.compile(r"(?!0000)(\d{4})-(0[1-9]|1[0-2])")


def parse_day(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def name_pattern(value):
    """A name to look for in a title, as a regex both SQLite and PostgreSQL read
    the same way: letters, digits and spaces as they are, dots escaped."""
    kept = re.sub(r"[^\w .]", "", value or "").strip()
    return kept.replace(".", r"\.")


def filtered_documents(params):
    """The corpus documents matching the GET parameters, and the filters as understood."""
    documents = Document.objects.corpus().order_by("date_sort", "order")
    filters = {
        "q": (params.get("q") or "").strip()[:200],
        "sender": name_pattern(params.get("sender"))[:100],
        "recipient": name_pattern(params.get("recipient"))[:100],
        "month": params.get("month") or "",
        "after": parse_day(params.get("after")),
        "before": parse_day(params.get("before")),
    }
    if filters["q"]:
        documents = documents.filter(title__icontains=filters["q"])
    # FRUS titles name both sides: "Letter From Chairman Khrushchev to President Kennedy".
    if filters["sender"]:
        documents = documents.filter(title__iregex=rf"\sfrom\s.*{filters['sender']}.*\sto\s")
    if filters["recipient"]:
        documents = documents.filter(title__iregex=rf"\sfrom\s.*\sto\s.*{filters['recipient']}")
    month = MONTH.fullmatch(filters["month"])
    if month:
        documents = documents.filter(date_sort__year=int(month[1]), date_sort__month=int(month[2]))
    else:
        filters["month"] = ""
    if filters["after"]:
        documents = documents.filter(date_sort__gte=filters["after"])
    if filters["before"]:
        documents = documents.filter(date_sort__lte=filters["before"])
    # Say what was not understood, rather than quietly showing everything.
    filters["ignored"] = [
        f"“{params[name]}” is not {what}, so the {label} filter was ignored."
        for name, label, what in (
            ("after", "“from date”", "a date (YYYY-MM-DD)"),
            ("before", "“to date”", "a date (YYYY-MM-DD)"),
            ("month", "month", "a month (YYYY-MM)"),
        )
        if params.get(name) and not (MONTH.fullmatch(params[name]) if name == "month" else parse_day(params[name]))
    ]
    filters["sender"] = filters["sender"].replace("\\", "")
    filters["recipient"] = filters["recipient"].replace("\\", "")
    return documents, filters


@require_safe
@caching.site_view(params=("q", "sender", "recipient", "month", "after", "before", "page"))
def documents(request):
    found, filters = filtered_documents(request.GET)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "months": Document.objects.corpus().dates("date_sort", "month"),
        "query": query_without_page(request.GET),
        "total": Document.objects.corpus().count(),
    }
    return page_or_part(request, "edition/documents.html", "document-results", context)
