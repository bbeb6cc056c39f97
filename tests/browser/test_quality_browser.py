"""Every kind of page a reader meets shows zero axe-core violations in Chromium, in both colour schemes
(the same pages are checked by the Nu Html Checker: tests/test_quality.py).

One browser test per page, each against the live server.
"""

import pytest
from django.conf import settings

from tests.axe import violations
from tests.support import PAGE_NAMES, PAGES, PIXEL_PNG, editor_with_glosses, import_for, path_of


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name,need,who", PAGES, ids=PAGE_NAMES)
def test_every_page_has_no_axe_violations(name, need, who, scheme, transactional_db, live_server, page, axe, client):
    # Both colour schemes (prefers-color-scheme): dark mode keeps every contrast at 4.5:1 or more.
    page.emulate_media(color_scheme=scheme)
    import_for(need)
    if who == "editor":
        client.force_login(editor_with_glosses())
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    for host in settings.FACSIMILE_IMAGE_HOSTS:
        page.route(f"{host}/**", lambda route: route.fulfill(body=PIXEL_PNG, content_type="image/png"))
    response = page.goto(live_server.url + path_of(name))
    assert response.ok
    # The reading bar's Display and Key panels open, so that their contents are checked too.
    page.locator(".bar-menu").evaluate_all("(menus) => menus.forEach((menu) => (menu.open = true))")
    found = violations(axe())
    assert not found, f"axe violations on {name}:\n" + "\n".join(found)
