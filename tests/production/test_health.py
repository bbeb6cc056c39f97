"""The proxy's health probe: /healthz says whether this server is ready for readers (JSON,
503 naming what is missing), /healthz/live only that the process answers."""

import json

import pytest

from edition.models import Document


def checks(response):
    return json.loads(response.content)["checks"]


def test_before_the_sources_are_imported_the_server_is_not_ready(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["status"] == "unavailable"
    assert checks(response)["database"] == "ok"
    assert checks(response)["sources"] == (
        "not imported yet: frus1961-63v06.xml, usun-1762.xml (run manage.py import_sources)"
    )


def test_with_only_the_cable_imported_the_probe_names_the_missing_volume(client, cable):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "not imported yet: frus1961-63v06.xml " in checks(response)["sources"]


def test_with_every_source_imported_the_server_is_ready(client, edition):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "sources": "ok", "static": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]  # a probe must never be answered from a cache


def test_the_liveness_probe_touches_nothing(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


@pytest.mark.parametrize("method", ["post", "delete"])
def test_the_probes_only_read(client, db, method):
    assert getattr(client, method)("/healthz").status_code == 405


def test_a_database_that_was_emptied_makes_the_server_unready(client, edition):
    Document.objects.filter(source_file="usun-1762.xml").delete()
    assert client.get("/healthz").status_code == 503
