"""What readers call passages and notes, and the note numbers that never move.

Readers never see an xml:id ("para-4", "n-ed-il28"): they see "¶ 4, p. 2",
"item (1), p. 2", "note 12". The labels need the TEI's context (a paragraph's
number among the message's paragraphs, an item's number as typed, the page),
so they are computed here at import and stored (Passage.reader_label); the ids
stay in the URLs. Pure: no models, so the extractor and the importer share it.
"""

from .parse import T, local_name

# Element names as a reader would say them (passages other than paragraphs and items).
ELEMENT_WORDS = {
    "head": "heading",
    "dateline": "dateline",
    "salute": "salutation",
    "signed": "signature",
    "opener": "opening",
    "closer": "closing",
    "postscript": "postscript",
    "quote": "quotation",
    "table": "table",
    "list": "list",
    "label": "number",
    "byline": "byline",
    "argument": "summary",
    "epigraph": "epigraph",
    "trailer": "trailer",
}
QUOTED_WORDS = 5  # a passage without a number is told apart by its first words
QUOTED_CHARS = 60


def paragraph_numbers(doc_element):
    """{p element: (number, in postscript)}: the message's paragraphs numbered in document order,
    the postscript's apart. Paragraphs inside notes are not the text's. For a FRUS document the
    numbers are those of the derived ids (d67-p4 is ¶ 4), since FRUS documents hold no postscript."""
    numbers, counts = {}, {False: 0, True: 0}
    for p in doc_element.iter(f"{T}p"):
        ancestors = [local_name(a) for a in p.iterancestors()]
        if "note" in ancestors:
            continue
        in_postscript = "postscript" in ancestors
        counts[in_postscript] += 1
        numbers[p] = (counts[in_postscript], in_postscript)
    return numbers


def typed_number(item):
    """An item's number as typed: its own <label>, else the <label> just before it (FRUS lists),
    else its @n, else its position in the list."""
    for label in (item.find(f"{T}label"), item.getprevious()):
        if label is not None and local_name(label) == "label":
            text = " ".join("".join(label.itertext()).split())
            if text:
                return text
    if item.get("n"):
        return item.get("n")
    parent = item.getparent()
    siblings = [child for child in parent if local_name(child) == "item"] if parent is not None else [item]
    return str(siblings.index(item) + 1)


def first_words(text):
    words = text.split()
    quoted = " ".join(words[:QUOTED_WORDS])
    if len(quoted) > QUOTED_CHARS:
        quoted = quoted[:QUOTED_CHARS].rsplit(" ", 1)[0] or quoted[:QUOTED_CHARS]
    return quoted + ("…" if quoted != " ".join(words) else "")


def passage_label(element, furniture_label, paragraphs, page_n, text):
    """What a reader calls a passage: "¶ 4, p. 2", "item (1), p. 2", "stamp “BEST COPY AVAILABLE”, p. 2".
    furniture_label: the passage's furniture label ("Stamp"), or "" for the text;
    paragraphs: paragraph_numbers() of its document; text: its reading text."""
    name = local_name(element)
    if name == "p" and element in paragraphs:
        number, in_postscript = paragraphs[element]
        what = f"postscript ¶ {number}" if in_postscript else f"¶ {number}"
    elif name == "item":
        what = f"item {typed_number(element)}"
    else:
        kind = furniture_label.lower() if furniture_label else ELEMENT_WORDS.get(name, "passage")
        words = first_words(text)
        what = f"{kind} “{words}”" if words else kind
    return f"{what}, p. {page_n}" if page_n else what


def keep_numbers(notes, previous):
    """Give every note the number it had at the last import; a new note takes the next number
    never used, so no note's number ever moves (a note added to the text later is numbered
    after the others, wherever it stands). notes: records with xml_id and number (their reading
    order at this import), changed in place; previous: {xml_id: number} before this import."""
    previous = {xml_id: number for xml_id, number in previous.items() if number}
    if not previous:
        return notes
    next_number = max(previous.values())
    for note in notes:
        if note.xml_id in previous:
            note.number = previous[note.xml_id]
        else:
            next_number += 1
            note.number = next_number
    return notes
