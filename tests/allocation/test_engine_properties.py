"""Allocation on random small events: hard rules always hold, bounds are honest, runs repeat."""

from itertools import combinations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from booth_planner.allocation import allocate
from booth_planner.core.geometry import adjacency, is_connected
from booth_planner.core.model import Applicant, Booth

REGIONS = ("11.01", "11.02", "12", "12.04", "12.71")
CATEGORIES = ("tenun", "kuliner", "Kuliner ", "batik")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def events(draw, max_size=3, max_cells=8, max_applicants=7, locks=False):
    """Booths on a 4x3 grid in one or two halls, and applicants asking for 1..max_size booths."""
    cells = draw(st.lists(st.tuples(st.sampled_from(("H1", "H2")), st.integers(0, 3),
                                    st.integers(0, 2)), min_size=1, max_size=max_cells, unique=True))
    booths = [Booth(f"{hall}-{x}{y}", hall, 3.0 * x, 3.0 * y,
                    zone=draw(st.sampled_from((None, None, "kuliner"))),
                    status="blocked" if draw(st.integers(0, 7)) == 0 else "available")
              for hall, x, y in cells]
    count = draw(st.integers(0, max_applicants))
    applicants = []
    free_for_lock = [b for b in booths if not b.is_blocked]
    for i in range(count):
        category = draw(st.sampled_from(CATEGORIES))
        lock: tuple[str, ...] = ()
        size = draw(st.integers(1, max_size))
        if locks and draw(st.booleans()):
            fitting = [b for b in free_for_lock if b.accepts(category)]
            if fitting:
                chosen = draw(st.sampled_from(fitting))
                free_for_lock.remove(chosen)
                lock, size = (chosen.booth_id,), 1
        applicants.append(Applicant(f"p{i}", f"P{i}", draw(st.sampled_from(REGIONS)), category,
                                    booths_requested=size, priority=draw(st.integers(0, 2)),
                                    locked_booth_ids=lock))
    return booths, applicants


def check_hard_rules(booths, applicants, result):
    """SPEC 3 hard rules 1-4 on a result, and its reported figures against the assignments."""
    by_booth = {b.booth_id: b for b in booths}
    by_applicant = {a.applicant_id: a for a in applicants}
    neighbours = adjacency(booths)
    held = [a.booth_id for a in result.assignments]
    assert len(held) == len(set(held)), "a booth holds two applicants"
    groups: dict[str, list[str]] = {}
    for assignment in result.assignments:
        booth = by_booth[assignment.booth_id]
        applicant = by_applicant[assignment.applicant_id]
        assert not booth.is_blocked
        assert booth.accepts(applicant.category)
        groups.setdefault(applicant.applicant_id, []).append(booth.booth_id)
    for aid, group in groups.items():
        assert len(group) == by_applicant[aid].booths_requested
        assert len({by_booth[b].hall for b in group}) == 1
        assert is_connected(group, neighbours)
    for applicant in applicants:
        assert set(applicant.locked_booth_ids) <= set(groups.get(applicant.applicant_id, ()))
    unplaced = {u.applicant_id for u in result.unplaced}
    assert unplaced == set(by_applicant) - set(groups)
    assert all(u.reason_code in ("NO_COMPATIBLE_BOOTH", "NO_ADJACENT_GROUP", "CAPACITY")
               for u in result.unplaced)
    stats = result.stats
    assert stats.regions_covered == len({by_applicant[aid].region_code for aid in groups})
    assert stats.priority == sum(1 + by_applicant[aid].priority for aid in groups)
    assert stats.objective <= stats.bound
    assert stats.proven_optimal == (stats.objective == stats.bound)
    return groups


def matching_bound(booths, applicants):
    """Most regions that can each get a different compatible booth (bipartite matching)."""
    regions = sorted({a.region_code for a in applicants})
    usable = [b for b in booths if not b.is_blocked]
    rows, cols = [], []
    for r, region in enumerate(regions):
        for c, booth in enumerate(usable):
            if any(a.region_code == region and booth.accepts(a.category) for a in applicants):
                rows.append(r)
                cols.append(c)
    if not rows:
        return 0
    graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(regions), len(usable)))
    return int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())


