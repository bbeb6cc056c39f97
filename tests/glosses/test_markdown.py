"""A gloss body is Markdown rendered and sanitised: links yes; scripts, handlers, javascript: and styles no."""

import pytest
from lxml import html as lxml_html

from edition.markdown import render_body, sanitise
from edition.models import Gloss
from tests.support import new_gloss_url

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](java\tscript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](//evil.example/)",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    '[x](https://example.org "title\\" onmouseover=\\"alert(1)")',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<form action="https://evil.example/"><button>go</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<p>ok</p><!--<script>alert(1)</script>-->",
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "<<script>script>alert(1)<</script>/script>",
]

SAFE_SCHEMES = ("http:", "https:", "mailto:")


def dangerous_parts(html):
    """Everything in sanitised HTML that could run or style something."""
    found = []
    tree = lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in {
            "script",
            "style",
            "iframe",
            "object",
            "embed",
            "svg",
            "math",
            "form",
            "input",
            "img",
            "meta",
            "link",
            "base",
            "details",
        }:
            found.append(element.tag)
        for name, value in element.attrib.items():
            if name.startswith("on") or name == "style":
                found.append(name)
            if name in {"href", "src", "action", "formaction", "data"}:
                value = value.strip()
                if ":" in value.split("/")[0] and not value.lower().startswith(SAFE_SCHEMES):
                    found.append(f"{name}={value}")
                if value.startswith("//"):
                    found.append(f"{name}={value}")
    return found


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_come_out_harmless(payload):
    assert dangerous_parts(render_body(payload)) == []


@pytest.mark.parametrize("payload", [p for p in XSS_PAYLOADS if dangerous_parts(p)])
def test_the_sanitiser_alone_cleans_raw_html_too(payload):
    """Second line of defence: even HTML that got past Markdown is cleaned."""
    assert dangerous_parts(sanitise(payload)) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS[:8])
def test_a_gloss_posted_with_a_payload_is_stored_harmless_and_served_harmless(editor_client, cable, payload):
    editor_client.post(new_gloss_url(cable, "para-1"), {"body": payload})
    gloss = Gloss.objects.get()
    assert gloss.body == payload  # the editor's Markdown is kept as written
    assert dangerous_parts(gloss.body_html) == []
    page = editor_client.get("/documents/usun-1762/")
    assert "alert(1)</script>" not in page.content.decode()
    assert "script-src 'self'" in page["Content-Security-Policy"]  # and nothing inline would run anyway


def test_links_to_the_web_to_mail_and_inside_the_edition_are_kept():
    html = render_body(
        "See [FRUS](https://history.state.gov/), [write](mailto:editor@example.org), "
        "[para 4](#para-4), [the note](#n-ocr-dismantling), [Kennedy](/persons/usun-1762-kennedy/) "
        "and [the letter](/documents/frus1961-63v06-d67/#d67-p4)."
    )
    for href in [
        "https://history.state.gov/",
        "mailto:editor@example.org",
        "#para-4",
        "#n-ocr-dismantling",
        "/persons/usun-1762-kennedy/",
        "/documents/frus1961-63v06-d67/#d67-p4",
    ]:
        assert f'href="{href}"' in html
    assert 'rel="noopener noreferrer"' in html


def test_short_rich_text_survives():
    html = render_body("*emphasis*, **strong**, `code`\n\n- one\n- two\n\n> quoted")
    for tag in ["<em>", "<strong>", "<code>", "<ul>", "<li>", "<blockquote>"]:
        assert tag in html


@pytest.mark.parametrize("href", ["//evil.example/x", "/\\evil.example/x", "\\\\evil.example", "/ok\\..\\x"])
def test_links_that_browsers_read_as_another_host_are_dropped(href):
    assert "evil" not in sanitise(f'<a href="{href}">x</a>') and "href" not in sanitise(f'<a href="{href}">x</a>')
