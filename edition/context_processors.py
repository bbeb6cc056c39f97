from django.utils.functional import SimpleLazyObject

from .citations import EDITION_TITLE
from .permissions import is_editor


def edition(request):
    # Lazy: pages that never ask (most, for readers) cost no permission query.
    return {"EDITION_TITLE": EDITION_TITLE, "is_editor": SimpleLazyObject(lambda: is_editor(request.user))}