def brute_force(booths, applicants):
    """The best (coverage, priority) over every allocation obeying the hard rules."""
    neighbours = adjacency(booths)
    usable = [b for b in booths if not b.is_blocked]
    options = []
    for applicant in applicants:
        fits = [b.booth_id for b in usable if b.accepts(applicant.category)]
        groups = [set(c) for c in combinations(fits, applicant.booths_requested)
                  if is_connected(list(c), neighbours)
                  and len({b.split("-")[0] for b in c}) == 1
                  and set(applicant.locked_booth_ids) <= set(c)]
        options.append(groups)
    best = (-1, -1)

    def search(index, taken, placed):
        nonlocal best
        if index == len(applicants):
            score = (len({a.region_code for a in placed}), sum(1 + a.priority for a in placed))
            best = max(best, score)
            return
        applicant = applicants[index]
        if not applicant.locked_booth_ids:
            search(index + 1, taken, placed)
        for group in options[index]:
            if not group & taken:
                search(index + 1, taken | group, placed + [applicant])

    search(0, frozenset(), [])
    return best


@SETTINGS
@given(events())
def test_hard_rules_always_hold(event):
    booths, applicants = event
    for mode in ("pavilion", "mixed"):
        check_hard_rules(booths, applicants, allocate(booths, applicants, mode=mode))


@SETTINGS
@given(events(max_size=1, max_cells=10, max_applicants=9))
def test_single_booth_requests_reach_the_matching_bound(event):
    booths, applicants = event
    result = allocate(booths, applicants)
    check_hard_rules(booths, applicants, result)
    assert result.stats.regions_covered == matching_bound(booths, applicants)
    assert result.stats.proven_optimal


@SETTINGS
@given(events(max_cells=6, max_applicants=5))
def test_objectives_match_exhaustive_search_and_bounds_are_honest(event):
    booths, applicants = event
    result = allocate(booths, applicants)
    best = brute_force(booths, applicants)
    assert result.stats.objective <= best <= result.stats.bound
    if result.stats.proven_optimal:
        assert result.stats.objective == best


@SETTINGS
@given(events(locks=True))
def test_locks_are_kept(event):
    booths, applicants = event
    result = allocate(booths, applicants)
    groups = check_hard_rules(booths, applicants, result)
    locked = {a.booth_id: a.applicant_id for a in result.assignments if a.locked}
    expected = {b: a.applicant_id for a in applicants for b in a.locked_booth_ids}
    assert locked == expected
    assert all(a.applicant_id in groups for a in applicants if a.locked_booth_ids)


@settings(max_examples=30, deadline=None)
@given(events(), st.sampled_from(("pavilion", "mixed")))
def test_same_input_same_output(event, mode):
    booths, applicants = event
    first = allocate(booths, applicants, mode=mode)
    second = allocate(list(booths), list(applicants), mode=mode)
    assert first.assignments == second.assignments
    assert first.unplaced == second.unplaced
    assert first.stats.objective == second.stats.objective


@settings(max_examples=40, deadline=None)
@given(events(locks=True), st.sampled_from(("pavilion", "mixed")))
def test_reallocation_keeps_what_is_kept(event, mode):
    booths, applicants = event
    first = allocate(booths, applicants, mode=mode)
    placed = sorted({a.applicant_id for a in first.assignments})
    kept_applicants = set(placed[::2])
    keep = [a for a in first.assignments if a.applicant_id in kept_applicants]
    again = allocate(booths, applicants, mode=mode, keep=keep)
    check_hard_rules(booths, applicants, again)
    assert set(keep) <= set(again.assignments)
    # Keeping part of an allocation can never beat the free optimum's bound.
    assert again.stats.objective <= first.stats.bound
