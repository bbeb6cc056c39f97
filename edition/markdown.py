"""A gloss body: short Markdown, rendered to HTML and sanitised.

Two layers, because a gloss is shown to every reader: markdown-it renders
CommonMark with raw HTML switched off (so typed tags come out as text) and
refuses javascript:/vbscript:/data: links; nh3 then keeps only the tags and
attributes a short note needs. Links may go to the web (http, https, mailto)
or stay inside the edition (relative links to passages, notes and persons).
The Content-Security-Policy is the third line: no inline script runs anyway.
"""

from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "sup", "sub", "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")


def is_allowed_href(value):
    """Web and mail links, and links inside the edition (/paths and #fragments)."""
    value = value.strip()
    # Scheme-relative ("//host") is another host in disguise; browsers read "\\" as "/".
    if value.startswith("//") or "\\" in value:
        return False
    parts = urlsplit(value)
    if parts.scheme:
        return parts.scheme.lower() in URL_SCHEMES
    # Inside the edition: a path from the site root or a fragment on the page.
    return value.startswith(("/", "#")) and not parts.netloc


def _filter_attribute(element, attribute, value):
    if element == "a" and attribute == "href":
        return value if is_allowed_href(value) else None
    return value


def render_body(markdown_text):
    """Sanitised HTML for a gloss written in Markdown."""
    return sanitise(_markdown.render(markdown_text or ""))


def sanitise(html):
    """Only the tags and attributes a short note needs, whatever HTML comes in."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
