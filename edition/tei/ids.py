"""Which documents a TEI file holds, which elements are passages, and the ids they are cited by.

A volume (the FRUS TEI) holds one document per div[@type="document"]; its
paragraphs have no xml:id, so one is derived ("d67-p4": the 4th p of d67,
notes excluded; its list items "d67-p4-i1" ...), as the README documents.
"""

from pathlib import Path

from .parse import XML_ID, T, is_tei, local_name

# Elements whose children are passages, as long as they hold no text themselves.
CONTAINERS = {"body", "div", "front", "back", "list", "opener", "closer", "postscript", "floatingText", "group", "text"}
MILESTONES = {"pb", "cb", "milestone", "lb", "anchor", "include"}


def is_volume(root):
    return root.find(f"{T}text/{T}body//{T}div[@type='document']") is not None


def collection_of(path):
    return Path(path).stem


def document_roots(root, collection):
    """(slug, xml_id, element) for each document the file holds."""
    if is_volume(root):
        return [
            (f"{collection}-{div.get(XML_ID)}", div.get(XML_ID), div)
            for div in root.iter(f"{T}div")
            if div.get("type") == "document" and div.get(XML_ID)
        ]
    slug = root.get(XML_ID) or collection
    return [(slug, slug, root.find(f"{T}text/{T}body"))]


def has_own_text(element):
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def is_container(element):
    return local_name(element) in CONTAINERS and is_tei(element) and not has_own_text(element)


def derive_ids(doc_element, doc_xml_id, volume):
    """html id for every element a link or gloss may point at, and note ids."""
    html_ids, note_ids = {}, {}
    if volume:
        paragraphs = [
            p for p in doc_element.iter(f"{T}p") if not any(local_name(a) == "note" for a in p.iterancestors())
        ]
        for n, p in enumerate(paragraphs, 1):
            pid = p.get(XML_ID) or f"{doc_xml_id}-p{n}"
            html_ids[p] = pid
            for k, item in enumerate(p.iter(f"{T}item"), 1):
                html_ids[item] = item.get(XML_ID) or f"{pid}-i{k}"
    for k, note in enumerate(doc_element.iter(f"{T}note"), 1):
        note_ids[note] = note.get(XML_ID) or f"{doc_xml_id}-note{k}"
    return html_ids, note_ids


def passage_elements(doc_element):
    """Yield ("pb", el), ("note", el) and ("passage", el) in document order.

    A note standing between passages (FRUS puts "Printed from a copy that
    bears this typed signature" in closer, after signed) is a note on the
    passage before it, not a passage of its own.
    """
    for child in doc_element:
        name = local_name(child)
        if name is None:
            continue
        if name == "pb" and is_tei(child):
            yield "pb", child
        elif name == "note" and is_tei(child):
            yield "note", child
        elif name in MILESTONES:
            continue
        elif is_container(child):
            yield from passage_elements(child)
        else:
            yield "passage", child


class IdIndex:
    """Where every pointable id lives: (collection, id) -> (document slug, fragment)."""

    def __init__(self):
        self.targets = {}
        self.collections_by_id = {}  # every xml:id of every file, documents or not (persons' lists)

    def add_file(self, root, collection):
        for element in root.iter():
            xml_id = element.get(XML_ID) if isinstance(element.tag, str) else None
            if xml_id:
                self.collections_by_id.setdefault(xml_id, set()).add(collection)
        volume = is_volume(root)
        for slug, doc_xml_id, doc_element in document_roots(root, collection):
            self.targets[(collection, doc_xml_id)] = (slug, None)
            html_ids, note_ids = derive_ids(doc_element, doc_xml_id, volume)
            for element in doc_element.iter():
                xml_id = element.get(XML_ID) if isinstance(element.tag, str) else None
                if xml_id and xml_id != doc_xml_id:
                    self.targets[(collection, xml_id)] = (slug, xml_id)
            for derived in list(html_ids.values()) + list(note_ids.values()):
                self.targets.setdefault((collection, derived), (slug, derived))
            if volume:
                for kind, element in passage_elements(doc_element):
                    if kind != "passage":
                        continue
                    pid = element.get(XML_ID) or html_ids.get(element)
                    if pid:
                        self.targets.setdefault((collection, pid), (slug, pid))

    def lookup(self, collection, xml_id):
        return self.targets.get((collection, xml_id))

    def other_collection_holding(self, xml_id, collection):
        """The one other source that holds xml_id ("" if none, or if several do)."""
        others = self.collections_by_id.get(xml_id, set()) - {collection}
        return next(iter(others)) if len(others) == 1 else ""
