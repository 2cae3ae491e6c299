"""The waitlist: unrepresented region first, then priority, then waiting time; zone, adjacency."""

from datetime import UTC, datetime

from booth_planner.core.model import Applicant, Assignment, Booth, EventInfo, EventState
from booth_planner.lifecycle.waitlist import propose

EARLY, LATE = datetime(2026, 8, 1, tzinfo=UTC), datetime(2026, 8, 20, tzinfo=UTC)


def _state(applicants, assignments=(), booths=None) -> EventState:
    booths = booths or tuple(Booth(f"A-{i}", "H", 3.0 * i, 0.0) for i in range(1, 4))
    return EventState(EventInfo(1, "e", "E"), tuple(booths), tuple(applicants),
                      tuple(assignments))


def _waiting(code, region, **kw) -> Applicant:
    return Applicant(code, code, region, kw.pop("category", "tenun"), status="daftar_tunggu",
                     **kw)


def test_an_unrepresented_region_comes_before_priority():
    state = _state([Applicant("X", "X", "12.12", "tenun"), _waiting("HI", "12.12", priority=5),
                    _waiting("NEW", "12.04")], [Assignment("A-1", "X")])
    assert [p.applicant_id for p in propose(state)] == ["NEW", "HI"]
    assert propose(state)[0].unrepresented


def test_priority_then_waiting_time():
    state = _state([_waiting("LOW", "12.01"), _waiting("HI", "12.02", priority=2),
                    _waiting("LATE", "12.03", priority=2)])
    order = [p.applicant_id for p in propose(state, {"HI": EARLY, "LATE": LATE})]
    assert order == ["HI", "LATE", "LOW"]


def test_a_region_brought_in_by_one_proposal_waits_behind_the_others():
    state = _state([_waiting("A1", "12.01", priority=3), _waiting("A2", "12.01", priority=2),
                    _waiting("B1", "12.02")])
    assert [p.applicant_id for p in propose(state)] == ["A1", "B1", "A2"]


def test_zones_are_respected():
    booths = (Booth("K-1", "H", 0, 0, zone="kuliner"), Booth("A-1", "H", 10, 0))
    state = _state([_waiting("T", "12.01"), _waiting("K", "12.02", category="Kuliner")],
                   booths=booths)
    assert {p.applicant_id: p.booth_ids for p in propose(state)} == \
        {"T": ("A-1",), "K": ("K-1",)}


def test_a_freed_adjacent_pair_serves_a_two_booth_request():
    booths = (Booth("A-1", "H", 0, 0), Booth("A-2", "H", 3, 0), Booth("A-9", "H", 20, 0))
    state = _state([_waiting("PAIR", "12.01", booths_requested=2)], booths=booths)
    assert propose(state)[0].booth_ids == ("A-1", "A-2")
    apart = _state([_waiting("PAIR", "12.01", booths_requested=2)],
                   booths=(Booth("A-1", "H", 0, 0), Booth("A-9", "H", 20, 0)))
    assert propose(apart) == []


def test_refused_offers_and_taken_booths_are_skipped():
    state = _state([Applicant("X", "X", "12.12", "tenun"), _waiting("W", "12.04")],
                   [Assignment("A-1", "X")])
    assert propose(state, refused={("W", "A-2")})[0].booth_ids == ("A-3",)
    assert propose(state, booth_ids=["A-1"]) == []
