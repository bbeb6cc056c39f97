"""Hostile or broken sources are refused where they stand, whatever their encoding or size.

The story: an intruder (or a careless colleague) commits a TEI file crafted to read
the server's files, to exhaust its memory, or to run script in an editor's browser.
The import refuses it with file, line and column, or renders it harmlessly; the
edition readers and editors see stays safe.
"""

import time

import pytest
from lxml import html as lxml_html

from edition.importer import import_sources
from edition.models import Document, Page, Passage
from edition.tei.parse import MAX_ATTRIBUTE_CHARS, SourceError

TEI = """<?xml version="1.0" encoding="{encoding}"?>
{prolog}<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="hostile">
  <teiHeader><fileDesc><titleStmt><title type="main">A hostile letter</title></titleStmt>
  <publicationStmt><p>Test</p></publicationStmt>
  <sourceDesc><msDesc><msIdentifier><idno type="telegram">1762</idno>{idnos}</msIdentifier></msDesc></sourceDesc></fileDesc>
  <profileDesc><particDesc><listPerson><person xml:id="nobody"><persName>Nobody</persName></person>{persons}</listPerson></particDesc></profileDesc></teiHeader>
  {facsimile}<text><body><div>
    <pb n="1" xml:id="pb-1"{facs}/>
    <p xml:id="p-one">{first}</p>
  </div></body></text>
</TEI>
"""


def tei(encoding="UTF-8", prolog="", idnos="", persons="", facsimile="", facs="", first="A PLAIN PARAGRAPH."):
    return TEI.format(
        encoding=encoding, prolog=prolog, idnos=idnos, persons=persons, facsimile=facsimile, facs=facs, first=first
    )


@pytest.fixture
def sources_dir(tmp_path, settings):
    settings.SOURCES_DIR = tmp_path
    return tmp_path


def write(directory, content, encoding="utf-8", name="hostile.xml"):
    path = directory / name
    path.write_bytes(content.encode(encoding))
    return path


XXE = '<!DOCTYPE TEI [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>\n'
BILLION_LAUGHS = (
    '<!DOCTYPE TEI [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"> ]>\n'
)


