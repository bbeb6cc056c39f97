"""{{ xml_id|label_in:labels }}: what editors' pages call a passage ("¶ 4, p. 2"), from the view's
passage_labels() (edition/passage_labels.py), never its id."""

from django import template

from edition import passage_labels

register = template.Library()


@register.filter
def label_in(xml_id, labels):
    return passage_labels.label_in(labels or {}, xml_id)
