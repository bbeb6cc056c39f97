"""Gloss views: editors write, edit, publish, delete (and undo), restore and re-attach glosses.

Every write is a POST by an editor; Django's CSRF middleware checks each one.
The rules of each write live in edition/glosses.py; a view only reads the
request, calls it, and answers. Every write carries the version the editor saw:
a stale one changes nothing and is answered 409 (412 for a failed If-Match).
Without JavaScript each form is a page of its own that redirects back to the
text. With htmx, forms come as fragments; a refused write answers with the form
and its messages (422 invalid, 409 stale version, 412 failed If-Match), and a
successful one with only what changed, as out-of-band swaps (edition/page_changes.py):
the gloss's passage, its note and the status (no other gloss's letter moves); the
whole #document-text only where the parts cannot say it.
Pages are rendered after the write's transaction has committed, never while its
lock is held.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget, trigger_client_event

from .. import glosses, page_changes
from ..difftext import diff_html
from ..forms import EditGlossForm, NewGlossForm, ReattachForm
from ..glosses import Stale
from ..models import Document, Gloss
from ..passage_labels import passage_label, passage_labels
from ..vocabulary import chosen_view
from .decorators import editor_required
from .reading import display_context, document_pages

# -- loaders and helpers -------------------------------------------------------


def gloss_or_404(public_id):
    return get_object_or_404(Gloss.objects.select_related("document", "created_by", "updated_by"), public_id=public_id)


@contextmanager
def editing(request, public_id, **options):
    """glosses.editing at the version the form carried; a missing or deleted gloss is a 404."""
    try:
        with glosses.editing(public_id, request.POST.get("version"), **options) as gloss:
            yield gloss
    except Gloss.DoesNotExist as gone:
        raise Http404(str(gone)) from gone


def changes_response(request, gloss, message, focus, placed, undo=False, status=200):
    """After an htmx write: what changed on the editor's page, out of band, and a status message.
    placed: how the gloss's note stands now (page_changes.NEW, CHANGED or GONE)."""
    view = chosen_view(request.POST)
    try:
        html = page_changes.changed_parts(request, gloss.document, gloss, view, placed)
    except page_changes.NeedsWholeText:
        return document_text_response(request, gloss, message, focus, undo=undo, status=status)
    html += render_to_string(
        "edition/glosses/_status.html",
        {"message": message, "gloss": gloss, "undo": undo, "view": view},
        request=request,
    )
    response = HttpResponse(html, status=status)
    reswap(response, "none")  # every part says where it goes
    return trigger_client_event(response, "glossChanged", {"focus": focus}, after="settle")


def document_text_response(request, gloss, message, focus, undo=False, status=200):
    """After an htmx write: the re-rendered #document-text and a status message."""
    document = gloss.document
    view = chosen_view(request.POST)
    shown = display_context(request, document)  # the reader's display choices (edition/display.py)
    context = {
        "document": document,
        "view": view,
        **shown,
        "pages": document_pages(document, view, request, pane=shown["pane"]),
    }
    html = render_to_string("edition/document.html#document-text", context, request=request)
    html += render_to_string(
        "edition/glosses/_status.html",
        {"message": message, "gloss": gloss, "undo": undo, "view": view},
        request=request,
    )
    response = HttpResponse(html, status=status)
    retarget(response, "#document-text")
    reswap(response, "outerHTML")
    return trigger_client_event(response, "glossChanged", {"focus": focus}, after="settle")


def back_to_text(gloss, anchor=None):
    return redirect(gloss.document.get_absolute_url() + "#" + (anchor or gloss.anchor_id))


def after_write(request, gloss, message, undo=False, anchor=None, placed=page_changes.CHANGED):
    if request.htmx:
        focus = "gloss-undo" if undo else gloss.anchor_id
        return changes_response(request, gloss, message, focus, placed, undo=undo)
    if undo:  # without JavaScript, the history page offers the undo
        return redirect("gloss_history", gloss.public_id)
    return back_to_text(gloss, anchor)


