"""Forms editors fill in: a new gloss, an edit, a re-attachment of an orphan."""

from django import forms
from django.conf import settings

from .anchoring import just_after, selection_in, selectors_for, typed_occurrences
from .markdown import render_body, sanitiser_report
from .vocabulary import VIEWS


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


class GlossBodyCheck(forms.Form):
    """What a gloss form shows about its body before it is saved: the HTML readers will get, and
    what the sanitiser will not keep (edition.markdown.sanitiser_report). "Check" asks for it without
    saving; with JavaScript it is fetched as the editor types."""

    publish = forms.BooleanField(required=False)  # "Save and publish" rather than "Save draft"

    @property
    def body_text(self):
        return (self.data.get("body") if self.is_bound else self.initial.get("body")) or ""

    def markup_warnings(self):
        return sanitiser_report(self.body_text)

    def preview_html(self):
        return render_body(self.body_text)


def raw_text_field(max_length):
    # strip=False: the spaces at the edges of a prefix or suffix are part of the anchor.
    return forms.CharField(required=False, strip=False, max_length=max_length, widget=forms.HiddenInput)


# -- words an editor types instead of selecting them -----------------------------
# Without a mouse (or without JavaScript) an editor names the words to gloss by
# typing them, and, when they occur more than once, the words just before them.
# The new-gloss form and the orphans' re-attach form resolve them the same way;
# how typed words match the text is anchoring's (typed_occurrences, just_after).


def words_field():
    return forms.CharField(
        label="Words to gloss (leave empty to gloss the whole passage)",
        required=False,
        max_length=2000,
        help_text="As they read in the passage, in any case: “dismantling” finds DISMANTLING.",
    )


def words_before_field():
    return forms.CharField(
        label="Words just before them (only if the words occur more than once)",
        required=False,
        max_length=64,
        help_text="A word or two of the passage that come right before the ones you mean.",
    )


def typed_selectors(form, text, words_name, before_name):
    """Selectors for the words typed in field words_name (the words typed in
    before_name tell which occurrence is meant). None if nothing was typed, or if
    the words cannot be placed: then the form has an error that says what to type."""
    words, before = form.cleaned_data.get(words_name) or "", form.cleaned_data.get(before_name) or ""
    if not words.strip():
        return None
    found = typed_occurrences(text, words)
    if not found:
        form.add_error(words_name, "These words are not in the passage. Type them as they read there.")
        return None
    if before.strip():
        found = just_after(text, found, before)
        if not found:
            form.add_error(before_name, "These words do not come just before the words to gloss.")
            return None
    if len(found) > 1:
        if before.strip():
            message = (
                f"These words occur {len(found)} times after “{before.strip()}”: add more of the words before them."
            )
        else:
            message = f"These words occur {len(found)} times in the passage: add the words just before them."
        form.add_error(before_name, message)
        return None
    start, end = found[0]
    # The same selectors selection_in gives for a mouse selection, quoting the
    # passage's own spelling whatever case was typed.
    return selectors_for(text, start, end)


class NewGlossForm(GlossBodyCheck):
    """A gloss on the words an editor selected in a passage, or typed, or on the whole passage."""

    body = GlossBodyField()
    exact = raw_text_field(2000)
    prefix = raw_text_field(64)
    suffix = raw_text_field(64)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)  # where the browser saw it
    words = words_field()  # shown when the form was opened without a selection
    words_before = words_before_field()
    view = forms.ChoiceField(choices=[(v, v) for v in VIEWS], required=False, widget=forms.HiddenInput)

    def __init__(self, *args, passage=None, passage_xml_id="", **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""  # labels read as the gloss text's does, with no colon
        self.passage = passage
        self.passage_xml_id = passage_xml_id

    def clean(self):
        data = super().clean()
        if self.passage is None:
            raise forms.ValidationError(
                "This passage is no longer in the document (the source may have been re-imported since "
                "the page was loaded). Copy your text, reload the page and gloss again.",
                code="no_passage",
            )
        exact = data.get("exact") or ""
        if not exact:  # typed words, or else the whole passage
            data["selectors"] = typed_selectors(self, self.passage.reading_text, "words", "words_before")
            return data
        selectors = selection_in(
            self.passage.reading_text, exact, data.get("prefix") or "", data.get("suffix") or "", data.get("start")
        )
        if selectors is None:
            raise forms.ValidationError(
                f"The selected words “{exact[:80]}” do not match the text of {self.passage.reader_label}. "
                "Select them again in the reading text.",
                code="selection",
            )
        data["selectors"] = selectors
        return data


class EditGlossForm(GlossBodyCheck):
    body = GlossBodyField()
    # The version the editor started from: a save against an older one is a conflict.
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    view = forms.ChoiceField(choices=[(v, v) for v in VIEWS], required=False, widget=forms.HiddenInput)


class ReattachForm(forms.Form):
    """Give an orphaned gloss a new place: a passage and, optionally, the words in it."""

    passage = forms.ChoiceField(label="Passage")
    exact = words_field()
    prefix = words_before_field()
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.passages = {p.xml_id: p for p in document.passages.text()}
        # No passage is preselected when the gloss's own is gone: one careless click
        # must not put it on the first passage of the document.
        self.fields["passage"].choices = [("", "Choose a passage…")] + [
            (xml_id, f"{p.reader_label}: {p.reading_text[:60]}") for xml_id, p in self.passages.items()
        ]

    def clean(self):
        data = super().clean()
        passage = self.passages.get(data.get("passage"))
        data["selectors"] = typed_selectors(self, passage.reading_text, "exact", "prefix") if passage else None
        return data
