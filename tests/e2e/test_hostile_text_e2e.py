"""Markdown and HTML in names stay text: no page makes a request outside the app's own address.

An exhibitor's name like ``![x](http://host/p.png)`` would otherwise make every organizer's
browser fetch that image, telling an outside server who opened the plan and when. Every page
of the app (open mode: the local organizer) is visited with Markdown and HTML in every text
field the data has: event name, venue, city, hall, zone, applicant name, category, product,
description, the user names History shows, a gallery's members. The events are made for this
test and deleted after it, so the shared e2e database's newest event is as it was.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from urllib.parse import urlsplit

import pytest

from app_support import PAGES, PUBLIC_PAGE
from booth_planner.core.model import Applicant, Booth
from booth_planner.rotation.planner import plan_rotation
from booth_planner.rotation.sample import sample_gallery
from booth_planner.storage import open_store
from booth_planner.storage.gallery import GalleryStore

OUTSIDE = "198.51.100.7"  # TEST-NET-2: never a real server
MD = f"![x](http://{OUTSIDE}/md.png)"
HTML = f'<img src="http://{OUTSIDE}/html.png">'
LINK = f"[klik](http://{OUTSIDE}/link) :red[merah] <a href=\"http://{OUTSIDE}/a\">a</a>"
BARE = f"http://{OUTSIDE}/bare www.{OUTSIDE}.example"
# Every page the navigation offers an organizer, and the visitors' directory.
URL_PATHS = tuple(path for _file, path, *_ in (*PAGES, PUBLIC_PAGE))
# Were ``:red[merah]`` rendered, "merah" would stand alone in a coloured span.
RENDERED_DIRECTIVES_JS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const bad = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (node.textContent.trim() === 'merah')
      bad.push(node.parentElement.outerHTML.slice(0, 300));
  return bad;
}"""

# What the page shows as text, inputs (the sidebar's event picker) included.
SHOWN_TEXT_JS = """() => document.body.innerText + [...document.querySelectorAll('input')]
  .map(i => i.value).join(' ')"""

# What Plotly draws as HTML-like text (names, labels, hover; customdata where a hover template
# shows it; titles and notes), holding a tag from the data. Ids (meta, legendgroup) are not drawn.
CHART_MARKUP_JS = """() => {
  const drawn = [];
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    for (const tr of gd.data || []) {
      drawn.push(tr.name, tr.text, tr.hovertext, tr.hovertemplate, tr.labels, tr.texttemplate);
      if (String(tr.hovertemplate || '').includes('customdata')) drawn.push(tr.customdata);
    }
    const L = gd.layout || {};
    drawn.push(L.title, (L.annotations || []).map(a => a.text), (L.legend || {}).title);
  }
  return drawn.flat(3).map(v => JSON.stringify(v) || '')
    .filter(s => s.includes('<img') || s.includes('<a href')).map(s => s.slice(0, 200));
}"""


def _expo(store):
    """An expo event whose every text field holds Markdown or HTML that loads from outside."""
    event = store.create_event(f"Pameran {MD} {HTML}", venue=f"Gedung {MD} {LINK}",
                               city=f"Kota {HTML}", start_date=date(2027, 5, 1),
                               end_date=date(2027, 5, 3), user=f"ani {MD}")
    store.save_booths(event.id, [Booth(f"A-0{n}", f"Hall {MD} {LINK}", 3 * n, 0,
                                       zone=None if n < 3 else f"zona {HTML} {LINK}")
                                 for n in range(1, 6)], user=f"ani {MD}")
    store.save_applicants(event.id, [
        Applicant("P1", f"UMKM {MD} {BARE}", "12.12", f"tenun {HTML} {LINK}",
                  product=f"Ulos {LINK}", description=f"Deskripsi {MD} {HTML} {LINK}"),
        Applicant("P2", f"IKM {HTML} {LINK}", "12.71", f"batik {MD}", product=f"Batik {MD}"),
        Applicant("P3", f"Belum dapat {MD} {LINK}", "11.01", f"kopi {LINK}"),
    ], user=f"ani {LINK}")
    store.assign(event.id, "A-01", "P1", user=f"ani {HTML}")
    store.assign(event.id, "A-02", "P2", user=f"ani {MD} {LINK}")
    store.set_directory(event.id, published=True, base_url=None, user=f"ani {MD}")
    return store.event(event.id)


