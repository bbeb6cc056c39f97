"""A reader takes the edition elsewhere: IIIF viewers, TEI tools, plain text."""

import json

from lxml import etree

from edition.models import Gloss
from tests.support import CABLE, jing, shared_file


def test_a_iiif_viewer_gets_one_canvas_per_typed_page_with_its_transcription(client, cable):
    response = client.get("/documents/usun-1762/manifest.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    manifest = response.json()
    assert manifest["type"] == "Manifest"
    assert [c["label"]["en"][0] for c in manifest["items"]] == ["Page 1", "Page 2", "Page 3", "Page 4"]
    page_two = manifest["items"][1]["annotations"][0]["items"][0]
    assert page_two["motivation"] == "supplementing"
    assert "STEVENS ON READ TWO NUMBERED PARAS" in page_two["body"]["value"]
    # No scan: each page paints the app's typed-page rendering, labelled as such (not a scan).
    painted = manifest["items"][0]["items"][0]["items"][0]["body"]
    assert painted["format"] == "image/svg+xml" and "not a scan" in painted["label"]["en"][0]


def test_the_manifest_is_valid_iiif_presentation_3(client, cable):
    import jsonschema

    iiif_schema = shared_file("schemas/iiif/iiif_3_0.json", "the IIIF schema (no licence to copy it here)")
    schema = json.loads(iiif_schema.read_text())
    manifest = client.get("/documents/usun-1762/manifest.json").json()
    validator = jsonschema.Draft7Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(manifest)]
    assert errors == []


def test_the_tei_export_is_the_source_plus_the_published_glosses(client, cable, alice, tmp_path):
    Gloss.objects.create(
        document=cable,
        passage_xml_id="para-1",
        exact="FOUR-HOUR MEETING",
        prefix="SUMMARY OF ",
        suffix=" TODAY",
        start=24,
        end=41,
        source_revision=cable.source_revision,
        body="A *long* meeting.",
        body_html="<p>A <em>long</em> meeting.</p>",
        state=Gloss.State.PUBLISHED,
        created_by=alice,
        updated_by=alice,
    )
    Gloss.objects.create(
        document=cable,
        passage_xml_id="para-1",
        source_revision=cable.source_revision,
        body="Draft: not exported.",
        body_html="<p>Draft</p>",
        created_by=alice,
        updated_by=alice,
    )
    response = client.get("/documents/usun-1762/tei.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    annotations = root.findall(".//tei:standOff/tei:listAnnotation/tei:annotation", ns)
    assert len(annotations) == 1
    assert annotations[0].get("target") == "#para-1"
    assert annotations[0].find("tei:note[@type='anchor']/tei:quote", ns).text == "FOUR-HOUR MEETING"
    # Everything else is the source, untouched.
    source = etree.parse(str(CABLE)).getroot()
    assert len(root.findall("tei:text//tei:p", ns)) == len(source.findall("tei:text//tei:p", ns))
    exported = tmp_path / "export.xml"
    exported.write_bytes(response.content)
    code, output = jing(exported)
    assert code == 0, output[:2000]


def test_plain_text_in_both_views(client, cable):
    reading = client.get("/documents/usun-1762/text.txt").content.decode()
    diplomatic = client.get("/documents/usun-1762/text.txt?view=diplomatic").content.decode()
    assert "STEVENSON READ TWO NUMBERED PARAGRAPHS" in reading
    assert "STEVENS ON READ TWO NUMBERED PARAS" in diplomatic
    assert "[Page 2]" in reading


def test_every_link_a_manifest_offers_resolves(client, edition):
    for slug in ("usun-1762", "frus1961-63v06-d67"):
        manifest = client.get(f"/documents/{slug}/manifest.json").json()
        for link in manifest.get("seeAlso", []) + manifest["homepage"]:
            path = link["id"].split("://", 1)[1].split("/", 1)[1]
            assert client.get("/" + path).status_code == 200, link["id"]
    assert "seeAlso" not in client.get("/documents/frus1961-63v06-d67/manifest.json").json()
