"""Editor accounts: the editors group exists after migrate; create_editor makes editors with a random password."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, User
from django.core.management import call_command


def run(*args):
    out = StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def password_in(output):
    match = re.search(r"Password \(shown once, store it now\): (\S+)", output)
    return match.group(1) if match else None


@pytest.mark.django_db
def test_the_editors_group_exists_after_migrate_with_the_gloss_permissions():
    group = Group.objects.get(name="editors")
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "add_gloss",
        "change_gloss",
        "delete_gloss",
        "view_gloss",
    }


@pytest.mark.django_db
def test_create_editor_makes_an_editor_with_a_random_password_printed_once():
    first = password_in(run("carol", "--email", "carol@example.org"))
    carol = User.objects.get(username="carol")
    assert first and len(first) >= 20
    assert carol.email == "carol@example.org" and carol.has_perm("edition.add_gloss")
    assert authenticate(username="carol", password=first) == carol

    again = run("carol")  # run again: still an editor, password untouched, and not shown
    assert password_in(again) is None and "Password unchanged" in again
    assert authenticate(username="carol", password=first) is not None

    reset = password_in(run("carol", "--reset-password"))
    assert reset and reset != first
    assert authenticate(username="carol", password=reset) is not None


@pytest.mark.django_db
def test_two_editors_never_share_a_password():
    assert password_in(run("dora")) != password_in(run("emil"))


@pytest.mark.django_db
def test_an_existing_user_becomes_an_editor(rita):
    run("rita")
    rita.refresh_from_db()
    assert User.objects.get(username="rita").has_perm("edition.change_gloss")


def test_the_login_page_is_in_the_editions_own_look(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "<h1>Editor log in</h1>" in html and "edition.css" in html
