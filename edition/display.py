"""The reader's display choices: the one owner of their vocabulary.

What a reader may switch on or off in the reading view (highlighting of persons,
places and terms; the marks of corrections and expansions; page furniture; the
passage gutter) and what the left pane shows. The default is a clean reading
text: note numbers, the furniture folded into one line per page, no highlighting.

Choices come from the query string (the display form is a plain GET form, so it
works without JavaScript and the URL keeps them) or, when the URL says nothing,
from a cookie (the enhanced form writes it, so the choice is remembered from one
visit to the next). The switches only change CSS classes on the text's wrapper
(css_classes()), so the passages' HTML stays the same for every choice; the pane
changes what the page assembles beside the text. The page cache keys pages by
key() (edition/caching.py).
"""

from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qsl, urlencode

from django.db.models import TextChoices

COOKIE = "display"
# The one field every submission of the form carries: it tells "all switches off" from "nothing said".
SUBMITTED = "display"


class Pane(TextChoices):
    """What the left pane beside the text shows."""

    TYPED = "typed", "The typed page"
    NOTES = "notes", "Notes beside their passages"
    CITED = "cited", "The cited FRUS paragraphs"
    NONE = "none", "Nothing: the text takes the width"


# The switches, in the order the form shows them: (field, label, hint).
SWITCHES = (
    ("persons", "Persons", "people named in the text"),
    ("places", "Places", "places and organisations"),
    ("terms", "Terms", "abbreviations and terms"),
    ("marks", "Corrections and expansions", "the marks of the editors' changes"),
    ("furniture", "Page furniture", "stamps, form text and running heads, line by line"),
    ("gutter", "Passage gutter", "permalink, Cite and labels beside every passage"),
)
PARAMS = (SUBMITTED, "pane", *(name for name, _label, _hint in SWITCHES))


@dataclass(frozen=True)
class DisplayChoices:
    persons: bool = False
    places: bool = False
    terms: bool = False
    marks: bool = False
    furniture: bool = False
    gutter: bool = False
    pane: str = ""  # "" = the document's default pane (see pane_for)

    def css_classes(self):
        """The classes of the text's wrapper: one per switch that is on."""
        return " ".join(f"show-{name}" for name, _label, _hint in SWITCHES if getattr(self, name))

    def query(self):
        """The choices as a query string (without "?"): what the form submits, and what links keep."""
        if self == DEFAULT:
            return ""
        pairs = [(SUBMITTED, "1")] + [(name, "1") for name, _l, _h in SWITCHES if getattr(self, name)]
        if self.pane:
            pairs.append(("pane", self.pane))
        return urlencode(pairs)

    def key(self):
        """What the page cache keys a page by (a tuple of (name, value), sorted)."""
        return tuple(sorted((f.name, getattr(self, f.name)) for f in fields(self)))

    def switches(self):
        """(name, label, hint, on) for the form."""
        return [(name, label, hint, getattr(self, name)) for name, label, hint in SWITCHES]


DEFAULT = DisplayChoices()


def from_pairs(data):
    """Choices from submitted pairs (a QueryDict or a dict): a switch is on when present and truthy;
    an unknown pane is ignored."""
    pane = data.get("pane", "")
    values = {name: data.get(name, "") not in ("", "0", "off") for name, _l, _h in SWITCHES}
    return DisplayChoices(**values, pane=pane if pane in Pane.values else "")


def display_choices(request):
    """The reader's choices: from the URL when the form was submitted, else from the cookie, else the default."""
    if SUBMITTED in request.GET:
        return from_pairs(request.GET)
    cookie = request.COOKIES.get(COOKIE, "")
    if cookie:
        return from_pairs(dict(parse_qsl(cookie)))
    return DEFAULT


def pane_for(choices, document, has_scan, cites):
    """The pane a document shows, and the panes it offers, given the reader's choice.

    has_scan: some page has an image; cites: the document cites passages of others.
    The typed-page layout is offered where it shows something the text does not (the cable's typed
    page; a scan); a FRUS letter without a scan has no pane unless the reader asks for one."""
    from .vocabulary import DocumentKind

    offered = []
    if has_scan or document.kind == DocumentKind.EDITION:
        offered.append(Pane.TYPED)
    offered.append(Pane.NOTES)
    if cites:
        offered.append(Pane.CITED)
    offered.append(Pane.NONE)
    if choices.pane in offered:
        return Pane(choices.pane), offered
    return (Pane.TYPED if Pane.TYPED in offered else Pane.NONE), offered


def with_choices(url, choices):
    """url with the choices' query appended (links inside the page keep the reader's choices)."""
    query = choices.query()
    if not query:
        return url
    return f"{url}{'&' if '?' in url else '?'}{query}"


def without_pane(choices):
    return replace(choices, pane="")
