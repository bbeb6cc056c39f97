"""Keyword in context: each occurrence of an index entry with the words around it.

The words are read from the passage's reading text, the text readers see and glosses
anchor to (edition.textmap), never from a second copy. Import records a passage's
occurrences in the order it renders them, each as an element of the reading HTML: an
entity (a link, or a span inside another link, since links cannot nest) or an
abbreviation's expansion (marked with the abbreviation typed). So the n-th occurrence
of a passage is its n-th such element. What the witness has (a hyphen at a line end,
the abbreviation) is the diplomatic view's business; the index quotes the reading text.
"""

from dataclasses import dataclass

from .models import Occurrence
from .textmap import collapse, parse_fragment, text_segments

CONTEXT_WORDS = 7  # on each side: about one line of the typescript


@dataclass
class InContext:
    before: str  # "… the words before" (with an ellipsis when the passage goes on)
    words: str  # the occurrence itself, as the reading text has it
    after: str


def spans_of(passage_html, is_occurrence):
    """(start, end) in the passage's reading text of each element is_occurrence(element) accepts,
    in reading order (None for one that holds no text)."""
    container = parse_fragment(passage_html)
    segments = list(text_segments(container))
    text, maps = collapse(segments)
    wanted = [element for element in container.iter() if isinstance(element.tag, str) and is_occurrence(element)]
    bounds = {element: None for element in wanted}
    for (element, attribute, _raw), mapping in zip(segments, maps, strict=True):
        positions = [normalized for _raw_index, normalized in mapping if normalized < len(text)]
        if not positions:
            continue
        # A text belongs to its element, a tail to the element's parent; and to all their ancestors.
        owner = element if attribute == "text" else element.getparent()
        while owner is not None and owner is not container:
            if owner in bounds:
                first, last = bounds[owner] or (positions[0], positions[-1])
                bounds[owner] = (min(first, positions[0]), max(last, positions[-1]))
            owner = owner.getparent()
    return text, [(b[0], b[1] + 1) if b else None for b in (bounds[element] for element in wanted)]


def around(text, start, end):
    before_words = text[:start].split()
    after_words = text[end:].split()
    before = " ".join(before_words[-CONTEXT_WORDS:])
    after = " ".join(after_words[:CONTEXT_WORDS])
    if len(before_words) > CONTEXT_WORDS:
        before = "… " + before
    if len(after_words) > CONTEXT_WORDS:
        after += " …"
    # Keep the space (or its absence, as before a possessive) that the text has.
    if start and text[start - 1] == " ":
        before += " "
    if end < len(text) and text[end] == " ":
        after = " " + after
    return InContext(before, text[start:end].strip(), after)


def is_occurrence(element):
    """An element that import recorded as an occurrence (edition.tei.render)."""
    return "entity" in (element.get("class") or "").split() or element.get("data-abbr") is not None


def in_context(entity_url, occurrences):
    """{occurrence pk: InContext} for the occurrences of one entry (with their passages loaded).
    entity_url: the entry's address, which its links in the text carry."""
    by_passage = {}
    for occurrence in occurrences:
        by_passage.setdefault(occurrence.passage_id, []).append(occurrence)
    every = {}  # every occurrence of those passages, of any entry, in the order import recorded them
    for pk, passage_id in (
        Occurrence.objects.filter(passage_id__in=by_passage)
        .order_by("passage_id", "order")
        .values_list("pk", "passage_id")
    ):
        every.setdefault(passage_id, []).append(pk)
    found = {}
    for passage_id, occurrences_here in by_passage.items():
        passage = occurrences_here[0].passage
        text, spans = spans_of(passage.reading_html, is_occurrence)
        if len(spans) == len(every.get(passage_id, ())):
            span_of = dict(zip(every[passage_id], spans, strict=True))
        else:
            # HTML rendered otherwise than import recorded: the entry's own links, in order.
            occurrences_here.sort(key=lambda o: o.order)
            text, spans = spans_of(passage.reading_html, lambda e: e.tag == "a" and e.get("href") == entity_url)
            span_of = {o.pk: span for o, span in zip(occurrences_here, spans, strict=False)}
        for occurrence in occurrences_here:
            if span_of.get(occurrence.pk) is not None:
                found[occurrence.pk] = around(text, *span_of[occurrence.pk])
    return found
