"""Glosses as W3C Web Annotations (JSON-LD).

A gloss targets its document; a FragmentSelector names the passage by its
xml:id and is refined by a TextQuoteSelector and, as an alternative
description of the same words, a TextPositionSelector in the passage's reading
text. A gloss on a whole passage has the FragmentSelector alone. The source
revision the selectors describe is an extension term of our own.
"""

from django.urls import reverse

from .citations import absolute  # IRIs are built from SITE_ROOT: stable, whatever host served the request

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
HTML_FRAGMENT = "http://tools.ietf.org/rfc/rfc3236"  # fragment identifiers of (X)HTML documents
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def edition_context():
    return [
        ANNO_CONTEXT,
        {
            "edition": absolute("/ns/edition#"),
            "sourceRevision": "edition:sourceRevision",
            "anchorStatus": "edition:anchorStatus",
        },
    ]


def gloss_iri(gloss):
    return absolute(reverse("gloss_annotation", args=[gloss.public_id]))


def selectors(gloss):
    def fragment(refined_by=None):
        selector = {"type": "FragmentSelector", "conformsTo": HTML_FRAGMENT, "value": gloss.passage_xml_id}
        if refined_by:
            selector["refinedBy"] = refined_by
        return selector

    if not gloss.exact:
        return fragment()
    quote = {"type": "TextQuoteSelector", "exact": gloss.exact, "prefix": gloss.prefix, "suffix": gloss.suffix}
    choices = [fragment(quote)]
    if gloss.start is not None and gloss.end is not None:
        choices.append(fragment({"type": "TextPositionSelector", "start": gloss.start, "end": gloss.end}))
    return choices


def creator(user):
    agent = {"type": "Person", "nickname": user.get_username()}
    if user.get_full_name():
        agent["name"] = user.get_full_name()
    return agent


def to_web_annotation(gloss):
    annotation = {
        "@context": edition_context(),
        "id": gloss_iri(gloss),
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
        "target": {
            "type": "SpecificResource",
            "source": absolute(gloss.document.get_absolute_url()),
            "selector": selectors(gloss),
            "sourceRevision": gloss.source_revision,
            "anchorStatus": gloss.anchor_status,
        },
    }
    return annotation


def annotation_collection(document, glosses):
    """The published glosses of a document: one collection, one embedded page."""
    collection_iri = absolute(reverse("document_annotations", args=[document.slug]))
    # Each item keeps its @context: the W3C test suite checks embedded annotations one by one.
    items = [to_web_annotation(gloss) for gloss in glosses]
    collection = {
        "@context": edition_context(),
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