def _gallery(store):
    """A small gallery whose name, spaces and members hold Markdown and HTML."""
    gallery = sample_gallery(spaces=4, members=6, periods=2, home="32.75",
                             start=date(2027, 1, 1), seed=7)
    event = store.create_event(f"Galeri {MD} {LINK}", venue=f"Gedung {HTML}", city="Bekasi",
                               start_date=gallery.periods[0].start,
                               end_date=gallery.periods[-1].end, user=f"ani {MD}")
    galleries = GalleryStore(store)
    galleries.make_gallery(event.id, home_region="32.75")
    store.save_booths(event.id, [dataclasses.replace(s, hall=f"Lantai {MD}")
                                 for s in gallery.spaces], user=f"ani {HTML}")
    members = [dataclasses.replace(m, applicant=dataclasses.replace(
        m.applicant, name=f"Anggota {n} {MD} {LINK}", category=f"kriya {HTML}"))
        for n, m in enumerate(gallery.members)]
    galleries.save_members(event.id, members, user=f"ani {LINK}")
    galleries.save_periods(event.id, gallery.periods, user=f"ani {MD}")
    spaces = [dataclasses.replace(s, hall=f"Lantai {MD}") for s in gallery.spaces]
    result = plan_rotation(spaces, members, gallery.periods)
    galleries.apply_plan(event.id, result.turns, user=f"ani {HTML}", summary=f"rencana {MD}")
    return store.event(event.id)


@pytest.fixture(scope="module")
def hostile_events(app_server):
    """The hostile expo and gallery, removed after the module; the newest event is restored."""
    store = open_store(app_server.database_url)
    newest_before = store.list_events()[0]
    made = []
    try:
        made.append(_expo(store))
        made.append(_gallery(store))
        yield {"expo": made[0], "gallery": made[1]}
    finally:
        for event in made:
            store.delete_event(event.id)
        assert store.list_events()[0] == newest_before
        store.engine.dispose()


def _visit(page, server, url_path: str, slug: str) -> list[str]:
    """Open one page on the hostile event; the outside addresses the browser asked for."""
    own = urlsplit(server.url).netloc
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if urlsplit(request.url).netloc not in (own, "")
            and not request.url.startswith(("data:", "blob:")) else None)
    page.goto(f"{server.url}/{url_path}?lang=en&event={slug}")
    # Drawn: the sidebar's language picker is there and no run is going on any more.
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.wait_for(
        timeout=60_000)
    notice = page.get_by_role("dialog")  # a fresh server's first deep link: "Page not found"
    if notice.count():
        page.keyboard.press("Escape")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)  # images a late element asks for
    return outside


def _assert_text_only(page, url_path: str, outside: list[str]) -> None:
    assert not outside, f"{url_path} asked outside servers for {outside}"
    assert page.locator(f'img[src*="{OUTSIDE}"]').count() == 0
    links = page.locator(f'a[href*="{OUTSIDE}"]')
    assert links.count() == 0, [links.nth(i).evaluate("a => a.parentElement.outerHTML")
                                for i in range(links.count())]
    assert page.evaluate(RENDERED_DIRECTIVES_JS) == [], url_path
    # Plotly's labels take HTML-like tags: data in them must arrive escaped.
    raw = page.evaluate(CHART_MARKUP_JS)
    assert raw == [], f"{url_path}: a chart holds markup from the data"


@pytest.mark.parametrize("url_path", URL_PATHS)
def test_no_page_fetches_from_outside_for_names_holding_markup(app_server, browser_page,
                                                               hostile_events, url_path):
    event = hostile_events["gallery" if url_path == "galeri" else "expo"]
    outside = _visit(browser_page, app_server, url_path, event.slug)
    _assert_text_only(browser_page, url_path, outside)
    if url_path == "cakupan":  # the page draws only its open tab: open each of the others
        page = browser_page
        tabs = page.get_by_role("tab")
        for index in range(1, tabs.count()):
            tabs.nth(index).click()
            page.wait_for_timeout(300)
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                timeout=60_000)
            page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            _assert_text_only(page, f"{url_path} tab {index}", outside)
    if url_path != "direktori":  # the visitors' page names only what it finds
        assert OUTSIDE in browser_page.evaluate(SHOWN_TEXT_JS), "the hostile text is not shown"


def test_a_booth_clicked_shows_names_as_text(app_server, browser_page, hostile_events):
    from tests.e2e.browser import BOOTH_CENTRE_JS, PLAN_READY_JS

    page = browser_page
    outside = _visit(page, app_server, "denah", hostile_events["expo"].slug)
    page.wait_for_function(PLAN_READY_JS, timeout=60_000)
    x, y, _size = page.evaluate(BOOTH_CENTRE_JS, "A-01")
    page.mouse.move(x, y)  # the hover label
    page.mouse.click(x, y)  # the booth's panel, with its holder's name
    page.get_by_text("A-01").first.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)
    _assert_text_only(page, "denah (clicked)", outside)