@pytest.mark.parametrize(
    "encoding,xml_encoding", [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16BE")], ids=["utf16le", "utf16be"]
)
@pytest.mark.parametrize(
    "prolog,entity", [(XXE, "&secret;"), (BILLION_LAUGHS, "&lol3;")], ids=["xxe", "billion-laughs"]
)
def test_a_utf16_hostile_file_is_refused_with_file_line_and_column(
    sources_dir, db, encoding, xml_encoding, prolog, entity
):
    content = tei(encoding=xml_encoding, prolog=prolog, first=f"WORDS {entity}")
    if encoding == "utf-16-le":
        content = "\ufeff" + content  # the byte order mark tells the parser the order
    path = write(sources_dir, content, encoding)
    with pytest.raises(SourceError) as refused:
        import_sources([path])
    assert (refused.value.line, refused.value.column) == (2, 1)
    assert str(refused.value).startswith(f"{path}:2:1: DOCTYPE and entity declarations are refused")
    assert not Passage.objects.exists()


def test_a_comment_that_mentions_a_doctype_is_no_doctype(sources_dir, db):
    comment = "<!-- Do not add <!DOCTYPE TEI> or <!ENTITY x 'y'>: the importer refuses them. -->\n"
    path = write(sources_dir, tei(prolog=comment))
    import_sources([path])
    assert Passage.objects.get(xml_id="p-one").reading_text == "A PLAIN PARAGRAPH."


def test_a_doctype_after_a_comment_is_found_on_its_own_line(sources_dir, db):
    path = write(sources_dir, tei(prolog="<!-- a comment\n  over two lines -->\n" + XXE))
    with pytest.raises(SourceError) as refused:
        import_sources([path])
    assert (refused.value.line, refused.value.column) == (4, 1)


def test_a_9_mb_attribute_is_refused_at_once_where_it_stands(sources_dir, db):
    giant = "x" * (9 * 1024 * 1024)
    path = write(sources_dir, tei(first=f'THE <hi rend="{giant}">GIANT</hi> WORD'))
    started = time.monotonic()
    with pytest.raises(SourceError) as refused:
        import_sources([path])
    assert time.monotonic() - started < 5
    assert (refused.value.line, refused.value.column) == (9, 27)
    assert f"the attribute rend is {len(giant)} characters long, over the limit of {MAX_ATTRIBUTE_CHARS}" in str(
        refused.value
    )
    assert not Document.objects.exists()


def test_markup_that_multiplies_in_rendering_is_refused(sources_dir, db):
    # Each mention carries its person's name in its title, in two views: a long name
    # mentioned often renders to far more HTML than the source holds.
    person = f'<person xml:id="p"><persName>{"Very Long Name " * 400}</persName></person>'
    mentions = '<persName ref="#p">HIM</persName> ' * 3000
    path = write(sources_dir, tei(persons=person, first=mentions))
    with pytest.raises(SourceError) as refused:
        import_sources([path])
    assert refused.value.line == 9
    assert "rendering this file would produce over" in refused.value.reason
    assert not Document.objects.exists()


INJECTED_IDNO = (
    'https://x.example/" hx-post="/glosses/00000000-0000-0000-0000-000000000001/delete/" hx-trigger="load" x="'
)


def test_an_identifier_cannot_inject_attributes_into_an_editors_page(sources_dir, db, client, alice):
    idno = INJECTED_IDNO.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    path = write(
        sources_dir,
        tei(
            idnos=f'<idno type="frus-url">{idno}</idno><idno type="online">https://history.state.gov/x?a=1&amp;b=2</idno>'
        ),
    )
    import_sources([path])
    client.force_login(alice)
    page = client.get("/documents/hostile/")
    assert page.status_code == 200
    tree = lxml_html.fromstring(page.content)
    assert not tree.xpath("//*[@hx-post or @hx-trigger='load' or @x]")
    meta = tree.xpath("//dl[@class='doc-meta']")[0]
    # The identifier is shown as the text it is, not as a link; a real web address stays a link.
    assert INJECTED_IDNO in meta.text_content()
    assert [a.get("href") for a in meta.iter("a")] == ["https://history.state.gov/x?a=1&b=2"]


FACSIMILE = '<facsimile><surface xml:id="s1"><graphic url="{url}"/><desc>The first page</desc></surface></facsimile>'


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "vbscript:x", "data:text/html,<b>x</b>"]
)
def test_a_page_image_that_is_not_an_image_url_is_refused(sources_dir, db, url):
    url = url.replace("<", "&lt;")
    path = write(sources_dir, tei(facsimile=FACSIMILE.format(url=url), facs=' facs="#s1"'))
    with pytest.raises(SourceError) as refused:
        import_sources([path])
    assert refused.value.line == 7
    assert "a page image's url must be an http(s) URL, a relative URL or a data:image/ URL" in refused.value.reason
    assert not Page.objects.exists()


@pytest.mark.parametrize(
    "url", ["/static/facsimiles/page-1.png", "https://history.state.gov/scan.png", "data:image/png;base64,iVBORw0KGgo="]
)
def test_a_page_image_url_of_the_web_or_inline_is_shown(sources_dir, db, client, url):
    path = write(sources_dir, tei(facsimile=FACSIMILE.format(url=url), facs=' facs="#s1"'))
    import_sources([path])
    tree = lxml_html.fromstring(client.get("/documents/hostile/").content)
    assert [img.get("src") for img in tree.xpath("//figure[@class='facsimile']//img")] == [url]


def test_a_reference_to_a_crafted_web_address_is_text_not_a_link(sources_dir, db):
    crafted = "https://x.example/&quot;onmouseover=&quot;alert(1)"
    path = write(
        sources_dir,
        tei(first=f'SEE <ref target="{crafted}">HERE</ref> AND <ref target="https://history.state.gov/">THERE</ref>.'),
    )
    import_sources([path])
    passage = lxml_html.fragment_fromstring(Passage.objects.get(xml_id="p-one").reading_html, create_parent="div")
    assert [(a.get("href"), a.text) for a in passage.iter("a")] == [("https://history.state.gov/", "THERE")]
    assert passage.text_content() == "SEE HERE AND THERE."
