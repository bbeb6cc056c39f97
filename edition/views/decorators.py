"""Who may reach a view: editors only, with readers refused and visitors sent to log in."""

from functools import wraps
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect


def editor_required(permission):
    """Anonymous visitors are sent to log in; logged-in readers get 403.

    After logging in, the editor comes back to the page they were on: a write
    endpoint only takes POSTs, so it is never the place to come back to. With
    htmx (say the session expired while the page was open), the login page must
    replace the whole page, not be swapped into the text: HX-Redirect does that.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                login = redirect_to_login(page_to_return_to(request))
                if request.htmx:
                    return HttpResponseClientRedirect(login["Location"])
                return login
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def page_to_return_to(request):
    """The page a login should lead back to: this one if it can be shown (GET),
    else the page the request came from, if it is ours."""
    if request.method == "GET" and not request.htmx:
        return request.get_full_path()
    came_from = (request.htmx.current_url if request.htmx else None) or request.headers.get("Referer", "")
    path = urlsplit(came_from)
    if came_from and url_has_allowed_host_and_scheme(came_from, allowed_hosts={request.get_host()}):
        return path.path + (f"?{path.query}" if path.query else "")
    return reverse("home")
