"""Which passages of the edition cite a corpus document: the way back from a
FRUS letter to the cable.

The cable's references are rendered at import as links to
/documents/<slug>/#<passage id>. Rather than store a second copy of those
links (a model and a migration), "cited by" reads them back from the edition's
pre-rendered passage HTML: one indexed-by-document query over the edition's
few dozen passages, so it needs no cache and can never disagree with the
links a reader actually sees.
"""

import re
from dataclasses import dataclass

from .models import Document, Passage
from .textmap import parse_fragment


@dataclass
class Reference:
    citing: Passage  # the edition passage holding the reference
    words: str  # the words of the reference, as the reading text shows them
    target: str  # the cited passage id, or "" for the whole document
    target_label: str = ""  # what readers call the target: "¶ 4, p. 182", "item 2 in ¶ 4, p. 182"

    @property
    def back_url(self):
        return self.citing.get_absolute_url()


def cited_by(document, passage_xml_id=None):
    """The references in edition documents that point at `document` (and, if
    given, at that one passage of it), in reading order."""
    if document.kind != Document.Kind.CORPUS:
        return []
    prefix = document.get_absolute_url()
    link = re.compile(re.escape(prefix) + r"(?:#(?P<target>[^\"]*))?$")
    citing = (
        Passage.objects.filter(document__kind=Document.Kind.EDITION, reading_html__contains=f'href="{prefix}')
        .select_related("document")
        .order_by("document__order", "order")
    )
    labels = dict(document.passages.values_list("xml_id", "reader_label"))
    found = []
    for passage in citing:
        for anchor in parse_fragment(passage.reading_html).iter("a"):
            match = link.match(anchor.get("href") or "")
            if not match:
                continue
            target = match["target"] or ""
            if passage_xml_id and paragraph_of(target, {passage_xml_id}) != passage_xml_id:
                continue
            words = re.sub(r"\s+", " ", anchor.text_content()).strip()
            found.append(Reference(passage, words, target, target_label(target, labels)))
    return found


def target_label(target, labels):
    """What readers call a cited passage (its id stays in the link): a list item the volume does not
    make a passage of (d67-p4-i2) is named by its place in its paragraph."""
    if not target:
        return ""
    if labels.get(target):
        return labels[target]
    paragraph = paragraph_of(target, set(labels))
    item = re.search(r"-i(\d+)$", target)
    if paragraph and item and labels.get(paragraph):
        return f"item {item[1]} in {labels[paragraph]}"
    return labels.get(paragraph) or "a passage"


def paragraph_of(target, passage_ids):
    """The passage a reference lands in: a list item (d67-p4-i2) counts for its paragraph (d67-p4)."""
    while target and target not in passage_ids and "-" in target:
        target = target.rsplit("-", 1)[0]
    return target if target in passage_ids else None


def references_by_passage(document, passage_ids, references=None):
    """{passage xml_id: [Reference]} for a corpus document (references: cited_by(document), if at hand)."""
    found = {}
    for reference in cited_by(document) if references is None else references:
        passage = paragraph_of(reference.target, passage_ids)
        if passage:
            found.setdefault(passage, []).append(reference)
    return found


def cited_documents():
    """The corpus documents the edition's passages link to, in volume order."""
    slugs = set()
    for html in Passage.objects.filter(document__kind=Document.Kind.EDITION).values_list("reading_html", flat=True):
        slugs.update(re.findall(r'href="/documents/([^/"#]+)/', html))
    return Document.objects.corpus().filter(slug__in=slugs).order_by("collection", "order")
