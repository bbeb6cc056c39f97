"""Login throttling (django-axes): repeated failures on /accounts/login/ or /admin/login/ lock
out the account, and the client address, for a while. The rule's numbers live in settings."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a login from a locked-out account or address. Only logins that come with a
    request (the login forms) are throttled: manage.py and scripts call authenticate()
    without one, and there is no client to lock out there."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request):
    """The client's address. Behind the TLS proxy (BEHIND_PROXY) every request comes from the
    proxy, so the address is the last one the proxy appended to X-Forwarded-For; anything
    before it was sent by the client and could be forged."""
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")
