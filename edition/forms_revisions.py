"""Forms of the text corrections: what the editor says; edition.revisions and
edition.tei.corrections decide whether it can be done (and say why not)."""

from django import forms

from .tei.corrections import CERTAINTIES, UNCLEAR_REASONS
from .vocabulary import TextView

KINDS = [
    ("ocr", "Mark an OCR error"),
    ("abbr", "Expand an abbreviation"),
    ("identify", "Identify a person, place, organisation or term"),
    ("note", "Add an editorial note"),
    ("unclear", "Mark unclear text"),
    ("supplied", "Supply missing text"),
]
KIND_LABELS = dict(KINDS)
ENTITY_KINDS = [("person", "Person"), ("place", "Place"), ("organisation", "Organisation"), ("term", "Term")]


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(choices=KINDS, label="Kind of correction")
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=1)  # the revision the editor saw
    view = forms.ChoiceField(choices=TextView.choices, widget=forms.HiddenInput, required=False)
    start = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    exact = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    words = forms.CharField(
        label="Words", required=False, max_length=500,
        help_text="The words to correct, as the text reads them (select them in the text to fill this in).",
    )  # fmt: skip
    words_before = forms.CharField(
        label="Words just before them", required=False, max_length=200,
        help_text="Only if the words occur more than once in the passage.",
    )  # fmt: skip
    # Mark an OCR error
    correction = forms.CharField(label="Correction", required=False, max_length=500)
    cert = forms.ChoiceField(
        label="Certainty", required=False, choices=[(c, c.capitalize()) for c in CERTAINTIES], initial="high"
    )
    evidence = forms.CharField(
        label="Evidence", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Expand an abbreviation
    expansion = forms.CharField(label="Expansion", required=False, max_length=300)
    # Identify
    entity_kind = forms.ChoiceField(label="What the words name", required=False, choices=ENTITY_KINDS)
    entry = forms.CharField(
        label="Existing entry (its id)", required=False, max_length=120,
        help_text="Leave empty to create a new entry with the name and identification below.",
    )  # fmt: skip
    name = forms.CharField(label="Name of a new entry", required=False, max_length=300)
    identification = forms.CharField(
        label="Short identification", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    # Note, unclear, supplied
    note = forms.CharField(label="Note", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(
        label="Reason", required=False, max_length=100,
        help_text=f"Unclear: one of {', '.join(UNCLEAR_REASONS)}. Supplied: why the witness lacks it.",
    )  # fmt: skip
    supplied_text = forms.CharField(label="Text supplied (after the words)", required=False, max_length=300)
    message = forms.CharField(
        label="What changed (for the history)", required=False, max_length=500,
        help_text="Optional: a line for the list of revisions.",
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        typed = (data.get("exact") or "").strip() or (data.get("words") or "").strip()
        if not typed and data.get("kind") != "note":
            self.add_error("words", "Select the words in the text, or type them here.")
        return data


class PublishForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    message = forms.CharField(
        label="Message", max_length=500, help_text="What this revision changes, for readers of the history."
    )


class RestoreForm(forms.Form):
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OcrEditForm(forms.Form):
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    correction = forms.CharField(label="Correction", max_length=500)
    cert = forms.ChoiceField(label="Certainty", choices=[(c, c.capitalize()) for c in CERTAINTIES])
    evidence = forms.CharField(label="Evidence", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class DismissForm(forms.Form):
    word = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reason = forms.CharField(label="Reason", max_length=300)


class NoteEditForm(forms.Form):
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(label="Note", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
