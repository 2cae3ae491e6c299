"""What an organizer trusts in the browser: a reload, a copied link and a page switch keep the
event and language; a confirmation stays on screen while the page refreshes itself."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from booth_planner.demo.events import NATIONAL_EVENT_NAME
from booth_planner.storage import open_store
from tests.e2e.browser import (
    click_booth,
    open_floor_plan,
    wait_group,
    wait_run_done,
    wait_selected,
)

NATIONAL = "kriya-nusantara-nasional"
PON = "pon-xxi-2024"
NEW_EVENT = "HUT Dekranas ke-45, Medan"
TIMEOUT = 60_000


def query(url: str) -> dict[str, str]:
    """The address's query as one value per name."""
    return {k: v[-1] for k, v in parse_qs(urlparse(url).query).items()}


def newest_event(server) -> str:
    """A new event (the newest), created once; its slug."""
    store = open_store(server.database_url)
    try:
        found = next((e for e in store.list_events() if e.name == NEW_EVENT), None)
        return (found or store.create_event(NEW_EVENT, user="e2e")).slug
    finally:
        store.engine.dispose()


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar selectbox labelled ``label``."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text=label)
    box.click()
    page.get_by_role("option", name=option).click()


def test_reload_new_tab_and_page_switch_keep_the_event_and_language(app_server, chromium):
    slug = newest_event(app_server)
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        page.goto(app_server.url)
        # Nothing chosen: the newest event, never the oldest demo; and the address says so.
        page.get_by_role("heading", name=NEW_EVENT).wait_for(timeout=TIMEOUT)
        page.wait_for_function(f"() => location.search.includes('event={slug}')",
                               timeout=TIMEOUT)
        choose(page, "Bahasa", "English")
        page.get_by_role("link", name="Floor plan").wait_for(timeout=TIMEOUT)
        choose(page, "Event", NATIONAL_EVENT_NAME)
        page.get_by_role("heading", name=NATIONAL_EVENT_NAME).wait_for(timeout=TIMEOUT)
        page.wait_for_function(f"() => location.search.includes('event={NATIONAL}')",
                               timeout=TIMEOUT)
        assert query(page.url) == {"event": NATIONAL, "lang": "en"}

        page.reload()
        page.get_by_role("heading", name=NATIONAL_EVENT_NAME).wait_for(timeout=TIMEOUT)
        page.get_by_role("link", name="Floor plan").wait_for(timeout=TIMEOUT)
        # On a loaded machine the reload's run can still be going; a switch starts after it.
        wait_run_done(page, TIMEOUT)

        page.get_by_role("link", name="Floor plan").click()
        page.get_by_role("heading", name="Floor plan").wait_for(timeout=TIMEOUT)
        page.wait_for_function("() => location.pathname.endsWith('/denah') && "
                               f"location.search.includes('event={NATIONAL}')", timeout=TIMEOUT)
        assert query(page.url) == {"event": NATIONAL, "lang": "en"}
        link = page.url
    finally:
        context.close()

    other = chromium.new_context(viewport={"width": 1440, "height": 1000})  # a colleague's tab
    try:
        tab = other.new_page()
        tab.goto(link)
        tab.get_by_role("heading", name="Floor plan").wait_for(timeout=TIMEOUT)
        tab.get_by_text(NATIONAL_EVENT_NAME).first.wait_for(timeout=TIMEOUT)
        assert query(tab.url) == {"event": NATIONAL, "lang": "en"}
    finally:
        other.close()


def test_a_confirmation_stays_while_another_organizer_changes_the_plan(app_server,
                                                                       browser_page):
    page = browser_page
    open_floor_plan(page, app_server.url, lang="en", event_slug=PON)
    booth, elsewhere = "AE-11", "AE-12"
    click_booth(page, booth)
    wait_selected(page, booth)
    page.get_by_role("button", name="Assign to this booth").click()
    wait_group(page, booth, free=False)
    message = page.get_by_text(f"Booth {booth} → ")
    message.wait_for()
    # Another organizer changes a booth: the page's periodic check reruns the whole page.
    store = open_store(app_server.database_url)
    try:
        event = next(e for e in store.list_events() if e.slug == PON)
        applicant = next(a.applicant_id for a in store.state(event.id).applicants
                         if a.applicant_id != "none")
        store.assign(event.id, elsewhere, applicant, user="budi")
    finally:
        store.engine.dispose()
    wait_group(page, elsewhere, free=False, timeout_ms=TIMEOUT)  # the rerun has happened
    assert message.is_visible()
