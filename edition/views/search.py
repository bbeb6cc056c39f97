from django.core.paginator import Paginator
from django.views.decorators.http import require_safe

from ..search import search, terms_of
from .partials import page_or_part, query_without_page

SCOPES = {"all": "Everything", "edition": "The telegram", "corpus": "The FRUS letters"}


@require_safe
def search_view(request):
    query = request.GET.get("q", "").strip()[:200]
    scope = request.GET.get("scope", "all")
    scope = scope if scope in SCOPES else "all"
    hits = search(query, scope) if query else []
    page = Paginator(hits, 20).get_page(request.GET.get("page"))
    context = {"query": query, "scope": scope, "scopes": SCOPES, "page": page, "count": len(hits),
               "terms": terms_of(query), "query_string": query_without_page(request.GET)}
    return page_or_part(request, "edition/search.html", "search-results", context)
