"""Gloss views: editors write, edit, publish, delete (and undo), restore and re-attach glosses.

Every write is a POST by an editor; Django's CSRF middleware checks each one.
Without JavaScript each form is a page of its own that redirects back to the
text. With htmx, forms come as fragments; a refused write answers with the form
and its messages (422 invalid, 409 stale version, 412 failed If-Match), and a
successful one with the whole #document-text re-rendered: note numbers run
through the document in one sequence, so one new marker renumbers every later
note and no smaller fragment would be right (assembling it costs milliseconds).
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget, trigger_client_event

from ..annotations import MEDIA_TYPE, annotation_collection
from ..forms import EditGlossForm, NewGlossForm, ReattachForm
from ..markdown import render_body
from ..models import Document, Gloss
from ..reading import chosen_view
from .reading import document_pages

# -- loaders and helpers -------------------------------------------------------


def editor_required(permission):
    """Anonymous visitors are sent to log in; logged-in readers get 403.

    After logging in, the editor comes back to the page they were on: a write
    endpoint only takes POSTs, so it is never the place to come back to. With
    htmx (say the session expired while the page was open), the login page must
    replace the whole page, not be swapped into the text: HX-Redirect does that.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                login = redirect_to_login(page_to_return_to(request))
                if request.htmx:
                    return HttpResponseClientRedirect(login["Location"])
                return login
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def page_to_return_to(request):
    """The page a login should lead back to: this one if it can be shown (GET),
    else the page the request came from, if it is ours."""
    if request.method == "GET" and not request.htmx:
        return request.get_full_path()
    came_from = (request.htmx.current_url if request.htmx else None) or request.headers.get("Referer", "")
    path = urlsplit(came_from)
    if came_from and url_has_allowed_host_and_scheme(came_from, allowed_hosts={request.get_host()}):
        return path.path + (f"?{path.query}" if path.query else "")
    return reverse("home")


def load_gloss(public_id, for_update=False):
    if for_update:
        # Lock the bare row, with no joins: when a concurrent save changes
        # updated_by_id, PostgreSQL re-checks a locked row against the *old*
        # joined rows, the join fails and the gloss seems to vanish (a 404
        # instead of a 409). Related rows are fetched after the lock.
        return get_object_or_404(Gloss.objects.select_for_update(), public_id=public_id)
    return get_object_or_404(Gloss.objects.select_related("document", "created_by", "updated_by"), public_id=public_id)


def log_write(user, gloss, flag, message):
    """Every write shows up in the admin's history too (as Geniza does)."""
    LogEntry.objects.log_actions(user.pk, [gloss], flag, change_message=message, single_object=True)


def save_gloss(gloss, user, reason):
    """Save with a history entry that says who and why (explicitly, so it holds
    outside a request too)."""
    gloss.updated_by = user
    gloss._history_user = user
    gloss._change_reason = reason
    gloss.save()


def bump(gloss):
    gloss.version += 1


def document_text_response(request, gloss, message, focus, undo=False, status=200):
    """After an htmx write: the re-rendered #document-text and a status message."""
    document = gloss.document
    view = chosen_view(request.POST)
    context = {"document": document, "view": view, "pages": document_pages(document, view, request)}
    html = render_to_string("edition/document.html#document-text", context, request=request)
    html += render_to_string(
        "edition/glosses/_status.html", {"message": message, "gloss": gloss, "undo": undo, "view": view}, request=request
    )
    response = HttpResponse(html, status=status)
    retarget(response, "#document-text")
    reswap(response, "outerHTML")
    return trigger_client_event(response, "glossChanged", {"focus": focus}, after="settle")


def back_to_text(gloss, anchor=None):
    return redirect(gloss.document.get_absolute_url() + "#" + (anchor or gloss.anchor_id))


def after_write(request, gloss, message, undo=False, anchor=None):
    if request.htmx:
        focus = "gloss-undo" if undo else gloss.anchor_id
        return document_text_response(request, gloss, message, focus, undo=undo)
    if undo:  # without JavaScript, the history page offers the undo
        return redirect("gloss_history", gloss.public_id)
    return back_to_text(gloss, anchor)


