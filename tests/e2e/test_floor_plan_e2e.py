"""The floor plan in a real browser: click a free booth, assign, see it change colour, undo."""

from __future__ import annotations

from booth_planner.storage import open_store
from tests.e2e.browser import (
    booth_group,
    booth_pixel,
    click_booth,
    open_floor_plan,
    wait_group,
    wait_selected,
)

PON = "pon-xxi-2024"
WHITE = (255, 255, 255)


def holder(server, booth_id: str) -> str | None:
    """Who holds the booth in the server's database."""
    store = open_store(server.database_url)
    try:
        event = next(e for e in store.list_events() if e.slug == PON)
        assignment = store.state(event.id).assignment_by_booth().get(booth_id)
        return assignment.applicant_id if assignment else None
    finally:
        store.engine.dispose()


def test_click_assign_see_the_colour_change_and_undo(app_server, browser_page):
    page = browser_page
    open_floor_plan(page, app_server.url, lang="en", event_slug=PON)
    booth = "AC-03"
    assert booth_group(page, booth) == "g:free"
    assert booth_pixel(page, booth) == WHITE

    click_booth(page, booth)
    wait_selected(page, booth)
    page.get_by_role("heading", name=f"Booth {booth}").wait_for()

    page.get_by_role("button", name="Assign to this booth").click()
    wait_group(page, booth, free=False)
    assert booth_group(page, booth).startswith("g:p:")  # coloured by the exhibitor's province
    assert booth_pixel(page, booth) != WHITE
    assert holder(app_server, booth) is not None
    page.get_by_text(f"Booth {booth} → ").wait_for()

    page.get_by_role("button", name="Undo my last change").click()
    wait_group(page, booth, free=True)
    assert booth_pixel(page, booth) == WHITE
    assert holder(app_server, booth) is None
