"""Published glosses as W3C Web Annotations, valid against the web-platform-tests schemas."""

import json

import pytest
from django.test import Client

from edition.models import Gloss
from tests.webanno import failures

MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


@pytest.fixture
def published(write_gloss, alice):
    return write_gloss(alice, "para-4", "The corrected *reading*.", words="DISMANTLING", publish=True)


def test_a_gloss_is_a_valid_web_annotation_with_all_three_anchors(published, cable, settings):
    annotation = published.to_web_annotation()
    assert failures(annotation) == []
    assert annotation["id"] == f"{settings.SITE_ROOT}/glosses/{published.public_id}/"
    on_the_page, in_the_text = annotation["target"]
    assert on_the_page["source"] == f"{settings.SITE_ROOT}/documents/usun-1762/"
    assert in_the_text["source"] == f"{settings.SITE_ROOT}/documents/usun-1762/passages/para-4/text.txt"
    assert on_the_page["sourceRevision"] == in_the_text["sourceRevision"] == cable.source_revision
    quote, position = on_the_page["selector"]
    # CssSelector: the passage's words element, which holds exactly its reading text.
    assert quote["value"] == position["value"] == "#para-4 > .passage-body > .passage-words"
    expected_quote = {
        "type": "TextQuoteSelector",
        "exact": "DISMANTLING",
        "prefix": published.prefix,
        "suffix": published.suffix,
    }
    expected_position = {"type": "TextPositionSelector", "start": published.start, "end": published.end}
    assert quote["refinedBy"] == expected_quote and position["refinedBy"] == expected_position
    assert in_the_text["selector"] == [expected_quote, expected_position]
    assert annotation["body"]["value"] == "<p>The corrected <em>reading</em>.</p>"
    assert annotation["creator"] == {"type": "Person", "nickname": "alice"}


def test_a_gloss_on_a_whole_passage_is_valid_too(write_gloss, alice):
    gloss = write_gloss(alice, "para-1", "The whole paragraph.", publish=True)
    annotation = gloss.to_web_annotation()
    assert failures(annotation) == []
    on_the_page, in_the_text = annotation["target"]
    assert on_the_page["selector"] == {"type": "CssSelector", "value": "#para-1 > .passage-body > .passage-words"}
    assert "selector" not in in_the_text  # the passage's whole text


def test_the_checker_does_catch_an_invalid_annotation(published):
    broken = published.to_web_annotation()
    del broken["target"]
    broken["@context"] = "http://example.org/other"
    assert len(failures(broken)) >= 2


def test_the_document_collection_holds_the_published_glosses_only(client, published, write_gloss, alice):
    write_gloss(alice, "para-5", "A draft.")
    response = client.get("/documents/usun-1762/annotations/")
    assert response.status_code == 200 and response["Content-Type"] == MEDIA_TYPE
    collection = json.loads(response.content)
    assert failures(collection) == []
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 1
    assert [item["id"].rsplit("/", 2)[-2] for item in collection["first"]["items"]] == [str(published.public_id)]


def test_an_empty_collection_is_valid(client, cable):
    collection = json.loads(client.get("/documents/usun-1762/annotations/").content)
    assert collection["total"] == 0 and failures(collection) == []


def test_one_gloss_is_served_with_its_etag_to_readers_if_published(published, write_gloss, alice, bob):
    client, editor_client = Client(), Client()
    editor_client.force_login(bob)
    response = client.get(f"/glosses/{published.public_id}/")
    assert response.status_code == 200 and response["ETag"] == published.etag
    assert failures(json.loads(response.content)) == []
    draft = write_gloss(alice, "para-5", "A draft.")
    assert client.get(f"/glosses/{draft.public_id}/").status_code == 404
    assert editor_client.get(f"/glosses/{draft.public_id}/").status_code == 200
    published.deleted_at = published.updated_at
    published.save()
    assert client.get(f"/glosses/{published.public_id}/").status_code == 404
    assert Gloss.objects.count() == 2