def form_response(request, template, partial, context, status=200):
    """The form as a fragment for htmx (swapped in place), or as a page."""
    name = f"{template}#{partial}" if request.htmx else template
    return render(request, name, context, status=status)


# -- writing a gloss ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@editor_required("edition.add_gloss")
def gloss_new(request, slug, xml_id):
    if request.method == "GET":
        document = get_object_or_404(Document, slug=slug)
        passage = document.passages.filter(xml_id=xml_id).first()
        if passage is None:
            raise Http404("No such passage")
        form = NewGlossForm(initial=request.GET.dict(), passage=passage, passage_xml_id=xml_id, auto_id=f"gloss-{xml_id}-%s")
        status = 200
    else:
        with transaction.atomic():
            # The document row is locked (import updates it too), so the quote is checked
            # against the same text the gloss is stored on: never against text an import
            # is replacing at that moment.
            document = get_object_or_404(Document.objects.select_for_update(), slug=slug)
            passage = document.passages.filter(xml_id=xml_id).first()
            form = NewGlossForm(request.POST, passage=passage, passage_xml_id=xml_id, auto_id=f"gloss-{xml_id}-%s")
            if form.is_valid():
                gloss = create_gloss(request.user, document, xml_id, form.cleaned_data)
                return after_write(request, gloss, "Gloss saved as a draft.", anchor=xml_id)
        status = 422
    context = {"document": document, "passage": passage, "xml_id": xml_id, "form": form,
               "exact": form["exact"].value() or "", "max_length": settings.GLOSS_MAX_LENGTH}
    return form_response(request, "edition/glosses/new.html", "gloss-form", context, status)


def create_gloss(user, document, xml_id, data):
    selectors = data["selectors"] or {"exact": "", "prefix": "", "suffix": "", "start": None, "end": None}
    gloss = Gloss(
        document=document, passage_xml_id=xml_id, source_revision=document.source_revision,
        body=data["body"], body_html=render_body(data["body"]), created_by=user, **selectors,
    )
    save_gloss(gloss, user, "created")
    log_write(user, gloss, ADDITION, "Created gloss")
    return gloss


@require_http_methods(["GET", "POST"])
@editor_required("edition.change_gloss")
def gloss_edit(request, public_id):
    if request.method == "GET":
        gloss = load_gloss(public_id)
        if gloss.deleted_at:
            raise Http404("This gloss is deleted")
        initial = {"body": gloss.body, "version": gloss.version, "view": chosen_view(request.GET)}
        form = EditGlossForm(initial=initial, auto_id=edit_auto_id(gloss))
        return edit_form_response(request, gloss, form)
    with transaction.atomic():
        # The row is locked until the write is done, so two saves of the same
        # version cannot both pass the version check.
        gloss = load_gloss(public_id, for_update=True)
        if gloss.deleted_at:
            raise Http404("This gloss is deleted")
        form = EditGlossForm(request.POST, auto_id=edit_auto_id(gloss))
        if_match = request.headers.get("If-Match")
        if if_match and if_match != gloss.etag:
            return edit_form_response(request, gloss, form, status=412, conflict=True)
        if not form.is_valid():
            return edit_form_response(request, gloss, form, status=422)
        if form.cleaned_data["version"] != gloss.version:
            return edit_form_response(request, gloss, form, status=409, conflict=True)
        gloss.body = form.cleaned_data["body"]
        gloss.body_html = render_body(gloss.body)
        bump(gloss)
        save_gloss(gloss, request.user, "edited")
        log_write(request.user, gloss, CHANGE, "Edited gloss text")
    return after_write(request, gloss, "Gloss saved.")


def edit_auto_id(gloss):
    return f"edit-{gloss.public_id}-%s"  # several forms can be open on one page: ids must differ


def edit_form_response(request, gloss, form, status=200, conflict=False):
    """The edit form. On a conflict it shows the newer saved text beside the
    editor's own, and carries the newer version, so the next save merges."""
    if conflict:
        data = form.data.copy()
        data["version"] = gloss.version
        form = EditGlossForm(data, auto_id=edit_auto_id(gloss))
        form.is_valid()
    response = form_response(
        request, "edition/glosses/edit.html", "edit-form",
        {"gloss": gloss, "form": form, "conflict": conflict, "document": gloss.document,
         "max_length": settings.GLOSS_MAX_LENGTH},
        status,
    )
    response["ETag"] = gloss.etag
    return response


