"""TEI to HTML, once, at import.

Two views of the same source (edition.vocabulary.TextView):
- reading: corrections, expansions and supplied text; line ends joined.
- diplomatic: the witness as typed: sic, abbr, original lines, struck marks.

Elements this module does not know are rendered as their text, so nothing of a
source is ever dropped silently. Elements marked data-nontext (note markers,
page-break markers, handwritten marks in the reading view) are not part of a
passage's text: see edition.textmap.
"""

import re
from dataclasses import dataclass, field
from html import escape

from .. import noterefs
from ..vocabulary import EntityKind, NoteKind, TextView
from .parse import XML_ID, is_tei, local_name, plain

WHITESPACE = re.compile(r"\s+")

HI_TAGS = {
    "italic": "i",
    "italics": "i",
    "strong": "b",
    "bold": "b",
    "underline": "u",
    "superscript": "sup",
    "subscript": "sub",
}


def attr(value):
    return escape(str(value), quote=True)


def text(value):
    return escape(WHITESPACE.sub(" ", value), quote=False)


@dataclass
class CollectedNote:
    element: object
    xml_id: str
    kind: str


@dataclass
class CollectedOccurrence:
    key: str  # entity key
    kind: str  # person / term / abbreviation / place
    text: str
    name: str = ""  # for abbreviations: the abbreviation itself
    expansion: str = ""


@dataclass
class RenderContext:
    """What a render needs to know about the world outside the element."""

    collection: str
    resolve_ref: object  # callable(target: str) -> url or None
    entity_url: object  # callable(kind, key) -> url
    entity_title: object  # callable(key) -> str
    html_ids: dict = field(default_factory=dict)  # element -> html id (xml:id or derived)
    note_ids: dict = field(default_factory=dict)  # note element -> note id


