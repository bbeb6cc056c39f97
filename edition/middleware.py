import re
from urllib.parse import unquote_plus

from django.conf import settings
from django.http import HttpResponse

# C0 controls (NUL included) and DEL. No URL of the edition needs them, PostgreSQL refuses NUL in
# text (a 500), and on SQLite a NUL cuts a search term short (so "%00zzzz" matched every passage).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# A query string may carry a tab or a line break (pasted into a search field); nothing else.
QUERY_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RefuseControlCharactersMiddleware:
    """Answer 400, with a plain message, for a path or query string carrying control characters,
    before any view or database query sees them. Checked after percent-decoding, as the views would read them."""

    message = "This address contains control characters (such as %00), which no page of the edition uses."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote_plus(request.META.get("QUERY_STRING", ""))
        if CONTROL_CHARACTERS.search(request.path) or QUERY_CONTROL_CHARACTERS.search(query):
            return HttpResponse(self.message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """A strict CSP: our own scripts and styles only, images from us and the
    facsimile host. No inline script anywhere, so a gloss that slipped past the
    sanitiser still could not run. With it, a Permissions-Policy that turns off the
    browser features the edition never uses, for any script that might get in."""

    permissions_policy = ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "payment",
            "usb",
        )
    )

    def __init__(self, get_response):
        self.get_response = get_response
        img_hosts = " ".join(settings.FACSIMILE_IMAGE_HOSTS)
        self.policy = (
            "default-src 'self'; "
            f"img-src 'self' data: {img_hosts}; "
            "script-src 'self'; style-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