@require_POST
@editor_required("edition.change_gloss")
def gloss_publish(request, public_id):
    return change_state(request, public_id, Gloss.State.PUBLISHED, "Published gloss", "Gloss published: readers see it now.")


@require_POST
@editor_required("edition.change_gloss")
def gloss_unpublish(request, public_id):
    return change_state(
        request, public_id, Gloss.State.DRAFT, "Returned gloss to draft", "Gloss back to draft: readers no longer see it."
    )


def stale_version_response(request, gloss):
    """Publishing is the editor's approval of the text they saw: if the gloss changed
    since their page was made, nothing happens and they are shown the newer text (409)."""
    if request.POST.get("version") == str(gloss.version):
        return None
    message = f"Nothing was done: this gloss changed since your page was made (now version {gloss.version}). Check it, then try again."
    if request.htmx:
        return document_text_response(request, gloss, message, gloss.anchor_id, status=409)
    return render(request, "edition/glosses/history.html", history_context(gloss, stale=True), status=409)


def change_state(request, public_id, state, log_message, status_message):
    with transaction.atomic():
        gloss = load_gloss(public_id, for_update=True)
        if gloss.deleted_at:
            raise Http404("This gloss is deleted")
        if refused := stale_version_response(request, gloss):
            return refused
        if gloss.state != state:
            gloss.state = state
            bump(gloss)
            save_gloss(gloss, request.user, "published" if state == Gloss.State.PUBLISHED else "returned to draft")
            log_write(request.user, gloss, CHANGE, log_message)
    return after_write(request, gloss, status_message)


@require_POST
@editor_required("edition.delete_gloss")
def gloss_delete(request, public_id):
    """A soft delete: the gloss leaves the text, and can be brought back."""
    with transaction.atomic():
        gloss = load_gloss(public_id, for_update=True)
        if refused := stale_version_response(request, gloss):
            return refused
        if gloss.deleted_at is None:
            gloss.deleted_at = timezone.now()
            bump(gloss)
            save_gloss(gloss, request.user, "deleted")
            log_write(request.user, gloss, DELETION, "Deleted gloss (can be undone)")
    return after_write(request, gloss, "Gloss deleted.", undo=True)


@require_POST
@editor_required("edition.delete_gloss")
def gloss_undelete(request, public_id):
    with transaction.atomic():
        gloss = load_gloss(public_id, for_update=True)
        if gloss.deleted_at is not None:
            gloss.deleted_at = None
            bump(gloss)
            save_gloss(gloss, request.user, "undeleted")
            log_write(request.user, gloss, CHANGE, "Undid the deletion of the gloss")
    if request.htmx:
        return after_write(request, gloss, "Gloss restored.")
    if gloss.anchor_status == Gloss.AnchorStatus.ORPHANED:
        return redirect("gloss_orphans")
    return back_to_text(gloss)


# -- history --------------------------------------------------------------------


@require_safe
@editor_required("edition.view_gloss")
def gloss_history(request, public_id):
    return render(request, "edition/glosses/history.html", history_context(load_gloss(public_id)))