class Renderer:
    def __init__(self, ctx, mode, with_ids=True, collect=False, interactive=True):
        self.ctx = ctx
        self.mode = mode
        self.with_ids = with_ids
        self.collect = collect
        # A copy of text shown elsewhere (the facsimile pane's transcription) has no
        # links and no tab stops: keyboard users meet each of them once, in the text.
        self.interactive = interactive
        self.notes = []
        self.occurrences = []
        self.out = []
        self.join_next = False
        # HTML links cannot nest: inside one, entity links become spans and
        # note markers wait until the link is closed.
        self.link_depth = 0
        self.deferred_markers = []

    # -- entry points -------------------------------------------------------
    def fragment(self, element):
        """The inner HTML of an element: a passage, a note, an identification."""
        self.out = []
        self.children(element)
        return "".join(self.out).strip()

    def element(self, element):
        """The HTML of an element itself (not only its content): e.g. a note's marker."""
        self.out = []
        self.node(element)
        return "".join(self.out).strip()

    # -- walking ------------------------------------------------------------
    def children(self, element):
        if element.text:
            self.emit_text(element.text)
        for child in element:
            self.node(child)
            if child.tail:
                self.emit_text(child.tail)

    def emit_text(self, value):
        if self.join_next:
            value = value.lstrip()
            if not value:
                return
            self.join_next = False
        self.out.append(text(value))

    def node(self, element):
        if not isinstance(element.tag, str):
            return  # comments and processing instructions
        if not is_tei(element):
            if local_name(element) == "include":
                return  # xi:include is never followed
            self.children(element)  # foreign elements (frus:*): keep their text
            return
        handler = getattr(self, "tei_" + local_name(element), None)
        if handler is None:
            self.children(element)
        else:
            handler(element)

    def id_attr(self, element):
        if not self.with_ids:
            return ""
        html_id = self.ctx.html_ids.get(element) or element.get(XML_ID)
        return f' id="{attr(html_id)}"' if html_id else ""

    def wrap(self, tag, element, css_class=None, extra=""):
        cls = f' class="{css_class}"' if css_class else ""
        self.out.append(f"<{tag}{self.id_attr(element)}{cls}{extra}>")
        self.children(element)
        self.out.append(f"</{tag}>")

    # -- notes ---------------------------------------------------------------
    def tei_note(self, element):
        note_id = self.ctx.note_ids.get(element)
        if note_id is None:
            return
        note_type = element.get("type", "")
        kind = NoteKind(note_type) if note_type in NoteKind.values else NoteKind.FOOTNOTE
        if self.collect:
            self.notes.append(CollectedNote(element, note_id, kind))
        if not self.with_ids:
            return
        # The number is laid in per request: glosses share the sequence.
        target = self.deferred_markers if self.link_depth else self.out
        target.append(noterefs.marker(note_id, kind))

    # -- editorial choices ------------------------------------------------------
    def tei_choice(self, element):
        parts = {local_name(c): c for c in element if isinstance(c.tag, str)}
        if "sic" in parts or "corr" in parts:
            self.correction(parts.get("sic"), parts.get("corr"))
        elif "abbr" in parts or "expan" in parts:
            self.abbreviation(parts.get("abbr"), parts.get("expan"))
        elif "orig" in parts or "reg" in parts:
            shown = (
                parts.get("reg" if self.mode == TextView.READING else "orig") or parts.get("orig") or parts.get("reg")
            )
            self.children(shown)
        else:
            self.children(element)

    def correction(self, sic, corr):
        if self.mode == TextView.READING and corr is not None:
            title = f"The typescript (OCR) reads “{plain(sic)}”" if sic is not None else "Editorial correction"
            self.out.append(f'<ins class="corr" title="{attr(title)}">')
            self.children(corr)
            self.out.append("</ins>")
        elif sic is not None:
            title = f"Corrected to “{plain(corr)}”" if corr is not None else "As in the witness"
            self.out.append(f'<span class="sic" title="{attr(title)}">')
            self.children(sic)
            self.out.append("</span>")
        else:
            self.children(corr)

    def abbreviation(self, abbr, expan):
        short, full = plain(abbr), plain(expan)
        if self.collect and abbr is not None:
            key = self.ctx.collection + "-abbr-" + re.sub(r"[^a-z0-9]+", "-", short.lower()).strip("-")
            self.occurrences.append(
                CollectedOccurrence(key, EntityKind.ABBREVIATION, short, name=short, expansion=full)
            )
        # Focusable for its expansion on keyboard focus; inside a link the link takes focus instead
        # (HTML forbids a tabindex inside <a>, and the CSS shows the expansion on the link's focus).
        focusable = "" if self.link_depth or not self.interactive else ' tabindex="0"'
        if self.mode == TextView.READING and expan is not None:
            self.out.append(
                f'<span class="expan"{focusable} data-abbr="{attr(short)}" title="Abbreviated “{attr(short)}”">'
            )
            self.children(expan)
            self.out.append("</span>")
        elif abbr is not None:
            self.out.append(f'<abbr class="abbr"{focusable} title="{attr(full)}" data-expan="{attr(full)}">')
            self.children(abbr)
            self.out.append("</abbr>")

    def tei_sic(self, element):  # a sic outside choice: shown in both views
        self.wrap("span", element, "sic")

    def tei_corr(self, element):
        if self.mode == TextView.READING:
            self.wrap("ins", element, "corr")

    def tei_abbr(self, element):
        self.wrap("abbr", element, "abbr")

    def tei_expan(self, element):
        if self.mode == TextView.READING:
            self.children(element)

    def tei_supplied(self, element):
        if self.mode == TextView.READING:
            self.out.append('<span class="supplied">[')
            self.children(element)
            self.out.append("]</span>")

    def tei_gap(self, element):
        self.out.append('<span class="gap" title="Text not legible or omitted">[…]</span>')

    def tei_unclear(self, element):
        self.wrap("span", element, "unclear", ' title="Unclear in the witness"')

    # -- hands, stamps, deletions --------------------------------------------
    def tei_add(self, element):
        hand = element.get("hand", "").lstrip("#")
        if self.mode == TextView.READING:
            # Marks in the margin are evidence, not text of the message.
            self.out.append(f'<span class="add add--{attr(hand)}" data-nontext title="Added by hand">')
            self.children(element)
            self.out.append("</span>")
        else:
            self.wrap("span", element, f"add add--{attr(hand)}", ' title="Added by hand"')

    def tei_metamark(self, element):
        self.wrap("span", element, "metamark")

    def tei_del(self, element):
        self.wrap("del", element, "struck", ' title="Struck through in the original"')

    def tei_stamp(self, element):
        self.wrap("span", element, "stamp")

    # -- layout ----------------------------------------------------------------
    def tei_lb(self, element):
        if self.mode == TextView.DIPLOMATIC:
            self.out.append("<br>")
            return
        if element.get("break") == "no":
            # A word divided at line end: the hyphen is the typist's, not the word's.
            if self.out:
                self.out[-1] = self.out[-1].rstrip()
                if self.out[-1].endswith("-"):
                    self.out[-1] = self.out[-1][:-1]
            self.join_next = True
        else:
            self.out.append(" ")

    def tei_pb(self, element):
        n = element.get("n", "")
        self.out.append(
            f'<span class="pb"{self.id_attr(element)} data-nontext data-page="{attr(n)}">[p. {text(n)}]</span>'
        )

    def tei_hi(self, element):
        rend = element.get("rend", "")
        tag = HI_TAGS.get(rend)
        if tag:
            self.wrap(tag, element)
        else:
            self.wrap("span", element, f"hi hi--{attr(re.sub(r'[^a-z0-9-]', '', rend.lower()))}")

    def tei_emph(self, element):
        self.wrap("em", element)

    # Element and attribute names in the TEI header's prose (editorial principles).
    def tei_gi(self, element):
        self.out.append(f"<code>&lt;{text(plain(element))}&gt;</code>")

    def tei_tag(self, element):
        self.out.append(f"<code>&lt;{text(plain(element))}&gt;</code>")

    def tei_att(self, element):
        self.out.append(f"<code>@{text(plain(element))}</code>")

    def tei_code(self, element):
        self.wrap("code", element)

    def tei_title(self, element):
        self.wrap("cite", element)

    def tei_q(self, element):
        self.wrap("q", element)

    def tei_quote(self, element):
        self.wrap("span", element, "quote")

    def tei_foreign(self, element):
        lang = element.get("{http://www.w3.org/XML/1998/namespace}lang")
        self.wrap("i", element, "foreign", f' lang="{attr(lang)}"' if lang else "")

    def tei_list(self, element):
        self.out.append(f'<ul class="tei-list"{self.id_attr(element)}>')
        pending_label = None
        for child in element:
            name = local_name(child)
            if name == "label":
                pending_label = child
                continue
            if name == "item":
                self.out.append(f"<li{self.id_attr(child)}>")
                if pending_label is not None:
                    self.out.append('<span class="label">')
                    self.children(pending_label)
                    self.out.append("</span> ")
                    pending_label = None
                self.children(child)
                self.out.append("</li>")
            elif name == "head":
                self.wrap("li", child, "list-head")
            else:
                self.node(child)
        self.out.append("</ul>")

    def tei_label(self, element):
        self.wrap("span", element, "label")

    def tei_table(self, element):
        self.out.append(f'<table class="tei-table"{self.id_attr(element)}>')
        for row in element:
            if local_name(row) != "row":
                continue
            self.out.append("<tr>")
            for cell in row:
                if local_name(cell) != "cell":
                    continue
                cols = cell.get("cols")
                span = f' colspan="{attr(cols)}"' if cols and cols.isdigit() else ""
                tag = "th" if row.get("role") == "label" or cell.get("role") == "label" else "td"
                self.out.append(f"<{tag}{span}>")
                self.children(cell)
                self.out.append(f"</{tag}> ")  # cells are separate words in the text
            self.out.append("</tr>")
        self.out.append("</table>")

    def tei_p(self, element):  # a p nested inside a passage (quote, note, item)
        self.wrap("span", element, "p")

    def tei_figure(self, element):
        self.wrap("span", element, "figure")

    def tei_graphic(self, element):
        self.out.append('<span class="graphic" data-nontext>[image]</span>')

    def tei_date(self, element):
        when = element.get("when")
        if when and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?", when):
            self.wrap("time", element, None, f' datetime="{attr(when)}"')
        else:
            self.children(element)

    # -- links -----------------------------------------------------------------
    def link(self, element, open_tag, fallback_class):
        """Render element as a link, or as a span when already inside one (or in a copy)."""
        if self.link_depth or not self.interactive:
            self.out.append(f'<span class="{fallback_class}">')
            self.children(element)
            self.out.append("</span>")
            return
        self.link_depth += 1
        self.out.append(open_tag)
        self.children(element)
        self.out.append("</a>")
        self.link_depth -= 1
        self.out.extend(self.deferred_markers)
        self.deferred_markers = []

    def entity_link(self, element, kind, pointer):
        key = f"{self.ctx.collection}-{pointer.lstrip('#')}".lower()
        url = self.ctx.entity_url(kind, key)
        if self.collect:
            self.occurrences.append(CollectedOccurrence(key, kind, plain(element)))
        if url is None:
            self.children(element)
            return
        title = self.ctx.entity_title(key)
        title_attr = f' title="{attr(title)}"' if title else ""
        self.link(
            element, f'<a class="entity entity--{kind}" href="{attr(url)}"{title_attr}>', f"entity entity--{kind}"
        )

    # Names and terms that point (#id) at an entry of a list: links to that entry's page.
    # An element that carries an xml:id is the list entry itself, not a mention of it.
    def entity_mention(self, element, kind, pointer_attribute, css_class):
        pointer = element.get(pointer_attribute) or element.get("corresp") or ""
        if pointer.startswith("#") and element.get(XML_ID) is None:
            self.entity_link(element, kind, pointer.split()[0])
        elif css_class:
            self.wrap("span", element, css_class)
        else:
            self.children(element)

    def tei_persName(self, element):
        self.entity_mention(element, EntityKind.PERSON, "ref", "persname")

    def tei_placeName(self, element):
        self.entity_mention(element, EntityKind.PLACE, "ref", "placename")

    def tei_orgName(self, element):
        self.entity_mention(element, EntityKind.ORGANISATION, "ref", "orgname")

    def tei_term(self, element):
        self.entity_mention(element, EntityKind.TERM, "ref", "term")

    def tei_gloss(self, element):  # FRUS: <gloss target="#t_USSR1">USSR</gloss>
        self.entity_mention(element, EntityKind.TERM, "target", None)

    def tei_ref(self, element):
        target = (element.get("target") or "").split()
        url = self.ctx.resolve_ref(target[0]) if target else None
        if url:
            self.link(element, f'<a class="ref" href="{attr(url)}">', "ref")
        else:
            self.children(element)

    def tei_ptr(self, element):
        target = element.get("target", "")
        url = self.ctx.resolve_ref(target.split()[0]) if target else None
        if url and self.interactive:
            self.out.append(f'<a class="ref" href="{attr(url)}">{text(target)}</a>')
