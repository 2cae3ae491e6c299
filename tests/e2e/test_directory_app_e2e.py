"""The app's visitor directory on a phone, as someone who has not signed in (accounts exist):
find an exhibitor by a misspelled product, open its entry, see its booth on the plan; every
organizer page is out of reach and nothing in the database changes."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from app_support import PAGES
from booth_planner.accounts import users as auth
from booth_planner.allocation import allocate
from booth_planner.demo.events import ensure_demo_events
from booth_planner.storage import open_store
from tests.e2e.browser import Server, chromium_missing_reason, launch, start_server, stop_server

PHONE = {"width": 390, "height": 844}
PON = "pon-xxi-2024"
NATIONAL = "kriya-nusantara-nasional"


def require_chromium() -> None:
    """Skip (in CI: fail) without Chromium and Playwright."""
    import os

    if reason := chromium_missing_reason():
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def _picture(store) -> tuple:  # noqa: ANN001
    return tuple((e, store.state(e.id), tuple(store.history(e.id, limit=100_000)))
                 for e in store.list_events())


@pytest.fixture(scope="module")
def visitor_server(tmp_path_factory) -> Iterator[Server]:
    """The app on its own database: PON allocated and published, the national demo not, and
    an organizer account, so that someone who has not signed in is a visitor."""
    require_chromium()
    workdir = tmp_path_factory.mktemp("visitor")
    url = f"sqlite:///{workdir / 'app.sqlite3'}"
    store = open_store(url)
    try:
        ensure_demo_events(store)
        events = {e.slug: e for e in store.list_events()}
        state = store.state(events[PON].id)
        store.apply_allocation(events[PON].id, allocate(state.booths, state.applicants)
                               .assignments, user="ani")
        store.set_directory(events[PON].id, published=True, base_url=None, user="ani")
        national = store.state(events[NATIONAL].id)
        store.apply_allocation(events[NATIONAL].id, allocate(national.booths,
                               national.applicants).assignments, user="ani")
        auth.add_user(store, "ani", "kain-ulos-2024", role="organizer", rounds=4)
    finally:
        store.engine.dispose()
    server = start_server(url, workdir)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def phone_browser(visitor_server, playwright_session):  # noqa: ARG001 - the server first
    browser = launch(playwright_session)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def phone_page(phone_browser):
    context = phone_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def _wait_idle(page) -> None:  # noqa: ANN001
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " && document.querySelector('[data-testid=\"stApp\"]')",
                           timeout=60_000)


def test_a_visitor_on_a_phone_finds_a_misspelled_product_and_its_booth(visitor_server,
                                                                         phone_page):
    page = phone_page
    store = open_store(visitor_server.database_url)
    before = _picture(store)
    page.goto(f"{visitor_server.url}/?lang=en")
    search = page.get_by_label("Search by product, region, category or name")
    search.wait_for(timeout=60_000)
    search.fill("kopy gyo")
    search.press("Enter")
    first = page.locator(".st-key-directory-result-0")
    page.wait_for_function("() => { const r = document.querySelector('.st-key-directory-result-0');"
                           " return r && /Kopi/.test(r.innerText); }", timeout=60_000)
    assert "Gayo" in first.inner_text()
    first.get_by_role("button", name="Open").click()
    entry = page.locator(".st-key-directory-entry")
    entry.wait_for(timeout=60_000)
    heading = entry.locator("h3").inner_text()
    booth = page.evaluate("new URLSearchParams(location.search).get('booth')")
    assert booth and booth in entry.inner_text()
    image = entry.locator("img").first
    image.wait_for(timeout=60_000)
    source = image.get_attribute("src")
    if source.startswith("data:image/svg+xml;base64,"):
        svg = base64.b64decode(source.split(",", 1)[1]).decode()
    else:
        svg = page.evaluate("(src) => fetch(src).then(r => r.text())", source)
    assert f'data-booth="{booth}" data-highlight="true"' in svg
    box = image.bounding_box()
    assert 0 < box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.screenshot(path=str(visitor_server.log.parent / "directory-phone.png"), full_page=True)

    page.reload()  # the deep link survives a reload: the same entry again
    page.locator(".st-key-directory-entry h3").wait_for(timeout=60_000)
    assert page.locator(".st-key-directory-entry h3").inner_text() == heading
    assert _picture(store) == before
    store.engine.dispose()


def test_a_visitor_reaches_no_organizer_page_and_no_unpublished_event(visitor_server,
                                                                       phone_page):
    page = phone_page
    store = open_store(visitor_server.database_url)
    before = _picture(store)
    for _file, url_path, *_ in PAGES:
        page.goto(f"{visitor_server.url}/{url_path}?lang=en&event={NATIONAL}")
        page.get_by_role("heading", name="Exhibitor directory").wait_for(timeout=60_000)
        _wait_idle(page)
        text = page.locator("[data-testid='stMain']").inner_text()
        assert "Kriya Nusantara" not in text, url_path  # unpublished: never shown
        assert page.locator(".js-plotly-plot").count() == 0, url_path
        assert page.locator("[data-testid='stFileUploader']").count() == 0, url_path
        assert page.locator("[data-testid='stSidebarNav']").count() == 0, url_path
    assert _picture(store) == before
    store.engine.dispose()
