"""The admin, for maintainers: glosses with their full history; imported rows read-only
(they are rebuilt from sources/ by every import, so editing them here would be lost)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from .glosses import save_version, set_body
from .models import Document, Entity, Gloss


@admin.register(Gloss)
class GlossAdmin(SimpleHistoryAdmin):
    """Maintainers may correct a gloss's text or state here. Everything else is the
    app's to set: the HTML is always rendered and sanitised from the Markdown, and
    every save is a new version (so an editor's open form gets a 409, never an overwrite)."""

    list_display = (
        "public_id",
        "document",
        "passage_xml_id",
        "exact",
        "state",
        "anchor_status",
        "version",
        "updated_by",
        "updated_at",
        "deleted_at",
    )
    list_filter = ("state", "anchor_status", "document")
    search_fields = ("body", "exact", "passage_xml_id")
    fields = (
        "body",
        "state",
        "public_id",
        "document",
        "passage_xml_id",
        "exact",
        "prefix",
        "suffix",
        "start",
        "end",
        "anchor_status",
        "source_revision",
        "version",
        "body_html",
        "deleted_at",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = tuple(f for f in fields if f not in ("body", "state"))

    def has_add_permission(self, request):
        return False  # glosses are written in the reading view, where they are anchored

    def history_view(self, request, object_id, extra_context=None):
        # simple_history looks the gloss up without the admin's checks: /gloss/abc/history/ was a 500.
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The same for one version: a gloss or version id that is not a number was a 500 too.
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not str(version_id).isdigit():
            raise Http404("This gloss has no such version.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        # The admin logs the change itself, so the write is not logged twice.
        set_body(obj, obj.body)
        save_version(obj, request.user, "edited in the admin")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("slug", "title", "kind", "date_label", "source_file", "imported_at")
    list_filter = ("kind", "collection")
    search_fields = ("slug", "title")


@admin.register(Entity)
class EntityAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "collection")
    list_filter = ("kind", "collection")
    search_fields = ("name", "identification_text")
