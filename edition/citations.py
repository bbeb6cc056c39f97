"""How to cite the edition, a document and a passage (Chicago-style, plus a stable URL)."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from .vocabulary import DocumentKind

EDITION_TITLE = "Telegram 1762: A Digital Edition"


@dataclass
class Citation:
    text: str
    url: str
    bibtex: str


def absolute(url):
    """An absolute URL on SITE_ROOT: citations and exported identifiers stay the
    same whichever host name a request arrived by."""
    if re.match(r"https?://", url):
        return url
    return settings.SITE_ROOT + url


def citation_for(document, passage=None):
    url = absolute(passage.get_absolute_url() if passage else document.get_absolute_url())
    accessed = timezone.now().strftime("%B %-d, %Y")
    where = f", passage {passage.xml_id}" if passage else ""
    if document.kind == DocumentKind.CORPUS:
        container = f"{document.collection_title}, Document {document.number}"
    else:
        container = EDITION_TITLE
    text = f"“{document.title}”{where}. In {container}. {url} (accessed {accessed})."
    key = (document.slug + ("-" + passage.xml_id if passage else "")).replace("-", "_")
    bibtex = (
        f"@misc{{{key},\n  title = {{{document.title}}},\n  howpublished = {{{container}}},\n"
        f"  url = {{{url}}},\n  note = {{Accessed {accessed}}}\n}}"
    )
    return Citation(text=text, url=url, bibtex=bibtex)
