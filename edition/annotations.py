"""Glosses as W3C Web Annotations (JSON-LD), with selectors true to the representation they name.

A gloss has two targets, the same words in two representations:
- the reading page (HTML): a CssSelector names the passage's words element, which holds
  exactly the passage's reading text (permalink, controls and note markers stand outside it
  or have no text: edition.reading, edition.noterefs), refined by a TextQuoteSelector and, as
  an alternative, a TextPositionSelector;
- the passage's plain text (its own URL, /documents/<slug>/passages/<xml_id>/text.txt), in
  which the TextPositionSelector offsets are exact by construction: it is the reading text.
A gloss on a whole passage has the CssSelector alone, and the passage's text without selector.
The source revision the selectors describe, and whether the gloss still stands where it was
written, are terms of our own vocabulary (/ns/edition, served as a page).
"""

import re

from django.conf import settings
from django.urls import reverse

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
VOCABULARY_PATH = "/ns/edition"
# The terms of our vocabulary: (term, what it says). The JSON-LD context and the page agree.
VOCABULARY = (
    ("sourceRevision", "The revision of the document's TEI source in which the selectors were computed."),
    (
        "anchorStatus",
        "Whether the gloss stands where its editor wrote it (anchored), was placed again after the "
        "text changed (reanchored), or could not be placed (orphaned, never published to readers).",
    ),
)
CSS_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def site_root(request=None):
    """The base of every exported identifier: SITE_ROOT, or, while developing without one
    (DEBUG on, SITE_ROOT unset), the scheme, host and port the request came to."""
    if request is not None and settings.DEBUG and getattr(settings, "SITE_ROOT_FOLLOWS_REQUEST", False):
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_ROOT


def absolute(url, root=None):
    if re.match(r"https?://", url):
        return url
    return (root or settings.SITE_ROOT) + url


def edition_context(root=None):
    terms = {term: f"edition:{term}" for term, _meaning in VOCABULARY}
    return [ANNO_CONTEXT, {"edition": absolute(VOCABULARY_PATH + "#", root), **terms}]


def gloss_iri(gloss, root=None):
    return absolute(reverse("gloss_annotation", args=[gloss.public_id]), root)


def passage_text_url(document, xml_id, root=None):
    return absolute(reverse("passage_text", args=[document.slug, xml_id]), root)


def words_selector(xml_id):
    """The CSS selector of a passage's words element on the reading page (edition.reading)."""
    passage = f"#{xml_id}" if CSS_IDENTIFIER.match(xml_id) else '[id="{}"]'.format(xml_id.replace('"', '\\"'))
    return f"{passage} > .passage-body > .passage-words"


def text_selectors(gloss):
    """The quote and its position in the passage's reading text: [] for a whole passage."""
    if not gloss.exact:
        return []
    found = [{"type": "TextQuoteSelector", "exact": gloss.exact, "prefix": gloss.prefix, "suffix": gloss.suffix}]
    if gloss.start is not None and gloss.end is not None:
        found.append({"type": "TextPositionSelector", "start": gloss.start, "end": gloss.end})
    return found


def page_target(gloss, root=None):
    words = {"type": "CssSelector", "value": words_selector(gloss.passage_xml_id)}
    refined = [{**words, "refinedBy": selector} for selector in text_selectors(gloss)]
    return {
        "type": "SpecificResource",
        "source": absolute(gloss.document.get_absolute_url(), root),
        "selector": refined or words,
        "sourceRevision": gloss.source_revision,
        "anchorStatus": gloss.anchor_status,
    }


def text_target(gloss, root=None):
    target = {
        "type": "SpecificResource",
        "source": passage_text_url(gloss.document, gloss.passage_xml_id, root),
        "sourceRevision": gloss.source_revision,
        "anchorStatus": gloss.anchor_status,
    }
    selectors = text_selectors(gloss)
    if selectors:
        target["selector"] = selectors
    return target


def creator(user):
    agent = {"type": "Person", "nickname": user.get_username()}
    if user.get_full_name():
        agent["name"] = user.get_full_name()
    return agent


def to_web_annotation(gloss, root=None):
    return {
        "@context": edition_context(root),
        "id": gloss_iri(gloss, root),
        "type": "Annotation",
        "motivation": "commenting",
        "canonical": f"urn:uuid:{gloss.public_id}",
        "created": gloss.created_at.isoformat(),
        "modified": gloss.updated_at.isoformat(),
        "creator": creator(gloss.created_by),
        "body": {
            "type": "TextualBody",
            "value": gloss.body_html,
            "format": "text/html",
            "language": "en",
            "purpose": "commenting",
        },
        "target": [page_target(gloss, root), text_target(gloss, root)],
    }


def annotation_collection(document, glosses, root=None):
    """The published glosses of a document: one collection, one embedded page."""
    collection_iri = absolute(reverse("document_annotations", args=[document.slug]), root)
    # Each item keeps its @context: the W3C test suite checks embedded annotations one by one.
    items = [to_web_annotation(gloss, root) for gloss in glosses]
    collection = {
        "@context": edition_context(root),
        "id": collection_iri,
        "type": "AnnotationCollection",
        "label": f"Published glosses on {document.title}",
        "total": len(items),
    }
    if items:
        collection["first"] = {
            "id": collection_iri + "#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return collection