def stale_version_response(request, gloss):
    """A write is the editor's decision on the gloss they saw: if it changed since
    their page was made, nothing happens and they are shown the newer one (409)."""
    message = (
        f"Nothing was done: this gloss changed since your page was made (now version {gloss.version}). "
        "Check it, then try again."
    )
    if request.htmx:
        return changes_response(request, gloss, message, gloss.anchor_id, page_changes.CHANGED, status=409)
    return render(request, "edition/glosses/history.html", history_context(gloss, stale=True), status=409)


def form_response(request, template, partial, context, status=200):
    """The form as a fragment for htmx (swapped in place), or as a page."""
    name = f"{template}#{partial}" if request.htmx else template
    return render(request, name, context, status=status)


# -- writing a gloss ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@editor_required("edition.add_gloss")
def gloss_new(request, slug, xml_id):
    auto_id = f"gloss-{xml_id}-%s"
    if request.method == "GET":
        document = get_object_or_404(Document, slug=slug)
        passage = document.passages.filter(xml_id=xml_id).first()
        if passage is None:
            raise Http404("No such passage")
        form = NewGlossForm(initial=request.GET.dict(), passage=passage, passage_xml_id=xml_id, auto_id=auto_id)
        status = 200
    elif "check" in request.POST:  # "Check": what readers will see, and what the sanitiser drops; nothing saved
        document = get_object_or_404(Document, slug=slug)
        passage = document.passages.filter(xml_id=xml_id).first()
        form = NewGlossForm(request.POST, passage=passage, passage_xml_id=xml_id, auto_id=auto_id)
        status = 200
    else:
        with transaction.atomic():
            # The document row is locked (import updates it too), so the quote is checked
            # against the same text the gloss is stored on: never against text an import
            # is replacing at that moment.
            document = get_object_or_404(Document.objects.select_for_update(), slug=slug)
            passage = document.passages.filter(xml_id=xml_id).first()
            form = NewGlossForm(request.POST, passage=passage, passage_xml_id=xml_id, auto_id=auto_id)
            if form.is_valid():
                gloss = glosses.create_gloss(
                    request.user,
                    document,
                    xml_id,
                    form.cleaned_data["selectors"],
                    form.cleaned_data["body"],
                    publish=form.cleaned_data["publish"],
                )
        if form.is_valid():
            message = (
                "Gloss saved and published: readers see it now."
                if form.cleaned_data["publish"]
                else ("Gloss saved as a draft.")
            )
            return after_write(request, gloss, message, anchor=xml_id, placed=page_changes.NEW)
        status = 422
    context = {
        "document": document,
        "passage": passage,
        "xml_id": xml_id,
        "form": form,
        "exact": form["exact"].value() or "",
        "max_length": settings.GLOSS_MAX_LENGTH,
        "checked": "check" in request.POST,
        "labels": passage_labels(document, [xml_id]),
    }
    return form_response(request, "edition/glosses/new.html", "gloss-form", context, status)


@require_http_methods(["GET", "POST"])
@editor_required("edition.change_gloss")
def gloss_edit(request, public_id):
    if request.method == "GET":
        gloss = gloss_or_404(public_id)
        if gloss.deleted_at:
            raise Http404("This gloss is deleted")
        initial = {"body": gloss.body, "version": gloss.version, "view": chosen_view(request.GET)}
        form = EditGlossForm(initial=initial, auto_id=edit_auto_id(public_id))
        return edit_form_response(request, gloss, form)
    form = EditGlossForm(request.POST, auto_id=edit_auto_id(public_id))
    if "check" in request.POST:  # "Check": what readers will see, and what the sanitiser drops; nothing saved
        return edit_form_response(request, gloss_or_404(public_id), form, checked=True)
    try:
        # The row is locked until the write is done, so two saves of the same
        # version cannot both pass the version check.
        with editing(request, public_id, if_match=request.headers.get("If-Match")) as gloss:
            if form.is_valid():
                glosses.edit_text(gloss, request.user, form.cleaned_data["body"])
                if form.cleaned_data["publish"]:  # "Save and publish" on a draft
                    glosses.publish(gloss, request.user)
    except Stale as stale:
        status = 412 if stale.precondition_failed else 409
        return edit_form_response(request, stale.gloss, form, status=status, conflict=True)
    if not form.is_valid():
        return edit_form_response(request, gloss, form, status=422)
    message = "Gloss saved and published: readers see it now." if form.cleaned_data["publish"] else "Gloss saved."
    return after_write(request, gloss, message)


