"""The admin, for maintainers: glosses with their full history; imported rows read-only
(they are rebuilt from sources/ by every import, so editing them here would be lost)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Document, Entity, Gloss


@admin.register(Gloss)
class GlossAdmin(SimpleHistoryAdmin):
    list_display = ("public_id", "document", "passage_xml_id", "exact", "state", "anchor_status", "version", "updated_by", "updated_at", "deleted_at")
    list_filter = ("state", "anchor_status", "document")
    search_fields = ("body", "exact", "passage_xml_id")
    readonly_fields = ("public_id", "version", "created_by", "updated_by", "created_at", "updated_at", "source_revision")


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
