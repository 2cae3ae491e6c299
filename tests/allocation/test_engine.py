"""Allocation on small exact cases: objectives in order, hard rules, locks, reasons, diff."""

import pytest

from booth_planner.allocation import LockError, allocate, diff_allocations
from booth_planner.core.model import Applicant, Assignment, Booth


def row(prefix, count, hall="A", y=0.0, zone=None, blocked=(), start=0):
    """``count`` 3x3 m booths side by side along x."""
    return [Booth(f"{prefix}{i + 1}", hall, 3.0 * (i + start), y, zone=zone,
                  status="blocked" if i + 1 in blocked else "available") for i in range(count)]


def person(aid, region, category="tenun", size=1, priority=0, locks=()):
    return Applicant(aid, f"Exhibitor {aid}", region, category, booths_requested=size,
                     priority=priority, locked_booth_ids=tuple(locks))


def holders(result):
    """booth_id -> applicant_id."""
    return {a.booth_id: a.applicant_id for a in result.assignments}


def booths_of(result, aid):
    return sorted(a.booth_id for a in result.assignments if a.applicant_id == aid)


def reasons(result):
    return {u.applicant_id: u.reason_code for u in result.unplaced}


def test_coverage_beats_priority():
    # Two booths: Medan's two high-priority exhibitors would score 12, but Nias must be in.
    applicants = [person("m1", "12.71", priority=5), person("m2", "12.71", priority=5),
                  person("n1", "12.04")]
    result = allocate(row("A", 2), applicants)
    assert set(holders(result).values()) == {"m1", "n1"}
    assert result.stats.regions_covered == 2
    assert result.stats.priority == 6 + 1
    assert result.stats.proven_optimal
    assert reasons(result) == {"m2": "CAPACITY"}
    assert "12.71" in result.unplaced[0].reason


def test_priority_decides_within_a_region_then_submission_order():
    applicants = [person("a", "12.04"), person("b", "12.04", priority=2), person("c", "12.04")]
    result = allocate(row("A", 2), applicants)
    assert set(holders(result).values()) == {"b", "a"}


def test_zone_takes_only_its_category_but_kuliner_may_use_unzoned():
    booths = row("K", 1, zone="Kuliner") + row("A", 1, y=10)
    applicants = [person("t1", "11.01", "tenun"), person("t2", "11.02", "tenun"),
                  person("k1", "11.03", "kuliner")]
    result = allocate(booths, applicants)
    assert holders(result)["K1"] == "k1"
    assert holders(result)["A1"] in {"t1", "t2"}
    assert result.stats.regions_covered == 2


def test_no_booth_for_a_category_is_no_compatible_booth():
    result = allocate(row("K", 2, zone="kuliner"), [person("t1", "11.01", "tenun")])
    assert result.assignments == ()
    assert reasons(result) == {"t1": "NO_COMPATIBLE_BOOTH"}


def test_blocked_booths_are_never_assigned():
    result = allocate(row("A", 3, blocked=(1, 3)),
                      [person(f"p{i}", f"11.0{i}") for i in range(1, 4)])
    assert list(holders(result)) == ["A2"]
    assert result.stats.booths_available == 1


def test_two_booth_request_gets_adjacent_booths():
    # A1 and A3 are free and adjacent to nothing free; B1-B2 stand together.
    booths = row("A", 3, blocked=(2,)) + row("B", 2, y=10)
    result = allocate(booths, [person("p", "12", size=2)])
    assert booths_of(result, "p") == ["B1", "B2"]


def test_no_adjacent_pair_anywhere_is_no_adjacent_group():
    booths = row("A", 3, blocked=(2,))
    result = allocate(booths, [person("p", "12", size=2)])
    assert result.assignments == ()
    assert reasons(result) == {"p": "NO_ADJACENT_GROUP"}


def test_group_must_stay_in_one_hall():
    booths = row("A", 1, hall="Hall A") + row("B", 1, hall="Hall B", start=1)
    result = allocate(booths, [person("p", "12", size=2)])
    assert reasons(result) == {"p": "NO_ADJACENT_GROUP"}


