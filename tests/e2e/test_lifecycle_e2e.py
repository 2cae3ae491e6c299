"""The applicant lifecycle in a real browser, on a copy of the PON demo made for this test:
submit → verify (a kuliner applicant without P-IRT cannot be accepted) → accept → allocate →
hold with a deadline in the past → the next read releases it → the waitlist proposes an
applicant from an unrepresented region → offer → accept."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from booth_planner.core.local_time import typed_time
from booth_planner.core.model import Applicant
from booth_planner.demo.events import pon_applicants, pon_booths
from booth_planner.storage import open_store

TIMEOUT = 90_000
NEWCOMER = Applicant("W-PADANG", "Songket Pandai Sikek", "13.71", "tenun", "Songket",
                     priority=9, whatsapp="0812-7000-1234", status="daftar_tunggu")


@pytest.fixture
def pon_copy(app_server):
    """A copy of the PON demo for this test only, removed afterwards (later tests expect the
    newest event to be one of the shared expo demos, as they were).

    One kuliner and one tenun applicant are submitted again, and a waitlisted exhibitor from
    Kota Padang (a region no one else comes from) waits for a free booth.
    """
    store = open_store(app_server.database_url)
    # A name of its own: the sidebar's event picker tells events apart by their names.
    event = store.create_event("Seleksi PON XXI (uji)", city="Medan", user="setup")
    try:
        applicants = pon_applicants()
        kuliner = next(a for a in applicants if a.category == "kuliner")
        tenun = next(a for a in applicants if a.category == "tenun")
        submitted = {kuliner.applicant_id, tenun.applicant_id}
        store.save_booths(event.id, pon_booths(), user="setup")
        store.save_applicants(event.id, [
            replace(a, status="diajukan") if a.applicant_id in submitted else a
            for a in applicants] + [NEWCOMER], user="setup")
        yield event, kuliner.applicant_id, tenun.applicant_id
    finally:
        store.delete_event(event.id)
        store.engine.dispose()


def _store_view(server, event_id):
    store = open_store(server.database_url)
    try:
        return store.state(event_id), store.lifecycle(event_id), store.history(event_id, 20)
    finally:
        store.engine.dispose()


def choose(page, label: str, values: list[str]) -> None:
    """Pick ``values`` (typed, then Enter) in the multiselect labelled ``label``."""
    box = page.locator('[data-testid="stMultiSelect"]:visible').filter(
        has=page.get_by_text(label, exact=True)).first
    for value in values:
        if box.get_by_text(f"{value} ·").count():  # still chosen from before
            continue
        box.locator("input").fill(value)
        page.get_by_role("option").filter(has_text=f"{value} ·").first.click()
        settle(page)
    page.keyboard.press("Escape")
    settle(page)


def settle(page) -> None:
    """Wait until the app has finished its rerun (its status widget is gone)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT)


def wait_text(page, text: str) -> None:
    """Wait for ``text`` on the page."""
    try:
        page.get_by_text(text).first.wait_for(timeout=TIMEOUT)
    except Exception:
        page.screenshot(path="/tmp/lifecycle_e2e_failure.png", full_page=True)
        raise


def pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the selectbox labelled ``label`` (in the visible tab)."""
    box = page.locator('[data-testid="stSelectbox"]:visible').filter(
        has=page.get_by_text(label, exact=True)).first
    box.locator("input").click()
    box.locator("input").fill(option.strip(" ·"))
    page.get_by_role("option").filter(has_text=option).first.click()
    settle(page)


def change_status(page, applicants: list[str], status: str) -> None:
    choose(page, "Chosen applicants", applicants)
    pick(page, "New status", status)
    page.get_by_role("button", name=f"Change status ({len(applicants)} applicant").click()
    settle(page)


def open_lifecycle(page, server, slug: str) -> None:
    """The lifecycle page on the event ``slug``."""
    page.goto(f"{server.url}/seleksi?lang=en&event={slug}")
    page.get_by_role("heading", name="Applicant selection").first.wait_for(timeout=TIMEOUT)


def test_the_lifecycle_on_the_pon_demo(app_server, pon_copy, browser_page):
    event, kuliner, tenun = pon_copy
    page = browser_page
    open_lifecycle(page, app_server, event.slug)

    # submit → verify, both at once
    change_status(page, [kuliner, tenun], "Verified")
    wait_text(page, "Status changed to Verified: 2 applicants.")
    # the kuliner applicant has no P-IRT: the bulk acceptance is refused, saying what is missing
    change_status(page, [kuliner, tenun], "Accepted")
    page.get_by_text("P-IRT or BPOM").first.wait_for(timeout=TIMEOUT)
    _, life, _ = _store_view(app_server, event.id)
    assert (life.statuses[kuliner], life.statuses[tenun]) == ("diverifikasi", "diverifikasi")
    page.reload()
    page.get_by_role("heading", name="Applicant selection").first.wait_for(timeout=TIMEOUT)
    change_status(page, [tenun], "Accepted")
    wait_text(page, "Status changed to Accepted: 1 applicant.")

    # allocate: the accepted applicants only
    page.goto(f"{app_server.url}/alokasi?lang=en&event={event.slug}")
    page.get_by_role("button", name="Run allocation").click(timeout=TIMEOUT)
    page.get_by_role("button", name="Apply", exact=True).click(timeout=TIMEOUT * 2)
    page.get_by_text("Allocation applied").wait_for(timeout=TIMEOUT)
    state, life, _ = _store_view(app_server, event.id)
    held = sorted(a.booth_id for a in state.assignments if a.applicant_id == tenun)
    assert held, "the accepted tenun applicant got a booth"
    assert kuliner not in {a.applicant_id for a in state.assignments}  # only verified
    assert life.statuses[NEWCOMER.applicant_id] == "daftar_tunggu"

    # hold the tenun applicant's booth with a deadline already past: the next read releases it
    open_lifecycle(page, app_server, event.slug)
    page.get_by_role("tab", name="Holds").click()
    pick(page, "Applicant", f"{tenun} ·")
    deadline = page.locator('[data-testid="stTextInput"]:visible').filter(
        has=page.get_by_text("Deadline (WIB", exact=False)).locator("input")
    deadline.fill(typed_time(datetime.now(UTC) - timedelta(hours=1)))  # typed in WIB
    deadline.press("Enter")
    settle(page)
    wait_text(page, "This deadline has passed")
    page.get_by_role("button", name="Hold booths").click()
    page.get_by_text(f"Booths {', '.join(held)} held.").wait_for(timeout=TIMEOUT)
    state, _, history = _store_view(app_server, event.id)
    assert not {a.booth_id for a in state.assignments} & set(held)
    expiry = next(c for c in history if c.action == "hold.expired")
    assert expiry.user == "expiry" and "released by expiry" in expiry.summary

    # the waitlist proposes the exhibitor from the unrepresented region; offer, then accept
    page.get_by_role("tab", name="Waitlist").click()
    proposal = page.locator('[data-testid="stSelectbox"]:visible').filter(
        has=page.get_by_text("Proposal", exact=True)).first
    proposal.wait_for(timeout=TIMEOUT)
    # the first proposal, chosen by default, is the exhibitor from Kota Padang: the offer the
    # page makes goes to it
    page.get_by_role("button", name="Make the offer").click()
    page.get_by_text(f"Booths offered to {NEWCOMER.applicant_id}.").wait_for(timeout=TIMEOUT)
    page.get_by_role("tab", name="Waitlist").click()
    page.get_by_role("button", name="Offer accepted").click()
    page.get_by_text(f"{NEWCOMER.applicant_id} took the offer").wait_for(timeout=TIMEOUT)
    state, life, history = _store_view(app_server, event.id)
    assert life.statuses[NEWCOMER.applicant_id] == "diterima"
    assert NEWCOMER.applicant_id in {a.applicant_id for a in state.assignments}
    assert {"offer.accept", "hold.create", "offer.create"} & {c.action for c in history}
