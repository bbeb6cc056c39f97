"""The plain text of a rendered passage, and where each character sits in its HTML.

A passage's reading text is what glosses anchor to (W3C TextPositionSelector
offsets count its characters). It is derived from the rendered HTML, never
computed a second way, so the offsets the server stores and the words it
highlights always agree. Whitespace is collapsed across element boundaries,
and elements marked data-nontext (note markers, page-break markers, marginal
marks) are not text.
"""

from html import escape

from lxml import html as lxml_html


def parse_fragment(fragment_html):
    return lxml_html.fragment_fromstring(fragment_html or "", create_parent="div")


def is_nontext(element):
    return element.get("data-nontext") is not None


def text_segments(container):
    """Yield (element, attribute, raw_text) for every text run, in order.

    attribute is "text" (the element's own text) or "tail" (text after it).
    """

    def walk(element):
        if element.text and not is_nontext(element):
            yield element, "text", element.text
        for child in element:
            if not isinstance(child.tag, str):
                if child.tail:
                    yield child, "tail", child.tail
                continue
            if not is_nontext(child):
                yield from walk(child)
            if child.tail:
                yield child, "tail", child.tail

    yield from walk(container)


def collapse(segments):
    """Collapse whitespace across segments; return the text and, per segment,
    the list of (raw_index, normalized_index) pairs of kept characters."""
    out = []
    maps = []
    previous_space = True  # leading whitespace is dropped
    for _element, _attribute, raw in segments:
        mapping = []
        for i, ch in enumerate(raw):
            if ch.isspace():
                if previous_space:
                    continue
                out.append(" ")
                mapping.append((i, len(out) - 1))
                previous_space = True
            else:
                out.append(ch)
                mapping.append((i, len(out) - 1))
                previous_space = False
        maps.append(mapping)
    text = "".join(out)
    if text.endswith(" "):
        text = text[:-1]
    return text, maps


def passage_text(fragment_html):
    """The plain text of a rendered passage (reading or diplomatic)."""
    container = parse_fragment(fragment_html)
    text, _maps = collapse(list(text_segments(container)))
    return text


TEXT_ATTRIBUTE = "data-text"  # what a non-text element shows, through the stylesheet (edition.css)


def words_only(fragment_html):
    """The passage's HTML with DOM text equal to its reading text, so that the W3C selectors
    clients compute in the browser (textContent) agree with the offsets stored here.
    Whitespace is collapsed as collapse() does it, and what is not text (marginal marks,
    page-break labels) keeps its words in data-text, which the stylesheet shows."""
    container = parse_fragment(fragment_html)
    outermost = [
        element
        for element in container.iterdescendants()
        if isinstance(element.tag, str)
        and is_nontext(element)
        and not any(is_nontext(ancestor) for ancestor in element.iterancestors() if ancestor is not container)
    ]
    for element in outermost:
        shown = " ".join(element.text_content().split())
        if shown:
            element.set(TEXT_ATTRIBUTE, shown)
            tail = element.tail
            for child in list(element):
                element.remove(child)
            element.text, element.tail = None, tail
    segments = list(text_segments(container))
    text, maps = collapse(segments)
    kept = [
        [" " if raw[i].isspace() else raw[i] for i, _n in mapping]
        for (_e, _a, raw), mapping in zip(segments, maps, strict=True)
    ]
    if sum(len(k) for k in kept) > len(text):  # the trailing space collapse() drops
        last = max(i for i, k in enumerate(kept) if k)
        kept[last].pop()
    for (element, attribute, _raw), characters in zip(segments, kept, strict=True):
        setattr(element, attribute, "".join(characters) or None)
    parts = [escape(container.text, quote=False)] if container.text else []
    parts += [lxml_html.tostring(child, encoding="unicode") for child in container]
    return "".join(parts)
