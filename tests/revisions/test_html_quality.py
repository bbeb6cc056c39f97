"""The correction pages are valid HTML (the Nu Html Checker), as every page of the edition."""

from tests.support import nu_check


def test_every_correction_page_is_valid_html(cable, client, tess, tmp_path):
    client.force_login(tess)
    start = cable.passages.get(xml_id="para-4").reading_text.index("LAGS")
    data = {
        "kind": "ocr", "base": 1, "view": "reading", "start": start, "end": start + 4, "exact": "LAGS",
        "words": "LAGS", "correction": "LAGGED", "cert": "high", "evidence": "Checked.",
    }  # fmt: skip
    refused = client.post("/documents/usun-1762/passages/para-4/correct/", {**data, "correction": ""})
    assert refused.status_code == 422
    assert client.post("/documents/usun-1762/passages/para-4/correct/", data).status_code == 302
    conflict = client.post("/documents/usun-1762/passages/para-4/correct/", data)
    assert conflict.status_code == 409
    pages = {
        "correct": client.get("/documents/usun-1762/passages/para-4/correct/?exact=LAGS&start=0&end=4"),
        "refused": refused,
        "conflict": conflict,
        "revisions": client.get("/documents/usun-1762/revisions/"),
        "diff": client.get("/documents/usun-1762/revisions/diff/?from=1&to=2&tei=1"),
        "suspects": client.get("/documents/usun-1762/suspects/"),
        "ocr-edit": client.get("/documents/usun-1762/corrections/c-dismantling/"),
        "document": client.get("/documents/usun-1762/"),
    }
    errors = nu_check({name: response.content.decode() for name, response in pages.items()}, tmp_path)
    assert all(not found for found in errors.values()), errors