def edit_auto_id(public_id):
    return f"edit-{public_id}-%s"  # several forms can be open on one page: ids must differ


def edit_form_response(request, gloss, form, status=200, conflict=False, checked=False):
    """The edit form. On a conflict it shows the newer saved text beside the
    editor's own, and carries the newer version, so the next save merges."""
    if conflict:
        data = form.data.copy()
        data["version"] = gloss.version
        form = EditGlossForm(data, auto_id=edit_auto_id(gloss.public_id))
        form.is_valid()
    response = form_response(
        request,
        "edition/glosses/edit.html",
        "edit-form",
        {
            "gloss": gloss,
            "form": form,
            "conflict": conflict,
            "checked": checked,
            "document": gloss.document,
            "max_length": settings.GLOSS_MAX_LENGTH,
            "labels": passage_labels(gloss.document, [gloss.passage_xml_id]),
        },
        status,
    )
    response["ETag"] = gloss.etag
    return response


def write_from_the_text(request, public_id, write, message, undo=False, deleted_too=False, placed=page_changes.CHANGED):
    """A write made by a button beside the gloss in the text (publish, unpublish, delete, undo)."""
    try:
        with editing(request, public_id, deleted_too=deleted_too) as gloss:
            write(gloss, request.user)
    except Stale as stale:
        return stale_version_response(request, stale.gloss)
    return after_write(request, gloss, message, undo=undo, placed=placed)


@require_POST
@editor_required("edition.change_gloss")
def gloss_publish(request, public_id):
    return write_from_the_text(request, public_id, glosses.publish, "Gloss published: readers see it now.")


@require_POST
@editor_required("edition.change_gloss")
def gloss_unpublish(request, public_id):
    return write_from_the_text(request, public_id, glosses.unpublish, "Gloss back to draft: readers no longer see it.")


@require_POST
@editor_required("edition.delete_gloss")
def gloss_delete(request, public_id):
    """A soft delete: the gloss leaves the text, and can be brought back."""
    return write_from_the_text(
        request, public_id, glosses.delete, "Gloss deleted.", undo=True, deleted_too=True, placed=page_changes.GONE
    )


@require_POST
@editor_required("edition.delete_gloss")
def gloss_undelete(request, public_id):
    """Undo a delete: only the delete the editor saw (a later one, made on purpose by
    another editor, is a newer version and is refused)."""
    try:
        with editing(request, public_id, deleted_too=True) as gloss:
            glosses.undelete(gloss, request.user)
    except Stale as stale:
        return stale_version_response(request, stale.gloss)
    if not request.htmx and gloss.anchor_status == Gloss.AnchorStatus.ORPHANED:
        return redirect("gloss_orphans")  # back where it can be given a place again
    return after_write(request, gloss, "Gloss restored.", placed=page_changes.NEW)


# -- history --------------------------------------------------------------------


@require_safe
@editor_required("edition.view_gloss")
def gloss_history(request, public_id):
    return render(request, "edition/glosses/history.html", history_context(gloss_or_404(public_id)))


