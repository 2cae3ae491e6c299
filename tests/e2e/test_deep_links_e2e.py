"""Every page opened by its own address on a freshly started server: no "Page not found"."""

from __future__ import annotations

import pytest

from app_support import PAGES
from booth_planner.coverage import coverage_summary
from booth_planner.storage import open_store
from booth_planner.storage.gallery import GalleryStore
from tests.e2e.browser import start_server, stop_server

SETTLED_JS = """() => { const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning' &&
    document.querySelector('[data-testid="stMain"] h1, [data-testid="stMain"] h2') !== null; }"""
NOT_FOUND = "Page not found"


@pytest.fixture
def fresh_server(tmp_path, chromium):
    """A server nobody has visited yet (its first run is this test's first deep link)."""
    server = start_server(f"sqlite:///{tmp_path / 'app.sqlite3'}", tmp_path)
    try:
        yield server
    finally:
        stop_server(server)


def _visit(context, url: str) -> tuple[str, bool]:
    """Open ``url`` in a new tab; the page's address once settled and whether Streamlit said
    "Page not found"."""
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_function(SETTLED_JS, timeout=90_000)
        page.wait_for_timeout(500)  # a late dialog would arrive with the run's last messages
        said_not_found = page.get_by_text(NOT_FOUND).count() > 0
        return page.url, said_not_found
    finally:
        page.close()


def test_every_page_opens_by_its_deep_link_first_on_a_fresh_server(fresh_server, chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    try:
        seen = {}
        for _, url_path, *_ in reversed(PAGES):  # the home page last: not a warm-up for others
            seen[url_path] = _visit(context, f"{fresh_server.url}/{url_path}?lang=en")
        seen["/"] = _visit(context, f"{fresh_server.url}/?lang=en")
    finally:
        context.close()
    dialogs = [path for path, (_, not_found) in seen.items() if not_found]
    assert not dialogs, f"'Page not found' on {dialogs}"
    wrong = {path: url for path, (url, _) in seen.items()
             if path != "/" and f"/{path}" not in url}
    assert not wrong, f"pages left their own address: {wrong}"
    assert "/ringkasan" in seen["/"][0], "the app root should move on to the home page"
    store = open_store(fresh_server.database_url)  # the first start made the demos, laid out
    galleries = GalleryStore(store)
    try:
        for event in store.list_events():
            if galleries.is_gallery(event.id):  # a gallery is planned as a roster of turns
                assert galleries.state(event.id).turns, event.slug
            else:
                assert coverage_summary(store.state(event.id)).booths_free == 0, event.slug
    finally:
        store.engine.dispose()


def test_no_deploy_button_in_the_toolbar(app_server, browser_page):
    browser_page.goto(f"{app_server.url}/ringkasan?lang=en")
    browser_page.wait_for_function(SETTLED_JS, timeout=90_000)
    assert browser_page.locator('[data-testid="stAppDeployButton"]').count() == 0
    assert browser_page.get_by_text("Deploy", exact=True).count() == 0
