"""Correcting the text: text editors (group text-editors) change the TEI as new revisions.

Every endpoint needs edition.change_textrevision: readers, anonymous visitors and
editors who only gloss are refused (403, or sent to log in), and every write is a POST
checked by Django's CSRF middleware. The rules live in edition/revisions.py and
edition/tei/corrections.py; a view reads the request, calls them and answers:
422 for a correction that cannot be made (the message says why), 409 for one made
against an older revision (the other editor's change is shown). Without JavaScript
each form is a page that posts normally; with htmx the form comes as a fragment.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from .. import revisions
from ..forms_revisions import (
    KIND_LABELS,
    CorrectionForm,
    DismissForm,
    NoteEditForm,
    OcrEditForm,
    PublishForm,
    RestoreForm,
)
from ..models import Document
from ..passage_labels import label_changes, passage_labels
from ..permissions import TEXT_PERMISSION
from ..tei.corrections import CorrectionError, entity_entries, expansions_in_use
from ..tei.parse import SourceError
from .decorators import editor_required

text_editor_required = editor_required(TEXT_PERMISSION)


def document_or_404(slug):
    return get_object_or_404(Document, slug=slug)


def source_or_404(document):
    try:
        return revisions.source_of(document)
    except SourceError as missing:
        raise Http404(str(missing)) from missing


def revisions_url(document):
    return reverse("revisions", args=[document.slug])


def done(request, document):
    """After a write: the list of revisions, where the working revision's changes are shown."""
    url = revisions_url(document)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def make_correction(request, document, source, form, change):
    """Make one correction (change()) from a valid form, and say how it went: (the answer after a write, 200, {})
    when it is made; else (None, 409, the other editor's change) for one made against an older revision, or
    (None, 422, {}) with the reason on the form for one that cannot be made."""
    try:
        change()
    except revisions.Conflict as conflict:
        return None, 409, conflict_context(source, conflict)
    except (CorrectionError, SourceError) as refused:
        form.add_error(None, str(refused.reason if isinstance(refused, SourceError) else refused))
        return None, 422, {}
    return done(request, document), 200, {}


def conflict_context(source, conflict):
    """What the other editor changed: the revisions saved since the editor's, with their diff."""
    base = source.revisions.filter(number=conflict.base_number).first()
    changes = label_changes(revisions.compare(base, conflict.head)) if base is not None else []
    return {"conflict": conflict, "other": conflict.head, "other_changes": changes}


# -- a correction at a selection -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@text_editor_required
def correction_new(request, slug, xml_id):
    document = document_or_404(slug)
    passage = document.passages.filter(xml_id=xml_id).first()
    if passage is None:
        raise Http404("No such passage")
    source = source_or_404(document)
    revisions.warm_schema()  # the first check of this process compiles tei_all: start now
    head = source.head()
    status, extra = 200, {}
    if request.method == "GET":
        initial = {"kind": "ocr", "view": "reading", "base": head.number, "cert": "high", **request.GET.dict()}
        if initial.get("exact") and not initial.get("words"):
            initial["words"] = initial["exact"]
        form = CorrectionForm(initial=initial, auto_id="correct-%s")
    else:
        form = CorrectionForm(request.POST, auto_id="correct-%s")
        if form.is_valid():
            data = form.cleaned_data
            exact = data["exact"] if data["exact"] and data["exact"].strip() == data["words"].strip() else ""
            selection = revisions.Selection(
                passage_xml_id=xml_id, view=data["view"] or "reading", start=data["start"], end=data["end"],
                exact=exact, words="" if exact else data["words"], words_before=data["words_before"],
            )  # fmt: skip
            made, status, extra = make_correction(
                request, document, source, form,
                lambda: revisions.correct(
                    document, data["base"], selection, data["kind"], data, request.user, data["message"]
                ),
            )  # fmt: skip
            if made:
                return made
        else:
            status = 422
    words = form["exact"].value() or form["words"].value() or ""
    context = {
        "document": document, "passage": passage, "xml_id": xml_id, "form": form, "head": head,
        "kind_label": KIND_LABELS.get(form["kind"].value(), ""), "expansions": expansions_for(source, words),
        "entries": entries_for(source), "labels": passage_labels(document, [xml_id]), **extra,
    }  # fmt: skip
    template = "edition/revisions/correct.html" + ("#correction-form" if request.htmx else "")
    return render(request, template, context, status=status)