def test_blocks_of_three_hold_one_pair_each_and_that_is_proven():
    # Two separate blocks of three: room for six booths, but only two pairs can stand together.
    booths = row("A", 3) + row("B", 3, y=10)
    applicants = [person(f"p{i}", "12.04", size=2) for i in range(3)]
    result = allocate(booths, applicants)
    assert len(set(holders(result).values())) == 2
    assert reasons(result) == {"p2": "NO_ADJACENT_GROUP"}
    assert result.stats.objective == result.stats.bound == (1, 2)
    assert result.stats.proven_optimal


def test_shape_counts_cannot_see_is_proven_by_the_exact_model():
    # A T of four booths: four booths in one block, yet no two disjoint adjacent pairs.
    booths = [Booth("C", "A", 3, 3), Booth("L", "A", 0, 3), Booth("R", "A", 6, 3),
              Booth("B", "A", 3, 0)]
    applicants = [person("p0", "12.04", size=2), person("p1", "12.04", size=2)]
    result = allocate(booths, applicants)
    assert len(set(holders(result).values())) == 1
    assert result.stats.objective == result.stats.bound == (1, 1)
    assert result.stats.proven_optimal
    assert [u.reason_code for u in result.unplaced] == ["NO_ADJACENT_GROUP"]


def test_capacity_reason_names_who_represents_the_region():
    result = allocate(row("A", 1), [person("a", "12.04"), person("b", "12.04")])
    assert reasons(result) == {"b": "CAPACITY"}
    assert "Exhibitor a" in result.unplaced[0].reason


def test_reasons_in_english():
    result = allocate(row("K", 1, zone="kuliner"), [person("t", "11.01", "tenun")], lang="en")
    assert result.unplaced[0].reason == "No booth of this event takes category 'tenun'."


def test_locks_are_kept_even_against_coverage():
    # Locking both booths to one region leaves the other region out: locks come first.
    applicants = [person("a", "11.01", size=2, locks=("A1", "A2")), person("b", "11.02")]
    result = allocate(row("A", 2), applicants)
    assert booths_of(result, "a") == ["A1", "A2"]
    assert all(a.locked for a in result.assignments)
    assert reasons(result) == {"b": "CAPACITY"}


def test_partial_lock_grows_into_an_adjacent_group():
    applicants = [person("a", "11.01", size=3, locks=("A3",))]
    result = allocate(row("A", 5), applicants)
    group = booths_of(result, "a")
    assert "A3" in group and len(group) == 3
    assert group in (["A1", "A2", "A3"], ["A2", "A3", "A4"], ["A3", "A4", "A5"])
    locked = {a.booth_id for a in result.assignments if a.locked}
    assert locked == {"A3"}


def test_every_impossible_lock_is_listed_before_anything_runs():
    booths = row("A", 4, blocked=(4,)) + row("K", 1, zone="kuliner", y=10) + row("H", 1, hall="B")
    applicants = [
        person("unknown", "11.01", locks=("Z9",)),
        person("blocked", "11.02", locks=("A4",)),
        person("zone", "11.03", "tenun", locks=("K1",)),
        person("first", "11.04", locks=("A1",)),
        person("second", "11.05", locks=("A1",)),
        person("many", "11.06", size=1, locks=("A2", "A3")),
        person("apart", "11.07", size=2, locks=("A2", "H1")),
        person("gap", "11.08", size=2, locks=("A1", "A3")),
    ]
    with pytest.raises(LockError) as caught:
        allocate(booths, applicants, lang="en")
    codes = {(p.applicant_id, p.code) for p in caught.value.problems}
    assert {("unknown", "unknown_booth"), ("blocked", "blocked_booth"), ("zone", "zone_mismatch"),
            ("second", "booth_twice"), ("many", "too_many_locks"), ("apart", "halls_differ"),
            ("gap", "not_adjacent")} <= codes
    assert "Z9" in str(caught.value)


