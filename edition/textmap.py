"""The plain text of a rendered passage, and where each character sits in its HTML.

A passage's reading text is what glosses anchor to (W3C TextPositionSelector
offsets count its characters). It is derived from the rendered HTML, never
computed a second way, so the offsets the server stores and the words it
highlights always agree. Whitespace is collapsed across element boundaries,
and elements marked data-nontext (note markers, page-break markers, marginal
marks) are not text.
"""

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
