"""The gallery roster in a real browser: swap two members of one period, see it, undo."""

from __future__ import annotations

import os

import pytest

from booth_planner.demo.gallery import create_gallery_demo
from booth_planner.storage import open_store

GALLERY_NAME = "Galeri Dekranasda Kota Bekasi — Sentra UMKM"
PERIOD = "2027-04"
TIMEOUT = 60_000


def gallery_state(server):
    """The demo gallery's state in the server's database."""
    from booth_planner.storage.gallery import GalleryStore

    store = open_store(server.database_url)
    try:
        event = next(e for e in store.list_events() if e.name == GALLERY_NAME)
        return event, GalleryStore(store).state(event.id)
    finally:
        store.engine.dispose()


@pytest.fixture
def gallery_demo(app_server):
    """The demo gallery in the server's database for this test only (the shared database starts
    with the expo demos, and later tests expect the newest event to be one of them)."""
    store = open_store(app_server.database_url)
    try:
        event = create_gallery_demo(store)
        yield event
        store.delete_event(event.id)
    finally:
        store.engine.dispose()


def pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the Streamlit selectbox labelled ``label``."""
    # The exact label: "Period" is also part of "Period length" in the periods form. Only a
    # visible box: while the page is still arriving, a hidden copy of the form can come first.
    box = page.locator('[data-testid="stSelectbox"]:visible').filter(
        has=page.get_by_text(label, exact=True)).first
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_swap_two_members_in_the_roster_and_undo(app_server, gallery_demo, browser_page):
    page = browser_page
    page.goto(f"{app_server.url}/galeri?lang=en&event={gallery_demo.slug}")
    page.get_by_role("heading", name="Gallery: members' turns").wait_for(timeout=TIMEOUT)
    event, state = gallery_state(app_server)
    booths = state.event.booth_by_id()
    turns = [t for t in state.turns if t.period_id == PERIOD and not t.locked
             and booths[t.booth_ids[0]].zone is None]
    first, second = turns[0], turns[1]
    a, b = first.booth_ids[0], second.booth_ids[0]
    page.goto(f"{app_server.url}/galeri?lang=en&event={event.slug}")
    page.get_by_role("heading", name="Gallery: members' turns").wait_for(timeout=TIMEOUT)
    pick(page, "Period", PERIOD)
    pick(page, "First space", a)
    pick(page, "Second space", b)
    page.get_by_role("button", name="Swap / move").click()
    page.get_by_text(f"Period {PERIOD}: {a} now holds {second.applicant_id}, {b} now holds "
                     f"{first.applicant_id}.").wait_for(timeout=TIMEOUT)
    if shots := os.environ.get("BOOTH_PLANNER_SCREENSHOTS"):
        page.screenshot(path=f"{shots}/gallery_swap.png", full_page=False)
    holder = gallery_state(app_server)[1].holder()
    assert holder[(PERIOD, a)].applicant_id == second.applicant_id
    assert holder[(PERIOD, b)].applicant_id == first.applicant_id

    page.get_by_role("button", name="Undo the last roster change").click()
    page.get_by_text("The last roster change was undone.").wait_for(timeout=TIMEOUT)
    holder = gallery_state(app_server)[1].holder()
    assert holder[(PERIOD, a)].applicant_id == first.applicant_id


def test_the_coverage_page_of_a_kota_gallery_counts_its_kecamatan(app_server, gallery_demo,
                                                                  browser_page):
    page = browser_page
    page.goto(f"{app_server.url}/cakupan?lang=en&event={gallery_demo.slug}")
    page.get_by_text("Kecamatan shown at least once").wait_for(timeout=TIMEOUT)
    page.get_by_text("Periods on show per kecamatan").wait_for(timeout=TIMEOUT)
    assert page.get_by_text("12 / 12").count() == 2  # all 12 kecamatan have members and turns
    assert page.get_by_text("Kabupaten/kota represented").count() == 0  # not the expo's view


def edit_cell(page, grid, row: int, x: float, text: str) -> None:
    """Type ``text`` into the data editor's cell at ``row`` (0 = first data row), ``x`` px in."""
    box = grid.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + 35 * (row + 1.5))  # rows and header: 35 px
    page.wait_for_timeout(500)  # the grid takes a moment to select the cell
    page.keyboard.type(text, delay=30)  # typing on a selected cell replaces its value
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")


def test_periods_edited_as_a_table_are_checked_then_saved_with_their_plan(
        app_server, gallery_demo, browser_page):
    page = browser_page
    page.goto(f"{app_server.url}/galeri?lang=en&event={gallery_demo.slug}")
    page.get_by_text("Gallery periods").first.click()
    save = page.get_by_role("button", name="Save periods and plan")
    save.wait_for(timeout=TIMEOUT)
    grid = page.locator('[data-testid="stExpander"] [data-testid="stDataFrame"]').first
    grid.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    edit_cell(page, grid, 1, 100, "2027-01")  # the second period takes the first one's id
    page.wait_for_timeout(1000)
    save.click()
    page.get_by_text("The periods were not saved; nothing changed:").wait_for(timeout=TIMEOUT)
    page.get_by_text("'2027-01' is already used in row 1").wait_for(timeout=TIMEOUT)
    assert [p.period_id for p in gallery_state(app_server)[1].periods][:2] == ["2027-01",
                                                                                "2027-02"]
    page.reload()  # after a reload the table shows what is stored: the refused edit is gone
    page.get_by_text("Gallery periods").first.click()
    grid.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    edit_cell(page, grid, 1, 100, "Februari 2027")
    page.wait_for_timeout(1000)
    save.click()
    page.get_by_text("12 periods saved (2027-01 to 2027-12) and turns planned.").wait_for(
        timeout=TIMEOUT)
    state = gallery_state(app_server)[1]
    assert [p.period_id for p in state.periods][:3] == ["2027-01", "Februari 2027", "2027-03"]
    assert {t.period_id for t in state.turns} == {p.period_id for p in state.periods}
