from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """A strict CSP: our own scripts and styles only, images from us and the
    facsimile host. No inline script anywhere, so a gloss that slipped past the
    sanitiser still could not run."""

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
        return response
