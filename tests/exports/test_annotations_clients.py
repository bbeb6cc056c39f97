"""Web Annotations and IIIF manifests as third-party tools read them (issue 10), without a browser.

The story: rita, a scholar, takes alice's published glosses and the cable's manifest into her own
tools: a JSON-LD processor (pyld, with the W3C context pinned in tests/schemas), a client on
another origin (CORS), iiif-prezi3 (the IIIF community's Python library); and, developing the
edition on another port, she finds every id pointing at the server she asked.
"""

import json
import re
from xml.etree import ElementTree

import pytest
from iiif_prezi3 import Manifest
from pyld import jsonld

from edition.models import Document
from tests.support import CLIENT_GLOSSES, SCHEMAS, nu_check, publish_client_glosses

ANNO_CONTEXT = SCHEMAS / "web-annotation" / "context" / "anno.jsonld"
OA = "http://www.w3.org/ns/oa#"


@pytest.fixture
def glosses(cable, alice):
    return publish_client_glosses(cable, alice)


def offline_loader(url, options=None):
    """pyld's document loader: the W3C context from the pinned copy, nothing from the network."""
    assert url == "http://www.w3.org/ns/anno.jsonld", f"pyld asked for {url}"
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(ANNO_CONTEXT.read_text())}


def test_every_selector_is_exact_in_the_text_it_names(client, glosses):
    collection = client.get("/documents/usun-1762/annotations/").json()
    items = collection["first"]["items"]
    assert len(items) == len(CLIENT_GLOSSES)
    for annotation in items:
        on_the_page, in_the_text = annotation["target"]
        text = client.get(in_the_text["source"].split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
        assert text.status_code == 200 and text["Content-Type"] == "text/plain; charset=utf-8"
        text = text.content.decode()
        quote, position = in_the_text["selector"]
        assert text[position["start"] : position["end"]] == quote["exact"]
        # The quote with its context occurs once: a client finds it without the offsets.
        assert text.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
        assert [s["refinedBy"] for s in on_the_page["selector"]] == [quote, position]
    second = next(a for a in items if a["target"][1]["selector"][0]["exact"] == "PARAGRAPHS")
    start = second["target"][1]["selector"][1]["start"]
    passage_text = client.get("/documents/usun-1762/passages/para-4/text.txt").content.decode()
    assert passage_text.count("PARAGRAPHS") == 2 and start == passage_text.rindex("PARAGRAPHS")


def test_the_reading_page_serves_each_passage_words_element_with_exactly_its_text(client, cable):
    from lxml import html as lxml_html

    page = lxml_html.fromstring(client.get("/documents/usun-1762/").content.decode())
    checked = 0
    for passage in cable.passages.all():
        [words] = page.xpath('//*[@id=$id]/*[@class="passage-body"]/*[@class="passage-words"]', id=passage.xml_id)
        assert words.text_content() == passage.reading_text, passage.xml_id
        checked += 1
    assert checked == cable.passages.count() > 50


def test_json_ld_expansion_gives_the_oa_triples(client, glosses):
    annotation = client.get(f"/glosses/{glosses[0].public_id}/").json()
    [expanded] = jsonld.expand(annotation, {"documentLoader": offline_loader})
    assert expanded["@type"] == [OA + "Annotation"]
    assert expanded[OA + "motivatedBy"] == [{"@id": OA + "commenting"}]
    targets = expanded[OA + "hasTarget"]
    assert len(targets) == 2 and all(t["@type"] == [OA + "SpecificResource"] for t in targets)
    page_selectors = targets[0][OA + "hasSelector"]
    assert [s["@type"] for s in page_selectors] == [[OA + "CssSelector"]] * 2
    refinements = [s[OA + "refinedBy"][0] for s in page_selectors]
    assert [r["@type"] for r in refinements] == [[OA + "TextQuoteSelector"], [OA + "TextPositionSelector"]]
    assert refinements[0][OA + "exact"] == [{"@value": "STEVENSON READ TWO"}]
    assert targets[1][OA + "hasSource"] == [
        {"@id": "http://127.0.0.1:8000/documents/usun-1762/passages/para-4/text.txt"}
    ]
    # Our own terms expand into our namespace, which answers with a page (below).
    assert "http://127.0.0.1:8000/ns/edition#sourceRevision" in targets[0]
    assert expanded["http://purl.org/dc/terms/created"][0]["@value"] == annotation["created"]


def test_the_extension_namespace_answers_with_a_valid_vocabulary_page(client, tmp_path):
    response = client.get("/ns/edition")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert 'id="sourceRevision"' in html and 'id="anchorStatus"' in html
    assert nu_check({"vocabulary": html}, tmp_path) == {"vocabulary": []}


def test_every_public_export_is_open_to_clients_on_other_origins(client, glosses):
    gloss = glosses[0]
    for url in (
        "/documents/usun-1762/annotations/",
        f"/glosses/{gloss.public_id}/",
        "/documents/usun-1762/tei.xml",
        "/documents/usun-1762/text.txt",
        "/documents/usun-1762/passages/para-4/text.txt",
        "/documents/usun-1762/manifest.json",
        "/documents/usun-1762/pages/1/rendering.svg",
    ):
        response = client.get(url, HTTP_ORIGIN="https://annotator.example.org")
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
    # A passage that is not there is a clear 404, never a 500.
    assert client.get("/documents/usun-1762/passages/no-such/text.txt").status_code == 404


def test_iiif_prezi3_loads_every_manifest_of_the_edition(client, edition, alice):
    publish_client_glosses(edition, alice)
    slugs = list(Document.objects.values_list("slug", flat=True))
    assert len(slugs) > 100
    for slug in slugs:
        data = client.get(f"/documents/{slug}/manifest.json").json()
        manifest = Manifest(**data)
        assert manifest.id == data["id"] and len(manifest.items) == len(data["items"]) > 0, slug
        for canvas in manifest.items:
            [painting] = canvas.items[0].items
            assert painting.motivation == "painting" and painting.body.type == "Image", slug


def test_the_cable_canvases_paint_a_labelled_rendering_and_carry_the_glosses(client, glosses):
    manifest = client.get("/documents/usun-1762/manifest.json").json()
    canvases = manifest["items"]
    assert len(canvases) == 4
    for number, canvas in enumerate(canvases, 1):
        body = canvas["items"][0]["items"][0]["body"]
        assert body["id"] == f"http://127.0.0.1:8000/documents/usun-1762/pages/{number}/rendering.svg"
        assert (body["width"], body["height"]) == (canvas["width"], canvas["height"])
        svg = client.get(f"/documents/usun-1762/pages/{number}/rendering.svg")
        assert svg["Content-Type"].startswith("image/svg+xml")
        root = ElementTree.fromstring(svg.content)
        words = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
        assert "not a scan" in words
    page_two_words = " ".join(
        t.text or ""
        for t in ElementTree.fromstring(client.get("/documents/usun-1762/pages/2/rendering.svg").content).iter(
            "{http://www.w3.org/2000/svg}text"
        )
    )
    assert "STEVENS ON READ TWO NUMBERED" in page_two_words  # the witness as typed
    comments = [
        annotation
        for canvas in canvases
        for annotation_page in canvas["annotations"]
        for annotation in annotation_page["items"]
        if annotation["motivation"] == "commenting"
    ]
    assert len(comments) == len(CLIENT_GLOSSES)
    # Each on its passage's lines in the rendering: para-3 on page 1, para-4 on page 2.
    assert all(re.search(r"/canvas/[12]#xywh=\d+,\d+,\d+,\d+$", c["target"]) for c in comments)


def test_with_debug_and_no_site_root_ids_follow_the_host_and_port_asked(client, glosses, settings):
    settings.DEBUG = True
    settings.SITE_ROOT_FOLLOWS_REQUEST = True
    settings.ALLOWED_HOSTS = ["*"]
    manifest = client.get("/documents/usun-1762/manifest.json", HTTP_HOST="laptop.local:8042").json()
    assert manifest["id"] == "http://laptop.local:8042/documents/usun-1762/manifest.json"
    assert manifest["items"][0]["id"].startswith("http://laptop.local:8042/")
    assert "127.0.0.1:8000" not in json.dumps(manifest)
    collection = client.get("/documents/usun-1762/annotations/", HTTP_HOST="laptop.local:8042").json()
    assert "127.0.0.1:8000" not in json.dumps(collection)
    # Asked on another port, the same export names that port (not a copy cached for the first).
    other = client.get("/documents/usun-1762/manifest.json", HTTP_HOST="127.0.0.1:9000").json()
    assert other["id"] == "http://127.0.0.1:9000/documents/usun-1762/manifest.json"
    # With SITE_ROOT set (production), the request's host never leaks into an id.
    settings.SITE_ROOT_FOLLOWS_REQUEST = False
    settings.SITE_ROOT = "https://edition.example.org"
    fixed = client.get("/documents/usun-1762/manifest.json", HTTP_HOST="laptop.local:8042").json()
    assert fixed["id"] == "https://edition.example.org/documents/usun-1762/manifest.json"