def expansions_for(source, words):
    if not words.strip():
        return []
    _head, root = revisions.head_tree(source)
    return expansions_in_use(root, words)


def entries_for(source):
    _head, root = revisions.head_tree(source)
    return {kind: entity_entries(root, kind) for kind in ("person", "place", "organisation", "term")}


# -- the list of revisions, the working revision, publishing, restoring --------------------------


@require_safe
@text_editor_required
def revision_list(request, slug):
    document = document_or_404(slug)
    source = source_or_404(document)
    return render(request, "edition/revisions/list.html", list_context(document, source))


def list_context(document, source, **extra):
    head, published = source.head(), source.published()
    working = []
    if head is not None and not head.is_published:
        current = dict(document.passages.values_list("xml_id", "reading_text"))
        for xml_id, changed in head.changed_passages.get(document.slug, {}).items():
            working.append(
                {
                    "slug": document.slug,
                    "passage": xml_id,
                    "diff": revisions.word_diff(current.get(xml_id, ""), changed["reading_text"]),
                    "reading_html": changed["reading_html"],
                    "notes": changed.get("notes", []),
                }
            )
    return {
        "document": document,
        "source": source,
        "head": head,
        "published": published,
        "working": label_changes(working),
        "history": source.revisions.select_related("author").order_by("-number"),
        "publish_form": PublishForm(initial={"number": head.number}, auto_id="publish-%s") if head else None,
        **extra,
    }


@require_POST
@text_editor_required
def revision_publish(request, slug):
    document = document_or_404(slug)
    source = source_or_404(document)
    form = PublishForm(request.POST, auto_id="publish-%s")
    if not form.is_valid():
        return render(
            request, "edition/revisions/list.html", list_context(document, source, publish_form=form), status=422
        )
    try:
        revisions.publish(source, form.cleaned_data["number"], request.user, form.cleaned_data["message"])
    except revisions.Conflict as conflict:
        context = list_context(document, source, publish_form=form, **conflict_context(source, conflict))
        return render(request, "edition/revisions/list.html", context, status=409)
    except SourceError as refused:
        form.add_error(None, refused.reason)
        return render(
            request, "edition/revisions/list.html", list_context(document, source, publish_form=form), status=422
        )
    return redirect(revisions_url(document) + "?published=1")


@require_POST
@text_editor_required
def revision_restore(request, slug, number):
    document = document_or_404(slug)
    source = source_or_404(document)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        return render(request, "edition/revisions/list.html", list_context(document, source), status=422)
    if not source.revisions.filter(number=number).exists():
        raise Http404("No such version")
    try:
        revisions.restore(source, number, form.cleaned_data["base"], request.user)
    except revisions.Conflict as conflict:
        return render(
            request, "edition/revisions/list.html",
            list_context(document, source, **conflict_context(source, conflict)), status=409,
        )  # fmt: skip
    except SourceError as refused:
        return render(
            request, "edition/revisions/list.html", list_context(document, source, refusal=refused.reason), status=422
        )
    return redirect(revisions_url(document))


@require_safe
@text_editor_required
def revision_diff(request, slug):
    document = document_or_404(slug)
    source = source_or_404(document)
    try:
        a, b = int(request.GET.get("from", "")), int(request.GET.get("to", ""))
    except ValueError:
        return render(request, "edition/revisions/diff.html", {"document": document, "bad": True}, status=422)
    old, new = source.revisions.filter(number=a).first(), source.revisions.filter(number=b).first()
    if old is None or new is None:
        raise Http404("No such version")
    show_tei = request.GET.get("tei") == "1"
    context = {
        "document": document, "old": old, "new": new, "show_tei": show_tei,
        "changes": label_changes([c for c in revisions.compare(old, new) if c["slug"] == document.slug]),
        "tei_diff": revisions.tei_diff(old, new) if show_tei else "",
    }  # fmt: skip
    return render(request, "edition/revisions/diff.html", context)


