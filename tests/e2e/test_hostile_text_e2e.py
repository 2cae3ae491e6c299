"""Markdown and HTML in names stay text: no page makes a request outside the app's own address.

An exhibitor's name like ``![x](http://host/p.png)`` would otherwise make every organizer's
browser fetch that image, telling an outside server who opened the plan and when.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from booth_planner.core.model import Applicant, Booth
from booth_planner.storage import open_store

OUTSIDE = "198.51.100.7"  # TEST-NET-2: never a real server
MD = f"![x](http://{OUTSIDE}/md.png)"
HTML = f'<img src="http://{OUTSIDE}/html.png">'
LINK = f"[klik](http://{OUTSIDE}/link) :red[merah]"
PAGES = ("ringkasan", "denah", "cakupan", "unduh", "daftar-peserta", "atur-stand", "riwayat",
         "kelola-acara", "alokasi")


@pytest.fixture(scope="module")
def hostile_event(app_server):
    """An event whose every text field holds Markdown or HTML that loads from outside."""
    store = open_store(app_server.database_url)
    try:
        event = store.create_event(f"Pameran {MD} {HTML}", venue=f"Gedung {MD}",
                                   city=f"Kota {HTML}", user=f"ani {MD}")
        store.save_booths(event.id, [Booth(f"A-0{n}", f"Hall {MD}", 3 * n, 0,
                                           zone=None if n < 3 else f"zona {HTML}")
                                     for n in range(1, 5)], user=f"ani {MD}")
        store.save_applicants(event.id, [
            Applicant("P1", f"UMKM {MD}", "12.12", f"tenun {HTML}", product=f"Ulos {LINK}"),
            Applicant("P2", f"IKM {HTML}", "12.71", f"batik {MD}", product=f"Batik {MD}"),
        ], user=f"ani {MD}")
        store.assign(event.id, "A-01", "P1", user=f"ani {HTML}")
        store.assign(event.id, "A-02", "P2", user=f"ani {MD}")
        yield event
    finally:
        store.engine.dispose()


@pytest.mark.parametrize("url_path", PAGES)
def test_no_page_fetches_from_outside_for_names_holding_markup(app_server, browser_page,
                                                               hostile_event, url_path):
    page = browser_page
    own = urlsplit(app_server.url).netloc
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if urlsplit(request.url).netloc not in (own, "") and
            not request.url.startswith(("data:", "blob:")) else None)
    page.goto(f"{app_server.url}/{url_path}?lang=en&event={hostile_event.slug}")
    # Drawn: the sidebar's language picker is there and no run is going on any more.
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.wait_for(
        timeout=60_000)
    notice = page.get_by_role("dialog")  # a fresh server's first deep link: "Page not found"
    if notice.count():
        page.keyboard.press("Escape")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    assert not outside, f"{url_path} asked outside servers for {outside}"
    assert page.locator(f'img[src*="{OUTSIDE}"]').count() == 0
    links = page.locator(f'a[href*="{OUTSIDE}"]')
    assert links.count() == 0, [links.nth(i).evaluate("a => a.parentElement.outerHTML")
                                for i in range(links.count())]
