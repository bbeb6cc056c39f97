"""A student browses the corpus: the letters by date, the persons and terms,
and each FRUS letter page by page beside the Office of the Historian's scans.

These read only: the module shares one import of the cable and the volume.
"""

import re

from django.test import override_settings

from edition.models import Document, Entity, Occurrence, Page
from edition.tei.parse import XML_ID, T, parse_source
from tests.support import FRUS


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def listed_titles(html):
    return re.findall(r'<li><a href="/documents/frus1961-63v06-d\d+/">([^<]+)</a>', html)


# -- the documents page ------------------------------------------------------------
def test_the_documents_page_lists_the_volume_by_date_twenty_at_a_time(client, corpus):
    html = served(client, "/documents/")
    assert "120 documents, page 1 of 6" in html
    titles = listed_titles(html)
    assert len(titles) == 20
    assert titles[0] == "1. Message From Chairman Khrushchev to President-elect Kennedy"
    assert 'href="?page=2"' in html
    last = served(client, "/documents/?page=6")
    assert "page 6 of 6" in last and len(listed_titles(last)) == 20
    dates = list(Document.objects.corpus().order_by("date_sort", "order").values_list("date_sort", flat=True))
    assert None not in dates and dates == sorted(dates)


def test_an_editorial_note_is_undated_and_keeps_its_place_in_the_volume(client, corpus):
    # Document 20 carries the volume's whole span (1960-11-09 to 1963-12-01), not a date.
    note = Document.objects.get(slug="frus1961-63v06-d20")
    before = Document.objects.get(slug="frus1961-63v06-d19")
    assert note.date_when == "" and note.date_label == ""
    assert note.date_sort == before.date_sort
    html = served(client, "/documents/?q=Editorial+Note")
    assert '20. Editorial Note</a> <span class="meta">Undated</span>' in html
    assert "November 9, 1960" not in html


def test_the_student_filters_the_letters_by_sender_recipient_and_month(client, corpus):
    html = served(client, "/documents/?sender=Khrushchev&recipient=Kennedy&month=1962-10")
    titles = listed_titles(html)
    assert "66. Letter From Chairman Khrushchev to President Kennedy" in titles
    assert all("From Chairman Khrushchev" in t and t.endswith("President Kennedy") for t in titles)
    assert 'value="1962-10" selected' in html and 'value="Khrushchev"' in html
    # In the crisis week only one document is addressed to Khrushchev by name:
    # the replies of 27 and 28 October went as telegrams to the Embassy.
    replies = listed_titles(served(client, "/documents/?recipient=Khrushchev&after=1962-10-22&before=1962-10-31"))
    assert replies == ["60. Letter From President Kennedy to Chairman Khrushchev"]


def test_filters_by_title_words_and_dates_keep_the_query_across_pages(client, corpus):
    html = served(client, "/documents/?q=letter&after=1961-01-01&before=1962-12-31")
    titles = listed_titles(html)
    assert titles and all("letter" in t.lower() for t in titles)
    if "page 1 of" in html:
        assert "?q=letter&amp;after=1961-01-01&amp;before=1962-12-31&amp;page=2" in html
    assert "No document matches" in served(client, "/documents/?q=no+such+title")
    # Nonsense dates and pages are ignored, not errors.
    assert "120 documents" in served(client, "/documents/?after=yesterday&month=soon&page=x")


