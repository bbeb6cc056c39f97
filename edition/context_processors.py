from django.utils.functional import SimpleLazyObject

from .citations import EDITION_TITLE
from .permissions import is_editor
from .vocabulary import DocumentKind, EntityKind, NoteKind, TextView

# Templates compare with the vocabularies, never with their strings: {% if view == TextView.READING %}
VOCABULARIES = {"TextView": TextView, "DocumentKind": DocumentKind, "NoteKind": NoteKind, "EntityKind": EntityKind}


def edition(request):
    # Lazy: pages that never ask (most, for readers) cost no permission query.
    return {
        "EDITION_TITLE": EDITION_TITLE,
        "is_editor": SimpleLazyObject(lambda: is_editor(request.user)),
        **VOCABULARIES,
    }
