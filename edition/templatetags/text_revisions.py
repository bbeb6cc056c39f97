"""{% text_version document as version %}: the revision of the text readers see (for the page and its citation)."""

from django import template

from edition.revisions import published_revision

register = template.Library()


@register.simple_tag
def text_version(document):
    return published_revision(document)
