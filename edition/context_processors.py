from .citations import EDITION_TITLE
from .reading import is_editor


def edition(request):
    return {"EDITION_TITLE": EDITION_TITLE, "is_editor": is_editor(request.user)}