# -- an OCR correction: edit or withdraw ------------------------------------------------------


@require_http_methods(["GET", "POST"])
@text_editor_required
def ocr_correction_edit(request, slug, choice_id):
    document = document_or_404(slug)
    source = source_or_404(document)
    try:
        current = revisions.ocr_correction_fields(source, choice_id)
    except CorrectionError as gone:
        raise Http404(str(gone)) from gone
    status, extra = 200, {}
    if request.method == "GET":
        form = OcrEditForm(initial={**current, "base": source.head().number}, auto_id="ocr-%s")
    else:
        form = OcrEditForm(request.POST, auto_id="ocr-%s")
        withdraw = "withdraw" in request.POST
        if form.is_valid() or (withdraw and form["base"].value()):
            try:
                base = int(form["base"].value())
            except ValueError:
                status = 422
            else:
                made, status, extra = make_correction(
                    request, document, source, form,
                    lambda: revisions.change_ocr_correction(
                        document, base, choice_id, request.user, data=form.cleaned_data if not withdraw else None,
                        withdraw=withdraw,
                    ),
                )  # fmt: skip
                if made:
                    return made
        else:
            status = 422
    context = {"document": document, "choice_id": choice_id, "current": current, "form": form, **extra}
    return render(request, "edition/revisions/ocr_edit.html", context, status=status)


# -- suspect words: Accept opens the OCR form, Dismiss records why ----------------------------


@require_safe
@text_editor_required
def suspect_queue(request, slug):
    from ..suspects import document_queue

    document = document_or_404(slug)
    source = source_or_404(document)
    queue = document_queue(document)
    context = {
        "document": document, "queue": queue, "base": source.head().number, "dismiss_form": DismissForm(),
        "labels": passage_labels(document),
    }  # fmt: skip
    return render(request, "edition/revisions/suspects.html", context)


@require_POST
@text_editor_required
def suspect_dismiss(request, slug):
    from ..suspects import DecisionError, dismiss, document_queue

    document = document_or_404(slug)
    form = DismissForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            dismiss(
                document,
                form.cleaned_data["word"],
                request.user,
                form.cleaned_data["reason"],
                request.POST.get("passage"),
            )
            return redirect(reverse("suspects", args=[slug]) + "?dismissed=1")
        except DecisionError as refused:
            error = str(refused)
    else:
        error = "Give a reason for dismissing the word."
    source = source_or_404(document)
    context = {
        "document": document, "queue": document_queue(document), "base": source.head().number,
        "dismiss_form": form, "error": error, "labels": passage_labels(document),
    }  # fmt: skip
    return render(request, "edition/revisions/suspects.html", context, status=422)


# -- an editorial note: edit its text ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@text_editor_required
def note_edit(request, slug, note_id):
    document = document_or_404(slug)
    source = source_or_404(document)
    try:
        current = revisions.editorial_note_text(source, note_id)
    except CorrectionError as gone:
        raise Http404(str(gone)) from gone
    status, extra = 200, {}
    if request.method == "GET":
        form = NoteEditForm(initial={"note": current, "base": source.head().number}, auto_id="note-%s")
    else:
        form = NoteEditForm(request.POST, auto_id="note-%s")
        status = 422
        if form.is_valid():
            made, status, extra = make_correction(
                request, document, source, form,
                lambda: revisions.change_note(
                    document, form.cleaned_data["base"], note_id, request.user, form.cleaned_data["note"]
                ),
            )  # fmt: skip
            if made:
                return made
    note = document.notes.filter(xml_id=note_id).first()  # none yet if only a working revision has it
    context = {"document": document, "note": note, "form": form, **extra}
    return render(request, "edition/revisions/note_edit.html", context, status=status)
