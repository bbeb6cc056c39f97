"""Who may write: members of the "editors" group, which holds the gloss permissions, and
members of the "text-editors" group, who may change the text itself (TEI revisions)."""

from django.contrib.auth.models import Group, Permission

EDITORS = "editors"
GLOSS_PERMISSIONS = ("add_gloss", "change_gloss", "delete_gloss", "view_gloss")
TEXT_EDITORS = "text-editors"
TEXT_PERMISSION = "edition.change_textrevision"


def editors_group():
    group, _created = Group.objects.get_or_create(name=EDITORS)
    permissions = Permission.objects.filter(content_type__app_label="edition", codename__in=GLOSS_PERMISSIONS)
    group.permissions.add(*permissions)
    return group


def is_editor(user):
    """The one test of who may gloss (the templates get it as `is_editor`)."""
    return user.is_authenticated and user.has_perm("edition.add_gloss")


def text_editors_group():
    group, _created = Group.objects.get_or_create(name=TEXT_EDITORS)
    app_label, codename = TEXT_PERMISSION.split(".")
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    return group


def may_correct_text(user):
    """The one test of who may change the text (new TEI revisions, publishing, restoring)."""
    return user.is_authenticated and user.has_perm(TEXT_PERMISSION)