def history_context(gloss, stale=False):
    """Every version, newest first, with what changed: the text before and after."""
    records = list(gloss.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for record, previous in zip(records, records[1:] + [None]):
        entries.append({
            "record": record,
            "body_before": previous.body if previous and previous.body != record.body else None,
            "state_before": previous.state if previous and previous.state != record.state else None,
            "restorable": record.body != gloss.body,
        })
    return {"gloss": gloss, "entries": entries, "stale": stale}


@require_POST
@editor_required("edition.change_gloss")
def gloss_restore(request, public_id, history_id):
    """Bring back the text of an earlier version (as a new version: history only grows)."""
    with transaction.atomic():
        gloss = load_gloss(public_id, for_update=True)
        if gloss.deleted_at:
            raise Http404("This gloss is deleted")
        record = get_object_or_404(gloss.history, history_id=history_id)
        if str(gloss.version) != request.POST.get("version"):
            return render(request, "edition/glosses/history.html", history_context(gloss, stale=True), status=409)
        gloss.body, gloss.body_html = record.body, render_body(record.body)
        bump(gloss)
        save_gloss(gloss, request.user, f"restored the text of version {record.version}")
        log_write(request.user, gloss, CHANGE, f"Restored the text of version {record.version}")
    return redirect("gloss_history", gloss.public_id)


# -- orphans --------------------------------------------------------------------


@require_safe
@editor_required("edition.change_gloss")
def gloss_orphans(request):
    orphans = Gloss.objects.orphans().select_related("document", "created_by")
    items = [
        (gloss, ReattachForm(document=gloss.document, initial=reattach_initial(gloss), auto_id=orphan_auto_id(gloss)))
        for gloss in orphans
    ]
    return render(request, "edition/glosses/orphans.html", {"items": items})


def orphan_auto_id(gloss):
    return f"orphan-{gloss.public_id}-%s"


def reattach_initial(gloss):
    # No "words before": the old ones belong to a text that changed, and would only
    # make the new words fail to match. The editor adds some if the words recur.
    return {"passage": gloss.passage_xml_id, "exact": gloss.exact, "prefix": "", "version": gloss.version}


@require_POST
@editor_required("edition.change_gloss")
def gloss_reattach(request, public_id):
    with transaction.atomic():
        gloss = load_gloss(public_id, for_update=True)
        if gloss.deleted_at:
            raise Http404("This gloss is deleted")
        form = ReattachForm(request.POST, document=gloss.document, auto_id=orphan_auto_id(gloss))
        valid = form.is_valid()
        if valid and form.cleaned_data["version"] != gloss.version:
            form.add_error(None, "Someone changed this gloss meanwhile; check it and re-attach again.")
            form.data = form.data.copy()
            form.data["version"] = gloss.version
            valid = False
        if not valid:
            status = 409 if form.has_error("__all__") else 422
            return render(request, "edition/glosses/orphans.html", {"items": [(gloss, form)], "single": True},
                          status=status)
        selectors = form.cleaned_data["selectors"] or {"exact": "", "prefix": "", "suffix": "", "start": None,
                                                        "end": None}
        gloss.passage_xml_id = form.cleaned_data["passage"]
        for field, value in selectors.items():
            setattr(gloss, field, value)
        gloss.anchor_status = Gloss.AnchorStatus.ANCHORED  # placed by an editor, not by an import
        gloss.source_revision = gloss.document.source_revision
        bump(gloss)
        save_gloss(gloss, request.user, f"re-attached to {gloss.passage_xml_id}")
        log_write(request.user, gloss, CHANGE, f"Re-attached gloss to {gloss.passage_xml_id}")
    return back_to_text(gloss)


# -- Web Annotations ----------------------------------------------------------------


def annotation_response(data, etag=None):
    response = JsonResponse(data, content_type=MEDIA_TYPE, json_dumps_params={"ensure_ascii": False, "indent": 1})
    if etag:
        response["ETag"] = etag
    response["Vary"] = "Accept, Cookie"
    return response


@require_safe
def gloss_annotation(request, public_id):
    """One gloss as a Web Annotation: published ones for everyone, drafts for editors."""
    gloss = load_gloss(public_id)
    visible = Gloss.objects.visible_to(request.user).filter(pk=gloss.pk).exists()
    if not visible:
        raise Http404("No such gloss")
    return annotation_response(gloss.to_web_annotation(), etag=gloss.etag)


@require_safe
def document_annotations(request, slug):
    """The published glosses of a document that stand in its text, as an AnnotationCollection."""
    document = get_object_or_404(Document, slug=slug)
    glosses = (
        Gloss.objects.for_readers(document)
        .select_related("document", "created_by").order_by("passage_xml_id", "start", "created_at")
    )
    order = {xml_id: n for n, xml_id in enumerate(document.passages.values_list("xml_id", flat=True))}
    glosses = sorted(glosses, key=lambda g: (order.get(g.passage_xml_id, len(order)), g.start or 0))
    return annotation_response(annotation_collection(document, glosses))
