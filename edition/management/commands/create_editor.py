"""Create an editor account (or make an existing user an editor).

    python manage.py create_editor USERNAME [--email ADDRESS] [--reset-password]

A new account gets a random password, printed once; there is no default
password anywhere. An existing user is added to the "editors" group and keeps
their password unless --reset-password is given.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from edition.permissions import editors_group


class Command(BaseCommand):
    help = "Create an editor account with a random password (printed once), or make an existing user an editor."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The editor's email address.")
        parser.add_argument(
            "--reset-password", action="store_true", help="Give an existing user a new random password."
        )

    @transaction.atomic
    def handle(self, username, email, reset_password, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if email and user.email != email:
            user.email = email
        password = None
        if created or reset_password:
            password = secrets.token_urlsafe(18)
            user.set_password(password)
        user.save()
        user.groups.add(editors_group())
        self.stdout.write(
            f"{'Created' if created else 'Updated'} editor {username!r} (group {editors_group().name!r})."
        )
        if password:
            self.stdout.write(f"Password (shown once, store it now): {password}")
        else:
            self.stdout.write("Password unchanged (use --reset-password for a new one).")
