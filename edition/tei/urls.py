"""Which URLs from a TEI source may become links or images in the pages we serve.

The TEI is text we render, not markup we trust: a URL goes into an href or a src
only if it is plainly a web address (or, for images, a relative path or an inline
image). Anything else is shown as text (links) or refused at import (images).
"""

import re

# No whitespace, quotes, angle brackets or backslashes: browsers read a backslash as a
# slash (another host) and the others could end the attribute.
WEB_URL = re.compile(r"https?://[^\s\"'<>\\`]+", re.IGNORECASE)
SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
UNSAFE_CHARACTERS = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")
INLINE_IMAGE = re.compile(r"data:image/[a-z0-9.+-]+[;,]", re.IGNORECASE)


def is_web_url(value):
    """An absolute http(s) URL, and nothing that could end the attribute it goes into."""
    return bool(WEB_URL.fullmatch(value or ""))


def is_image_url(value):
    """What a page image's src may be: an http(s) URL, a relative URL, or a data:image/ URL."""
    value = value or ""
    if INLINE_IMAGE.match(value):
        return not re.search(r"[\s\"'<>\\`]", value)
    if SCHEME.match(value):
        return is_web_url(value)
    return bool(value) and not UNSAFE_CHARACTERS.search(value)
