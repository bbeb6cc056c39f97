"""A maintainer (a superuser) looks after glosses in the admin; imported rows are read-only there."""

import pytest
from django.contrib.auth.models import User

from edition.models import Gloss


@pytest.fixture
def maintainer_client(client, db):
    client.force_login(User.objects.create_superuser("mara", "mara@example.org", "correct horse battery staple"))
    return client


def test_the_maintainer_sees_a_gloss_and_its_history(maintainer_client, cable, alice):
    gloss = Gloss.objects.create(
        document=cable,
        passage_xml_id="para-1",
        source_revision=cable.source_revision,
        body="A note.",
        body_html="<p>A note.</p>",
        created_by=alice,
        updated_by=alice,
    )
    assert "para-1" in maintainer_client.get("/admin/edition/gloss/").content.decode()
    gloss.body = "A better note."
    gloss.save()
    history = maintainer_client.get(f"/admin/edition/gloss/{gloss.pk}/history/").content.decode()
    for record in gloss.history.all():  # both versions are listed, each with its own page
        assert f"/admin/edition/gloss/{gloss.pk}/history/{record.history_id}/" in history


def test_imported_documents_cannot_be_changed_in_the_admin(maintainer_client, cable):
    assert maintainer_client.get("/admin/edition/document/").status_code == 200
    assert maintainer_client.get("/admin/edition/document/add/").status_code == 403
    response = maintainer_client.post(f"/admin/edition/document/{cable.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert cable.__class__.objects.filter(pk=cable.pk).exists()


def test_a_maintainers_edit_is_sanitised_and_makes_a_new_version(maintainer_client, cable, alice):
    gloss = Gloss.objects.create(
        document=cable,
        passage_xml_id="para-1",
        source_revision=cable.source_revision,
        body="A note.",
        body_html="<p>A note.</p>",
        created_by=alice,
        updated_by=alice,
    )
    response = maintainer_client.post(
        f"/admin/edition/gloss/{gloss.pk}/change/",
        {
            "body": "Fixed <script>alert(1)</script> [x](javascript:alert(1))",
            "state": "published",
            "body_html": "<script>alert(2)</script>",
            "version": 1,
        },
    )
    assert response.status_code == 302
    gloss.refresh_from_db()
    assert "<script" not in gloss.body_html and 'href="javascript:' not in gloss.body_html  # shown as text
    assert gloss.body_html.startswith("<p>Fixed")
    assert (gloss.version, gloss.state) == (2, "published")
    assert gloss.history.latest().history_change_reason == "edited in the admin"
    assert maintainer_client.get("/admin/edition/gloss/add/").status_code == 403
