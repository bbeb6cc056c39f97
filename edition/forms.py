"""Forms editors fill in: a new gloss, an edit, a re-attachment of an orphan."""

from django import forms
from django.conf import settings

from .anchoring import occurrences, selection_in, selectors_for
from .reading import VIEWS


class GlossBodyField(forms.CharField):
    """Markdown, required, at most settings.GLOSS_MAX_LENGTH characters (read per
    request, so the limit can be changed without a restart of the tests)."""

    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages={"required": "Write the gloss: the text is empty."},
            **kwargs,
        )

    def validate(self, value):
        super().validate(value)
        limit = settings.GLOSS_MAX_LENGTH
        if len(value) > limit:
            raise forms.ValidationError(
                f"A gloss can be at most {limit} characters long; this one has {len(value)}.", code="max_length"
            )


def raw_text_field(max_length):
    # strip=False: the spaces at the edges of a prefix or suffix are part of the anchor.
    return forms.CharField(required=False, strip=False, max_length=max_length, widget=forms.HiddenInput)


class NewGlossForm(forms.Form):
    """A gloss on the words an editor selected in a passage, or on the whole passage."""

    body = GlossBodyField()
    exact = raw_text_field(2000)
    prefix = raw_text_field(64)
    suffix = raw_text_field(64)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)  # where the browser saw it
    view = forms.ChoiceField(choices=[(v, v) for v in VIEWS], required=False, widget=forms.HiddenInput)

    def __init__(self, *args, passage=None, passage_xml_id="", **kwargs):
        super().__init__(*args, **kwargs)
        self.passage = passage
        self.passage_xml_id = passage_xml_id

    def clean(self):
        data = super().clean()
        if self.passage is None:
            raise forms.ValidationError(
                f"Passage {self.passage_xml_id} does not exist in this document (the source may have been "
                "re-imported since the page was loaded). Copy your text, reload the page and gloss again.",
                code="no_passage",
            )
        exact = data.get("exact") or ""
        if not exact:
            data["selectors"] = None  # the whole passage
            return data
        selectors = selection_in(
            self.passage.reading_text, exact, data.get("prefix") or "", data.get("suffix") or "", data.get("start")
        )
        if selectors is None:
            raise forms.ValidationError(
                f"The selected words “{exact[:80]}” do not match the text of passage {self.passage.xml_id}. "
                "Select them again in the reading text.",
                code="selection",
            )
        data["selectors"] = selectors
        return data


class EditGlossForm(forms.Form):
    body = GlossBodyField()
    # The version the editor started from: a save against an older one is a conflict.
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    view = forms.ChoiceField(choices=[(v, v) for v in VIEWS], required=False, widget=forms.HiddenInput)


class ReattachForm(forms.Form):
    """Give an orphaned gloss a new place: a passage and, optionally, the words in it."""

    passage = forms.ChoiceField(label="Passage")
    exact = forms.CharField(
        label="Words to gloss", required=False, strip=False, max_length=2000,
        help_text="Exactly as in the reading text. Leave empty to gloss the whole passage.",
    )
    prefix = forms.CharField(
        label="Words just before them", required=False, strip=False, max_length=64,
        help_text="Only needed when the words occur more than once in the passage.",
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.passages = {p.xml_id: p for p in document.passages.text()}
        self.fields["passage"].choices = [
            (xml_id, f"{xml_id}: {p.reading_text[:60]}") for xml_id, p in self.passages.items()
        ]

    def clean(self):
        data = super().clean()
        passage = self.passages.get(data.get("passage"))
        exact = data.get("exact") or ""
        if passage is None or not exact.strip():
            data["selectors"] = None
            return data
        text, prefix = passage.reading_text, data.get("prefix") or ""
        found = occurrences(text, exact)
        if not found:
            self.add_error("exact", f"These words are not in passage {passage.xml_id}.")
            return data
        if prefix.strip():
            found = [start for start in found if text[:start].rstrip().endswith(prefix.strip())]
            if not found:
                self.add_error("prefix", "These words do not come just before the quoted ones.")
                return data
        if len(found) > 1:
            self.add_error(
                "prefix",
                f"The words occur {len(found)} times in the passage: give the words just before the one you mean.",
            )
            return data
        start = found[0]
        data["selectors"] = selectors_for(text, start, start + len(exact))
        return data
