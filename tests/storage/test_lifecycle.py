"""The applicant lifecycle in the store, on SQLite and PostgreSQL: status with history and undo,
curation before acceptance, holds that expire by an injected clock, offers, payment."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest

from booth_planner.core.model import Applicant, Assignment, Booth
from booth_planner.lifecycle.curation import Certificate
from booth_planner.lifecycle.payment import Payment
from booth_planner.lifecycle.waitlist import propose
from booth_planner.storage import (
    ApplicantConflictError,
    LifecycleStore,
    RuleError,
    StoreError,
    make_engine,
)
from booth_planner.storage.migrate import upgrade

USER = "ana"
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand: expiry is tested without sleeping."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def store(database_url, clock):
    engine = make_engine(database_url)
    upgrade(engine)
    yield LifecycleStore(engine, clock=clock)
    engine.dispose()


def _booths() -> list[Booth]:
    # A row of four adjacent booths in Hall A, priced; K-1 is zoned kuliner.
    return [Booth(f"A-{i}", "Hall A", 3.0 * (i - 1), 0.0, price_idr=2_500_000) for i in (1, 2, 3, 4)] \
        + [Booth("K-1", "Hall A", 0.0, 10.0, zone="kuliner", price_idr=1_000_000)]


@pytest.fixture
def event(store):
    info = store.create_event("Pameran Uji", start_date=date(2026, 10, 1),
                              end_date=date(2026, 10, 5))
    store.save_booths(info.id, _booths(), user=USER)
    store.save_applicants(info.id, [
        Applicant("P1", "Sanggar Ulos", "12.12", "tenun", status="diajukan",
                  whatsapp="6281234567890"),
        Applicant("P2", "Kopi Lintong", "12.16", "kuliner", status="diajukan"),
        Applicant("P3", "Tikar Nias", "12.04", "anyaman", booths_requested=2,
                  status="daftar_tunggu"),
        Applicant("P4", "Songket Batubara", "12.12", "tenun", priority=3,
                  status="daftar_tunggu"),
        Applicant("P5", "Lama", "12.71", "tenun", booths_requested=2),  # no status: accepted
    ], user=USER)
    return info


def test_an_applicant_without_a_status_is_accepted(store, event):
    life = store.lifecycle(event.id)
    assert life.statuses["P5"] == "diterima"
    assert life.statuses["P1"] == "diajukan"
    assert store.state(event.id).applicant_by_id()["P5"].status is None


def test_status_moves_only_along_allowed_transitions(store, event):
    with pytest.raises(RuleError, match="diajukan to diterima"):
        store.change_status(event.id, ["P1"], "diterima", user=USER)
    store.change_status(event.id, ["P1"], "diverifikasi", user=USER)
    store.change_status(event.id, ["P1"], "diterima", user=USER)
    assert store.lifecycle(event.id).statuses["P1"] == "diterima"
    latest = store.history(event.id, limit=1)[0]
    assert latest.action == "status.diterima" and latest.undoable
    assert latest.details["applicants"]["P1"]["before"]["status"] == "diverifikasi"


def test_a_bulk_change_is_all_or_nothing(store, event):
    with pytest.raises(RuleError, match="P3"):  # P3 is waitlisted: cannot be verified
        store.change_status(event.id, ["P1", "P3"], "diverifikasi", user=USER)
    assert store.lifecycle(event.id).statuses["P1"] == "diajukan"


def test_declining_needs_a_reason(store, event):
    with pytest.raises(RuleError, match="reason"):
        store.change_status(event.id, ["P1"], "ditolak", user=USER)
    store.change_status(event.id, ["P1"], "ditolak", user=USER, reason="produk impor")
    assert store.lifecycle(event.id).reasons["P1"] == "produk impor"
    with pytest.raises(RuleError, match="ditolak"):
        store.assign(event.id, "A-1", "P1", user=USER)


def test_a_kuliner_applicant_without_p_irt_cannot_be_accepted(store, event):
    store.change_status(event.id, ["P2"], "diverifikasi", user=USER)
    with pytest.raises(RuleError, match="P-IRT or BPOM"):
        store.change_status(event.id, ["P2"], "diterima", user=USER)
    # Expired before the event's last day: still missing.
    store.save_certificate(event.id, "P2", Certificate("pirt", "P-IRT 123", date(2026, 10, 3)),
                           user=USER)
    with pytest.raises(RuleError, match="missing"):
        store.change_status(event.id, ["P2"], "diterima", user=USER)
    store.save_certificate(event.id, "P2", Certificate("BPOM", "MD 1", date(2027, 1, 1)),
                           user=USER)
    store.change_status(event.id, ["P2"], "diterima", user=USER)
    life = store.lifecycle(event.id)
    assert life.statuses["P2"] == "diterima"
    assert {c.kind for c in life.certificates["P2"]} == {"P-IRT", "BPOM"}


def test_rules_are_configurable_per_event(store, event):
    store.set_certificate_rules(event.id, {"tenun": [["NIB"]]}, user=USER)
    store.change_status(event.id, ["P1"], "diverifikasi", user=USER)
    with pytest.raises(RuleError, match="NIB"):
        store.change_status(event.id, ["P1"], "diterima", user=USER)
    store.change_status(event.id, ["P2"], "diverifikasi", user=USER)
    store.change_status(event.id, ["P2"], "diterima", user=USER)  # kuliner needs nothing now


def test_withdrawal_frees_booths_in_the_same_change_and_undo_puts_all_back(store, event):
    store.assign(event.id, "A-1", "P5", user=USER)
    store.hold(event.id, ["A-2"], "P5", START + timedelta(days=2), user=USER)
    change = store.change_status(event.id, ["P5"], "mundur", user=USER)
    assert sorted(change.details["booths"]) == ["A-1", "A-2"]
    assert store.state(event.id).assignments == ()
    assert store.lifecycle(event.id).holds == ()
    store.undo(event.id, user=USER)
    state = store.state(event.id)
    assert {a.booth_id for a in state.assignments} == {"A-1", "A-2"}
    assert store.lifecycle(event.id).statuses["P5"] == "diterima"


def test_two_organizers_change_the_same_status_one_wins_the_other_is_told_who(store, event):
    seen = store.applicant_versions(event.id)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def organizer(name: str, status: str, reason: str | None) -> None:
        barrier.wait()
        try:
            store.change_status(event.id, ["P1"], status, user=name, reason=reason,
                                expected_versions={"P1": seen["P1"]})
            outcomes[name] = "won"
        except ApplicantConflictError as error:
            outcomes[name] = error

    threads = [threading.Thread(target=organizer, args=("ana", "diverifikasi", None)),
               threading.Thread(target=organizer, args=("budi", "ditolak", "tidak lengkap"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, outcome in outcomes.items() if outcome == "won"]
    assert len(winners) == 1
    loser = next(name for name in outcomes if name not in winners)
    assert outcomes[loser].changed_by == winners[0]
    assert winners[0] in str(outcomes[loser])
    status_changes = [c for c in store.history(event.id) if c.action.startswith("status.")]
    assert len(status_changes) == 1


def test_an_expired_hold_is_released_by_the_next_read_and_recorded(store, event, clock):
    store.hold(event.id, ["A-1"], "P5", START + timedelta(hours=48), user=USER)
    assert store.state(event.id).assignment_by_booth()["A-1"].applicant_id == "P5"
    clock.now = START + timedelta(hours=47, minutes=59)
    assert "A-1" in store.state(event.id).assignment_by_booth()
    clock.now = START + timedelta(hours=48)
    assert "A-1" not in store.state(event.id).assignment_by_booth()
    entry = store.history(event.id, limit=1)[0]
    assert entry.action == "hold.expired" and entry.user == "expiry"
    assert "released by expiry" in entry.summary and not entry.undoable
    assert store.release_expired(event.id) is None  # released once


def test_a_hold_with_a_past_deadline_goes_at_the_next_read(store, event):
    store.hold(event.id, ["A-1"], "P5", START - timedelta(minutes=1), user=USER)
    version_after = store.event_version(event.id)  # reading released it
    assert store.history(event.id, limit=1)[0].action == "hold.expired"
    assert version_after[0] == store.history(event.id, limit=1)[0].id


def test_a_hold_looks_taken_to_everyone(store, event):
    store.hold(event.id, ["A-1"], "P5", START + timedelta(days=1), user=USER)
    with pytest.raises(StoreError):
        store.assign(event.id, "A-1", "P4", user=USER)


def test_a_confirmed_hold_keeps_its_booth_after_the_deadline(store, event, clock):
    store.hold(event.id, ["A-1"], "P5", START + timedelta(hours=1), user=USER)
    store.confirm_holds(event.id, ["A-1"], user=USER)
    clock.now = START + timedelta(days=3)
    assert store.state(event.id).assignment_by_booth()["A-1"].applicant_id == "P5"


def test_the_waitlist_offer_cycle(store, event, clock):
    # P4 (12.12, priority 3) and P3 (12.04, two booths) wait; P5 (12.71) holds A-1.
    store.assign(event.id, "A-1", "P5", user=USER)
    store.change_status(event.id, ["P1"], "diverifikasi", user=USER)
    store.change_status(event.id, ["P1"], "diterima", user=USER)
    store.assign(event.id, "A-4", "P1", user=USER)  # 12.12 is represented now
    life = store.lifecycle(event.id)
    proposals = propose(store.state(event.id), life.status_at, refused=life.refused)
    # 12.04 is not represented: P3 first despite P4's priority, on an adjacent pair.
    assert proposals[0].applicant_id == "P3"
    assert proposals[0].booth_ids == ("A-2", "A-3")
    store.offer(event.id, list(proposals[0].booth_ids), "P3", START + timedelta(hours=48),
                user=USER)
    store.decline_offer(event.id, "P3", user=USER)
    life = store.lifecycle(event.id)
    assert ("P3", "A-2") in life.refused
    next_up = propose(store.state(event.id), life.status_at, refused=life.refused)
    assert next_up[0].applicant_id == "P4"
    store.offer(event.id, list(next_up[0].booth_ids), "P4", START + timedelta(hours=48),
                user=USER)
    store.accept_offer(event.id, "P4", user=USER)
    clock.now = START + timedelta(days=5)  # an accepted offer no longer expires
    assert store.lifecycle(event.id).statuses["P4"] == "diterima"
    assert store.state(event.id).assignment_by_booth()[next_up[0].booth_ids[0]].applicant_id \
        == "P4"


def test_an_offer_goes_to_waitlisted_applicants_only(store, event):
    with pytest.raises(RuleError, match="waitlisted"):
        store.offer(event.id, ["A-1"], "P5", START + timedelta(days=1), user=USER)


def test_allocation_waitlists_the_unplaced_with_their_reason_and_undo_restores(store, event):
    change = store.apply_allocation(event.id, [Assignment("A-1", "P5", source="auto")],
                                    user=USER, waitlist={"P1": "no booth left"})
    assert change.details["applicants"]["P1"]["after"]["status"] == "daftar_tunggu"
    life = store.lifecycle(event.id)
    assert (life.statuses["P1"], life.reasons["P1"]) == ("daftar_tunggu", "no booth left")
    store.undo(event.id, user=USER)
    assert store.lifecycle(event.id).statuses["P1"] == "diajukan"
    assert store.state(event.id).assignments == ()


def test_payment_is_recorded_checked_and_undoable(store, event):
    with pytest.raises(StoreError, match="sponsor"):
        store.set_payment(event.id, ["P5"], Payment("gratis"), user=USER)
    store.set_payment(event.id, ["P5"], Payment("lunas", date(2026, 9, 2), 2_500_000),
                      user=USER)
    store.set_payment(event.id, ["P1"], Payment("gratis", sponsor="APBD Kota Medan"),
                      user=USER)
    life = store.lifecycle(event.id)
    assert life.payments["P5"] == Payment("lunas", date(2026, 9, 2), 2_500_000, None)
    assert life.payments["P1"].sponsor == "APBD Kota Medan"
    store.undo(event.id, user=USER)
    assert store.lifecycle(event.id).payments["P1"].status == "belum_bayar"


def test_import_with_a_status_keeps_or_sets_it(store, event):
    store.save_applicants(event.id, [Applicant("P1", "Sanggar Ulos", "12.12", "tenun")],
                          user=USER)
    assert store.lifecycle(event.id).statuses["P1"] == "diajukan"  # no status given: kept
    store.assign(event.id, "A-1", "P5", user=USER)
    store.save_applicants(event.id, [Applicant("P5", "Lama", "12.71", "tenun", booths_requested=2,
                                               status="mundur")], user=USER)
    assert store.lifecycle(event.id).statuses["P5"] == "mundur"
    assert store.state(event.id).assignments == ()
