from edition.search.models import SearchEntry, SearchWord  # noqa: F401 (registered with the app)

from .documents import Document, Entity, Note, Occurrence, Page, Passage
from .glosses import Gloss
from .suspects import SuspectDecision  # noqa: F401 (registered with the app)

__all__ = ["Document", "Entity", "Gloss", "Note", "Occurrence", "Page", "Passage"]
from .revisions import TextRevision, TextSource  # noqa: F401 (registered with the app)
