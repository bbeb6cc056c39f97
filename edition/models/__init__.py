from .documents import Document, Entity, Note, Occurrence, Page, Passage
from .glosses import Gloss

__all__ = ["Document", "Entity", "Gloss", "Note", "Occurrence", "Page", "Passage"]
