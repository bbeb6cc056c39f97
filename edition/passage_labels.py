"""What editors' pages call a passage: the label readers see ("¶ 4, p. 2", "item (1), p. 2"), never its xml:id.

The labels are made at import by edition/tei/labels.py and stored on each passage (Passage.reader_label);
this module only looks them up by the xml:id that glosses, revisions and suspect words keep. A view puts
passage_labels(...) in its context, and the template names a passage with {{ xml_id|label_in:labels }}
(edition/templatetags/passage_labels.py). The ids stay in URLs and anchors, where no one reads them.
"""

from .models import Passage

# A gloss or a change can name a passage the published text no longer has (an orphan's, or one only a
# working revision adds): it is said so, rather than shown as an id.
NOT_IN_THE_TEXT = "a passage not in the published text"


def passage_labels(document, xml_ids=None):
    """{xml_id: label} for the document's passages (only those of `xml_ids`, if given), in one query."""
    passages = Passage.objects.filter(document=document)
    if xml_ids is not None:
        passages = passages.filter(xml_id__in=set(xml_ids))
    return dict(passages.values_list("xml_id", "reader_label"))


def label_in(labels, xml_id):
    """The label of passage xml_id in `labels` (a passage_labels() dict), or NOT_IN_THE_TEXT."""
    return labels.get(xml_id) or NOT_IN_THE_TEXT


def passage_label(document, xml_id):
    """The label of one passage of the document, or NOT_IN_THE_TEXT."""
    return label_in(passage_labels(document, [xml_id]), xml_id)


def label_changes(changes):
    """Give each change of the text (a dict naming its document's "slug" and its "passage", as
    revisions.compare() makes them) its "label", in one query: a revision can touch several documents."""
    slugs, ids = {change["slug"] for change in changes}, {change["passage"] for change in changes}
    rows = Passage.objects.filter(document__slug__in=slugs, xml_id__in=ids).values_list(
        "document__slug", "xml_id", "reader_label"
    )
    labels = {(slug, xml_id): label for slug, xml_id, label in rows}
    for change in changes:
        change["label"] = labels.get((change["slug"], change["passage"])) or NOT_IN_THE_TEXT
    return changes
