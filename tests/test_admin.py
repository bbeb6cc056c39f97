"""A maintainer (a superuser) looks after glosses in the admin; imported rows are read-only there."""


def test_the_maintainer_sees_a_gloss_and_its_history(maintainer_client, draft_by_alice):
    gloss = draft_by_alice
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


def test_a_maintainers_edit_is_sanitised_and_makes_a_new_version(maintainer_client, draft_by_alice):
    gloss = draft_by_alice
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
