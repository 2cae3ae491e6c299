"""Planner pieces: connected groups, periods, reasons, permanent tenants, bounds on a real size."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from booth_planner.core.geometry import adjacency, is_connected
from booth_planner.core.model import Applicant, Booth
from booth_planner.rotation import Member, RotationInputError, generate_periods, plan_rotation
from booth_planner.rotation.periods import parse_date, read_periods
from booth_planner.rotation.planner import connected_sets
from booth_planner.rotation.sample import sample_gallery


def grid(columns: int, rows: int) -> list[Booth]:
    return [Booth(f"B{r}{c}", "L1", x=3.0 * c, y=3.0 * r) for r in range(rows)
            for c in range(columns)]


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_connected_sets_are_exactly_the_connected_subsets(size):
    booths = grid(3, 3)
    neighbours = adjacency(booths)
    ids = [b.booth_id for b in booths]
    expected = sorted(tuple(sorted(c)) for c in itertools.combinations(ids, size)
                      if is_connected(list(c), neighbours))
    assert connected_sets(ids, size, neighbours) == expected
    holding = connected_sets(ids, size, neighbours, must=("B11",))
    assert holding == [g for g in expected if "B11" in g]


@pytest.mark.parametrize("length,first_end,last_id", [
    ("1w", date(2027, 1, 7), "2027-01-22"), ("2w", date(2027, 1, 14), "2027-02-12"),
    ("1m", date(2027, 1, 31), "2027-04"), ("4m", date(2027, 4, 30), "2028-01"),
    ("6m", date(2027, 6, 30), "2028-07")])
def test_generated_periods_follow_each_other(length, first_end, last_id):
    periods = generate_periods(date(2027, 1, 1), length, 4)
    assert periods[0].end == first_end and periods[-1].period_id == last_id
    for before, after in itertools.pairwise(periods):
        assert (after.start - before.end).days == 1


def test_dates_and_period_files():
    assert parse_date("2027-02-28") == date(2027, 2, 28) == parse_date("28/02/2027")
    assert parse_date("2027-02-30") is None and parse_date("kemarin") is None
    result = read_periods(b"kode_periode,mulai,selesai\nP2,2027-02-01,2027-02-28\n"
                          b"P1,2027-01-01,2027-01-31\n", "periods.csv")
    assert result.ok and [p.period_id for p in result.items] == ["P1", "P2"]
    bad = read_periods(b"period_id,start\nP1,2027-01-01\n", "periods.csv")
    assert not bad.ok and "end" in str(bad.errors[0])


def member(i, category="batik", region="32.75.01", size=1, **extra):
    return Member(Applicant(f"M{i}", f"Member {i}", region, category, booths_requested=size,
                            locked_booth_ids=extra.pop("locks", ())), **extra)


def test_reasons_for_members_without_a_turn():
    spaces = [Booth("A", "L1", 0, 0), Booth("B", "L2", 0, 0), Booth("K", "L1", 9, 0,
                                                                    zone="kuliner")]
    periods = generate_periods(date(2027, 1, 1), "1m", 1)
    members = [member(1), member(2), member(3), member(4, size=2, category="kuliner"),
               member(5, unavailable_periods=frozenset({"2027-01"})),
               member(6, category="kuliner")]
    result = plan_rotation(spaces, members, periods)
    reasons = {u.applicant_id: u.reason_code for u in result.no_turn}
    assert reasons["M4"] == "NO_ADJACENT_GROUP" and reasons["M5"] == "UNAVAILABLE"
    assert sorted(v for k, v in reasons.items() if k in ("M1", "M2", "M3")) == ["CAPACITY"]
    assert "M6" not in reasons  # the kuliner corner is its own
    assert result.stats.members_counted == 4  # M4 and M5 can take no period at all
    only_zoned = plan_rotation([Booth("K", "L1", 0, 0, zone="kuliner")], [member(7)], periods)
    assert only_zoned.no_turn[0].reason_code == "NO_COMPATIBLE_BOOTH"


def test_a_permanent_tenant_keeps_its_space_and_an_impossible_lock_is_refused():
    spaces = [Booth("A", "L1", 0, 0), Booth("B", "L1", 3, 0)]
    periods = generate_periods(date(2027, 1, 1), "1m", 3)
    members = [member(0, locks=("A",)), member(1), member(2)]
    result = plan_rotation(spaces, members, periods)
    assert [t.booth_ids for t in result.turns if t.applicant_id == "M0"] == [("A",)] * 3
    assert all(t.locked for t in result.turns if t.applicant_id == "M0")
    assert result.stats.min_total == 1 and result.stats.proven_optimal
    with pytest.raises(RotationInputError):
        plan_rotation([Booth("A", "L1", 0, 0, status="blocked")], [member(0, locks=("A",))],
                      periods)


def test_the_city_gallery_is_proven_optimal_and_fair():
    gallery = sample_gallery(spaces=24, members=90, periods=12, seed=5)
    result = plan_rotation(gallery.spaces, gallery.members, gallery.periods)
    stats = result.stats
    assert stats.proven_optimal
    assert stats.min_total == stats.min_total_bound and stats.at_min == stats.at_min_bound
    assert stats.regions_shown == stats.regions_bound
    assert stats.max_total - stats.min_total <= 1 + max(m.turns_before for m in gallery.members)
    again = plan_rotation(gallery.spaces, gallery.members, gallery.periods)
    assert again.turns == result.turns
