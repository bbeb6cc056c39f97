"""A maintainer backs the edition up, loses the database, and restores it into a new one:
every gloss, every version and every anchor comes back as it was, on SQLite and PostgreSQL."""

import tarfile

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from edition import glosses
from edition.models import Document, Gloss, Passage
from edition.permissions import is_editor
from edition.search.models import SearchEntry

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


def gloss_rows():
    """Every gloss with every field, anchors included, users by name."""
    rows = {}
    for gloss in Gloss.objects.select_related("document", "created_by", "updated_by"):
        row = model_to_dict(gloss, exclude=["id", "document", "created_by", "updated_by"])
        row.update(
            public_id=gloss.public_id,
            document=gloss.document.slug,
            created_by=gloss.created_by.username,
            updated_by=gloss.updated_by.username,
            created_at=gloss.created_at,
            updated_at=gloss.updated_at,
        )
        rows[gloss.public_id] = row
    return rows


def version_rows():
    """Every version of every gloss, in order, with who made it, when and why."""
    return [
        (
            record.public_id,
            record.version,
            record.history_type,
            record.history_date,
            record.history_user.username if record.history_user else None,
            record.history_change_reason,
            record.body,
            record.state,
            record.passage_xml_id,
            record.exact,
            record.prefix,
            record.suffix,
            record.start,
            record.end,
            record.anchor_status,
            record.deleted_at,
        )
        for record in Gloss.history.order_by("history_date", "history_id").select_related("history_user")
    ]


def text_rows():
    return list(Passage.objects.order_by("document__slug", "order").values_list("xml_id", "reading_html"))


def search_rows():
    """The search index, rebuilt by the restore rather than archived."""
    return sorted(SearchEntry.objects.values_list("kind", "passage__xml_id", "gloss__public_id", "reading_terms"))


@pytest.fixture
def worked_on_edition(cable, alice, bob, rita):
    """The cable, glossed over a while by two editors: drafts, edits, publishing, a deletion, an orphan."""
    words = {"exact": "IL-28", "prefix": "", "suffix": "", "start": None, "end": None}
    passage = next(p for p in cable.passages.text() if "IL-28" in p.reading_text)
    start = passage.reading_text.index("IL-28")
    words.update(
        start=start,
        end=start + 5,
        prefix=passage.reading_text[max(0, start - 20) : start],
        suffix=passage.reading_text[start + 5 : start + 25],
    )
    first = glosses.create_gloss(alice, cable, passage.xml_id, words, "The *Beagle* bombers.")
    glosses.edit_text(first, bob, "The Ilyushin Il-28 *Beagle* bombers.")
    glosses.publish(first, alice)
    second = glosses.create_gloss(bob, cable, "para-1", None, "A note on the whole passage.")
    glosses.delete(second, bob)
    third = glosses.create_gloss(alice, cable, "para-2", None, "Soon an orphan.")
    third.anchor_status = Gloss.AnchorStatus.ORPHANED
    glosses.save_version(third, alice, "could not be placed after an import")
    return cable


def test_a_backup_restored_into_a_new_database_gives_back_every_gloss_version_and_anchor(worked_on_edition, tmp_path):
    glosses_before, versions_before, text_before, search_before = (
        gloss_rows(),
        version_rows(),
        text_rows(),
        search_rows(),
    )
    assert len(glosses_before) == 3 and len(versions_before) >= 7
    archive = tmp_path / "edition.tar.gz"

    call_command("backup", str(archive))
    with tarfile.open(archive) as contents:
        names = contents.getnames()
    assert {"manifest.json", "data.json", "sources/usun-1762.xml"} <= set(names)

    call_command("flush", interactive=False, verbosity=0)  # the database is lost
    assert not Gloss.objects.exists() and not User.objects.exists()
    call_command("restore", str(archive))

    assert gloss_rows() == glosses_before
    assert version_rows() == versions_before
    assert text_rows() == text_before
    assert search_rows() == search_before
    alice, rita = User.objects.get(username="alice"), User.objects.get(username="rita")
    assert is_editor(alice) and not is_editor(rita)
    # No password hashes in the archive unless asked: nobody logs in until given a new password.
    assert not alice.has_usable_password()
    assert authenticate(username="alice", password=PASSWORD) is None

    # The restored edition takes new work (row ids continue after the restored ones, on PostgreSQL too).
    cable = Document.objects.get(slug="usun-1762")
    glosses.create_gloss(alice, cable, "para-1", None, "Written after the restore.")
    assert Gloss.objects.count() == 4


def test_a_restore_refuses_a_database_that_already_has_content(worked_on_edition, tmp_path):
    archive = tmp_path / "edition.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match=r"the database is not empty \(1 documents, 3 glosses"):
        call_command("restore", str(archive))
    assert Gloss.objects.count() == 3


def test_passwords_are_kept_only_when_asked(alice, tmp_path):
    archive = tmp_path / "users.tar.gz"
    call_command("backup", str(archive), "--with-passwords")
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive))
    assert authenticate(username="alice", password=PASSWORD) == User.objects.get(username="alice")


def test_a_file_that_is_not_a_backup_is_refused_with_a_reason(db, tmp_path):
    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_text("just some text")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("restore", str(not_a_backup))
