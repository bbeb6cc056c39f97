from datetime import date

from django.views.decorators.http import require_safe

from ..models import Entity
from ..permissions import is_editor
from ..search.engine import Filters
from ..search.query import MAX_QUERY_CHARS
from ..search.render import hit_groups_html
from ..search.service import DOCUMENT_FACETS, KIND_FACETS, page_number, search
from .partials import page_or_part, query_without_page

SCOPES = {"": "Everything", **DOCUMENT_FACETS}


def year_or_date(raw, end=False):
    """ "1962" or "1962-10-27" (as a date input gives it); anything else is no limit."""
    raw = (raw or "").strip()[:10]
    try:
        if len(raw) == 4:
            return date(int(raw), 12, 31) if end else date(int(raw), 1, 1)
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def filters_from(params, user):
    scope = params.get("scope", "")
    scope = "" if scope == "all" else scope
    kind = params.get("kind", "")
    person = (
        Entity.objects.filter(key=params.get("person", "")[:160], kind=Entity.Kind.PERSON).first()
        if params.get("person")
        else None
    )
    return Filters(
        scope=scope if scope in DOCUMENT_FACETS else "",
        kind=kind if kind in KIND_FACETS else "",
        date_from=year_or_date(params.get("from")),
        date_to=year_or_date(params.get("to"), end=True),
        person_id=person.id if person else None,
        drafts=is_editor(user),
    ), person


def facet_urls(params, name, facets):
    """Each facet's link: the same search with this value chosen, or dropped if it is chosen; back to page 1."""
    for facet in facets:
        kept = params.copy()
        kept.pop("page", None)
        if facet.selected:
            kept.pop(name, None)
        else:
            kept[name] = facet.value
        facet.url = "?" + kept.urlencode()
    return facets


@require_safe
def search_view(request):
    params = request.GET
    text = params.get("q", "")
    filters, person = filters_from(params, request.user)
    results = search(text, filters, page_number(params.get("page")))
    facet_urls(params, "scope", results.documents)
    facet_urls(params, "kind", results.kinds)
    facet_urls(params, "person", results.persons)
    context = {
        "query": results.query.text,
        "results": results,
        "hits_html": hit_groups_html(results.groups),
        "filters": filters,
        "person": person,
        "scopes": SCOPES,
        "max_query_chars": MAX_QUERY_CHARS,
        "date_from": params.get("from", "")[:10],
        "date_to": params.get("to", "")[:10],
        "query_string": query_without_page(params),
    }
    return page_or_part(request, "edition/search.html", "search-results", context)