def history_context(gloss, stale=False):
    """Every version, newest first, with what changed: the text before and after."""
    records = list(gloss.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for record, previous in zip(records, records[1:] + [None], strict=True):
        entries.append(
            {
                "record": record,
                "body_before": previous.body if previous and previous.body != record.body else None,
                "changes": diff_html(previous.body, record.body) if previous and previous.body != record.body else None,
                "state_before": previous.state if previous and previous.state != record.state else None,
                "restorable": record.body != gloss.body,
            }
        )
    labels = passage_labels(gloss.document, [gloss.passage_xml_id])
    return {"gloss": gloss, "entries": entries, "stale": stale, "labels": labels}


@require_safe
@editor_required("edition.change_gloss")
def gloss_restore_confirm(request, public_id, history_id):
    """Restoring asks first (without JavaScript too): what the restore would change, and its form."""
    gloss = gloss_or_404(public_id)
    earlier = get_object_or_404(gloss.history.select_related("history_user"), history_id=history_id)
    context = {
        "gloss": gloss,
        "earlier": earlier,
        "changes": diff_html(gloss.body, earlier.body),
        "labels": passage_labels(gloss.document, [gloss.passage_xml_id]),
    }
    return render(request, "edition/glosses/restore.html", context)


@require_POST
@editor_required("edition.change_gloss")
def gloss_restore(request, public_id, history_id):
    """Bring back the text of an earlier version (as a new version: history only grows)."""
    try:
        with editing(request, public_id) as gloss:
            earlier = get_object_or_404(gloss.history, history_id=history_id)
            glosses.restore_text(gloss, request.user, earlier)
    except Stale as stale:
        return render(request, "edition/glosses/history.html", history_context(stale.gloss, stale=True), status=409)
    # Back to the passage, where the restored text now stands.
    in_the_text = gloss.deleted_at is None and gloss.anchor_status != Gloss.AnchorStatus.ORPHANED
    return back_to_text(gloss, None if in_the_text else gloss.passage_xml_id)


# -- orphans --------------------------------------------------------------------


@require_safe
@editor_required("edition.change_gloss")
def gloss_orphans(request):
    orphans = Gloss.objects.orphans().select_related("document", "created_by")
    items = [
        (
            gloss,
            ReattachForm(document=gloss.document, initial=reattach_initial(gloss), auto_id=orphan_auto_id(gloss)),
            passage_label(gloss.document, gloss.passage_xml_id),
        )
        for gloss in orphans
    ]
    return render(request, "edition/glosses/orphans.html", {"items": items})


def orphan_context(gloss, form):
    """The orphans page with one orphan, whose re-attachment was refused."""
    return {"items": [(gloss, form, passage_label(gloss.document, gloss.passage_xml_id))], "single": True}


def orphan_auto_id(gloss):
    return f"orphan-{gloss.public_id}-%s"


def reattach_initial(gloss):
    # No "words before": the old ones belong to a text that changed, and would only
    # make the new words fail to match. The editor adds some if the words recur.
    return {"passage": gloss.passage_xml_id, "exact": gloss.exact, "prefix": "", "version": gloss.version}


@require_POST
@editor_required("edition.change_gloss")
def gloss_reattach(request, public_id):
    try:
        with editing(request, public_id) as gloss:
            form = ReattachForm(request.POST, document=gloss.document, auto_id=orphan_auto_id(gloss))
            if form.is_valid():
                glosses.reattach(gloss, request.user, form.cleaned_data["passage"], form.cleaned_data["selectors"])
    except Stale as stale:
        gloss = stale.gloss
        form = ReattachForm(
            {**request.POST.dict(), "version": gloss.version}, document=gloss.document, auto_id=orphan_auto_id(gloss)
        )
        form.is_valid()
        form.add_error(None, "Someone changed this gloss meanwhile; check it and re-attach again.")
        return render(request, "edition/glosses/orphans.html", orphan_context(gloss, form), status=409)
    if not form.is_valid():
        return render(request, "edition/glosses/orphans.html", orphan_context(gloss, form), status=422)
    return back_to_text(gloss)