def test_lock_that_cannot_grow_is_an_error():
    booths = row("A", 2)
    applicants = [person("a", "11.01", size=2, locks=("A1",)), person("b", "11.02", locks=("A2",))]
    with pytest.raises(LockError) as caught:
        allocate(booths, applicants)
    assert [p.code for p in caught.value.problems] == ["cannot_grow"]


def test_keep_holds_hand_placed_booths_and_reallocates_the_rest():
    booths = row("A", 3)
    applicants = [person("a", "11.01"), person("b", "11.02"), person("c", "11.03")]
    kept = Assignment("A3", "c", locked=False, source="manual")
    result = allocate(booths, applicants, keep=[kept])
    assert kept in result.assignments
    assert holders(result)["A3"] == "c"
    assert result.stats.regions_covered == 3


def test_keep_on_an_unknown_booth_is_a_lock_error():
    with pytest.raises(LockError):
        allocate(row("A", 1), [person("a", "11.01")], keep=[Assignment("Q1", "a")])


def test_pavilion_mode_keeps_each_province_together():
    applicants = [person(f"p{i}", ("11.0" if i % 2 else "12.0") + str(i)) for i in range(6)]
    result = allocate(row("A", 6), applicants, mode="pavilion")
    walk = [holders(result)[f"A{i}"] for i in range(1, 7)]
    provinces = [next(a.region_code[:2] for a in applicants if a.applicant_id == aid) for aid in walk]
    assert provinces == sorted(provinces)
    assert result.stats.layout_score == pytest.approx(4 / 5)


def test_mixed_mode_spreads_a_category():
    applicants = [person("t1", "11.01", "tenun"), person("t2", "11.02", "tenun"),
                  person("b1", "11.03", "batik"), person("b2", "11.04", "batik")]
    result = allocate(row("A", 4), applicants, mode="mixed")
    categories = [next(a.category for a in applicants if a.applicant_id == holders(result)[f"A{i}"])
                  for i in range(1, 5)]
    assert all(first != second for first, second in zip(categories, categories[1:], strict=False))
    assert result.stats.layout_score == 1.0


def test_same_input_same_output():
    booths = row("A", 5) + row("B", 5, y=3)
    applicants = [person(f"p{i}", f"1{i % 3}.0{i % 4 + 1}", "kuliner" if i % 3 == 0 else "tenun",
                         size=1 + (i % 5 == 0), priority=i % 2) for i in range(14)]
    first, second = allocate(booths, applicants), allocate(booths, applicants)
    assert first.assignments == second.assignments
    assert first.unplaced == second.unplaced


def test_time_limit_still_gives_a_valid_reported_result():
    booths = row("A", 4)
    applicants = [person(f"p{i}", f"11.0{i}") for i in range(1, 7)]
    result = allocate(booths, applicants, time_limit=5)
    assert result.stats.regions_covered == 4
    assert result.stats.objective <= result.stats.bound


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode"):
        allocate(row("A", 1), [], mode="random")


def test_diff_lists_booth_changes_and_people_and_coverage():
    applicants = [person("a", "11.01"), person("b", "11.02"), person("c", "11.02")]
    before = [Assignment("A1", "a"), Assignment("A2", "b")]
    after = [Assignment("A1", "a"), Assignment("A2", "c"), Assignment("A3", "b")]
    diff = diff_allocations(before, after, applicants)
    assert [(c.booth_id, c.before, c.after) for c in diff.changed_booths] == [
        ("A2", "b", "c"), ("A3", None, "b")]
    assert diff.gaining == ("c",)
    assert diff.moving == ("b",)
    assert diff.losing == ()
    assert (diff.coverage_before, diff.coverage_after) == (2, 2)
    lost = diff_allocations(after, [Assignment("A1", "a")], applicants)
    assert lost.losing == ("b", "c") and lost.regions_lost == ("11.02",)
    assert diff_allocations(before, before).is_empty
