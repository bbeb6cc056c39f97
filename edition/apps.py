from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_editors_group(sender, **kwargs):
    """After migrate (and after a test database flush) the "editors" group exists
    with the gloss permissions, so `create_editor` and the admin can use it."""
    from .permissions import editors_group, text_editors_group

    editors_group()
    text_editors_group()


class EditionConfig(AppConfig):
    name = "edition"
    verbose_name = "Telegram 1762 edition"

    def ready(self):
        # Connected for this app only: auth has created its permissions by the
        # time post_migrate is sent for "edition".
        post_migrate.connect(create_editors_group, sender=self, dispatch_uid="edition.create_editors_group")
        # The gloss domain's signal receivers keep the versions cached pages are keyed by.
        from . import glosses  # noqa: F401
