"""A gloss body: short Markdown, rendered to HTML and sanitised.

Two layers, because a gloss is shown to every reader: markdown-it renders
CommonMark with raw HTML switched off (so typed tags come out as text) and
refuses javascript:/vbscript:/data: links; nh3 then keeps only the tags and
attributes a short note needs. Links may go to the web (http, https, mailto)
or stay inside the edition (relative links to passages, notes and persons).
The Content-Security-Policy is the third line: no inline script runs anyway.

What the two layers leave out is said to the editor before saving (sanitiser_report):
typed HTML shown as text, images, refused links, and tags nh3 drops.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "sup",
    "sub",
    "del",
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


# -- what the editor is told before saving ---------------------------------------------------
# The same Markdown read without the guards (raw HTML and any link allowed, images on), to see
# what the editor meant; compared with what render_body keeps, it says what will be lost.

_as_meant = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
_as_meant.validateLink = lambda url: True
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_DESCRIBED = {**{f"h{level}": "A heading" for level in range(1, 7)}, "hr": "A horizontal rule", "table": "A table"}
_EMPTY = {"hr", "img", "br", "input"}  # elements with no words of their own


class _Tags(HTMLParser):
    """The element names of an HTML fragment, counted."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.names = Counter()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.names[tag] += 1


def _inline_tokens(tokens):
    for token in tokens:
        yield token
        yield from token.children or ()


def sanitiser_report(markdown_text):
    """What the editor wrote that readers will not see as meant, one sentence each (empty if nothing):
    HTML typed in the Markdown is shown as text, not run or applied; images are not shown; links to
    anything but the web, mail or the edition are not links; tags nh3 does not keep lose their markup."""
    text = markdown_text or ""
    warnings = []
    typed, images, links = [], [], []
    for token in _inline_tokens(_as_meant.parse(text)):
        if token.type in ("html_inline", "html_block"):
            typed += [f"<{'/' if closing else ''}{name.lower()}>" for closing, name in _TAG_NAME.findall(token.content)]
        elif token.type == "image":
            images.append(token.attrGet("src") or "")
        elif token.type == "link_open":
            links.append(token.attrGet("href") or "")
    opening = list(dict.fromkeys(tag for tag in typed if not tag.startswith("</")))
    if opening or typed:
        tags = ", ".join(opening or dict.fromkeys(typed))
        warnings.append(
            f"{tags} will be shown as text, not as HTML: a gloss is written in Markdown "
            "(*emphasis*, **strong**, [a link](https://…))."
        )
    if images:
        warnings.append("Images are not shown in glosses: the image will be shown as text (link to it instead).")
    refused = [href for href in links if not (_markdown.validateLink(href) and is_allowed_href(href))]
    for href in dict.fromkeys(refused):
        warnings.append(
            f"“{href[:80]}” will not be a link: links may go to http, https or mailto addresses, "
            "or within the edition (#para-4, /persons/…)."
        )
    rendered = _markdown.render(text)
    dropped = _Tags(rendered).names - _Tags(sanitise(rendered)).names
    for tag in dropped:
        what = _DESCRIBED.get(tag, f"<{tag}>")
        if tag in _EMPTY:
            warnings.append(f"{what} (<{tag}>) will be removed.")
        else:
            warnings.append(f"{what} (<{tag}>) is not kept: its words stay, as plain text.")
    return warnings