def test_htmx_gets_only_the_results(client, corpus):
    response = client.get("/documents/?q=Telegram", headers={"HX-Request": "true", "HX-Target": "document-results"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="document-results"')
    assert "<form" not in html and "<html" not in html


def test_the_site_navigation_leads_to_the_letters_persons_and_terms(client, corpus):
    html = served(client, "/")
    for href, label in (
        ("/documents/", "Letters (FRUS)"),
        ("/persons/", "Persons"),
        ("/terms/", "Abbreviations and terms"),
    ):
        assert f'<a href="{href}">{label}</a>' in html


# -- a FRUS letter, page by page --------------------------------------------------------
def pages_in_effect():
    """For each document of the volume, the printed page in effect where its text begins."""
    root = parse_source(FRUS, 20 * 1024 * 1024)
    current, result = None, {}
    pending = []
    for element in root.find(f"{T}text").iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == f"{T}pb":
            current = element.get("n")
        elif element.tag == f"{T}div" and element.get("type") == "document":
            pending.append(element.get(XML_ID))
        if pending and element.tag != f"{T}div" and (element.text or "").strip():
            for xml_id in pending:
                result[xml_id] = current
            pending = []
    return result


def test_each_letter_starts_on_the_printed_page_in_effect_where_it_begins(corpus):
    expected = pages_in_effect()
    first_pages = {
        page.document.xml_id: page.n
        for page in Page.objects.filter(document__collection="frus1961-63v06", order=1).select_related("document")
    }
    assert len(first_pages) == 120
    assert first_pages == expected


def test_a_letter_shows_its_heading_date_source_note_footnotes_and_page_breaks(client, corpus):
    html = served(client, "/documents/frus1961-63v06-d67/")
    assert (
        '<h1 id="doc-title">67. Telegram From the Department of State to the Embassy in the Soviet Union</h1>' in html
    )
    assert '<p class="doc-date">October 27, 1962, 8:05 p.m.</p>' in html
    # The source note: marker in the heading, note with its way back.
    assert re.search(r'<a class="noteref noteref--source" href="#d67fn0" id="ref-d67fn0"[^>]*data-n="1"></a>', html)
    assert 'id="d67fn0" role="doc-footnote"' in html and 'href="#ref-d67fn0" role="doc-backlink"' in html
    assert "Kennedy Library, National Security" in html
    # Printed pages 181 and 182, and the break inside paragraph 3.
    assert "Page 181</h2>" in html and "Page 182</h2>" in html
    assert '<span class="pb" id="pg_182" data-nontext data-page="182" data-text="[p. 182]"></span>' in html
    # The numbered points stay a list inside the paragraph, with their labels.
    assert re.search(r'<li id="d67-p4-i2"><span class="label">2\)</span> We, on our part', html)
    # Persons and terms link to their entries.
    assert '<a class="entity entity--person" href="/persons/frus1961-63v06-p_kns2/"' in html
    assert '<a class="entity entity--term" href="/terms/frus1961-63v06-t_nato1/"' in html


@override_settings(FACSIMILE_BASE_URL="https://static.history.state.gov/frus/{volume}/medium/{facs}.png")
def test_online_readers_see_the_published_scan_and_the_policy_allows_only_that_host(client, corpus):
    response = client.get("/documents/frus1961-63v06-d67/")
    html = response.content.decode()
    # pg_181 is facs 0203 in the volume; the test never fetches it.
    first = Page.objects.get(document__slug="frus1961-63v06-d67", order=1)
    assert first.n == "181"
    assert f'<img src="https://static.history.state.gov/frus/frus1961-63v06/medium/{first.facs}.png"' in html
    policy = response.headers["Content-Security-Policy"]
    img_src = re.search(r"img-src ([^;]+);", policy)[1].split()
    assert img_src == ["'self'", "data:", "https://static.history.state.gov"]
    assert "default-src 'self'" in policy


@override_settings(FACSIMILE_BASE_URL="")
def test_offline_no_third_party_scan_is_requested_and_the_text_takes_the_width(client, corpus):
    html = served(client, "/documents/frus1961-63v06-d67/")
    assert "static.history.state.gov" not in html and "<img" not in html
    # No pane that would only repeat the printed text in monospace: the text takes the width.
    assert 'class="facsimile' not in html and "pane-none" in html
    assert 'aria-label="Diplomatic transcription of page 181"' not in html


# -- persons and terms ------------------------------------------------------------------
def test_the_persons_index_puts_the_cable_first_and_links_the_same_person_both_ways(client, corpus):
    html = served(client, "/persons/")
    assert html.index("persons-usun-1762") < html.index("persons-frus1961-63v06")
    assert 'href="/persons/usun-1762-stevenson/">Adlai E. Stevenson II</a>: Adlai Ewing Stevenson II' in html
    assert 'href="#persons-frus1961-63v06-K"' in html  # A–Z jumps for the long FRUS list
    cable = served(client, "/persons/usun-1762-stevenson/")
    assert 'href="/persons/frus1961-63v06-p_saeii1/" class="same-as-link"' in cable
    frus = served(client, "/persons/frus1961-63v06-p_saeii1/")
    assert 'href="/persons/usun-1762-stevenson/" class="same-as-link"' in frus


def test_an_entry_lists_every_occurrence_with_a_link_to_its_passage(client, corpus):
    khrushchev = Entity.objects.get(key="frus1961-63v06-p_kns2")
    html = served(client, khrushchev.get_absolute_url())
    occurrences = Occurrence.objects.filter(entity=khrushchev).select_related("passage__document")
    assert f'In FRUS 1961–1963, vol. VI <span class="meta">({occurrences.count()} mentions' in html
    for occurrence in occurrences:
        assert f'href="{occurrence.passage.get_absolute_url()}"' in html
    assert "Chairman of the Council of Ministers of the Soviet Union" in html


def test_the_terms_page_explains_the_cable_abbreviations_and_the_volume_terms(client, corpus):
    html = served(client, "/terms/")
    assert html.index("terms-usun-1762") < html.index("terms-frus1961-63v06")
    nato = Entity.objects.get(key="frus1961-63v06-t_nato1")
    assert nato.identification_text == "North Atlantic Treaty Organization"
    assert f'href="{nato.get_absolute_url()}">NATO</a>' in html
    page = served(client, nato.get_absolute_url())
    assert 'href="/documents/frus1961-63v06-d67/#d67-p5"' in page


def test_a_printed_page_that_begins_inside_a_long_paragraph_says_where_its_text_is(client, corpus):
    # Document 93 is one long paragraph over pages 250-260; page 251 has no passage of its own.
    html = served(client, "/documents/frus1961-63v06-d93/")
    assert "Page 251</h2>" in html
    assert 'its text follows the marker <a href="#pg_251">[p. 251]</a>' in html
    assert '<span class="pb" id="pg_251"' in html


def test_the_home_page_names_the_volume_once_and_leads_to_the_cited_letters(client, corpus):
    html = client.get("/").content.decode()
    assert html.count("They are read from") == 1
    for letter in ("d66", "d67", "d69"):
        assert f'href="/documents/frus1961-63v06-{letter}/"' in html


def test_a_filter_value_that_is_not_understood_is_named_not_silently_dropped(client, corpus):
    html = client.get("/documents/", {"after": "garbage", "month": "1962-10"}).content.decode()
    assert "“garbage” is not a date (YYYY-MM-DD), so the “from date” filter was ignored." in html
    assert "month filter was ignored" not in html  # 1962-10 is understood
    assert "was ignored" not in client.get("/documents/", {"after": "1962-10-01"}).content.decode()
