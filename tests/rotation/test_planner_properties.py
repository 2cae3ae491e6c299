"""The rotation planner on random tiny galleries: hard rules, exact objectives, determinism."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booth_planner.core.geometry import adjacency, is_connected
from booth_planner.core.model import Applicant, Booth
from booth_planner.rotation import Member, generate_periods, plan_rotation

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
CATEGORIES = ("kuliner", "batik")


@st.composite
def galleries(draw):
    """Up to 4 spaces (in one or two halls, some zoned or blocked), 5 members, 3 periods."""
    count = draw(st.integers(1, 4))
    spaces = []
    for i in range(count):
        hall = draw(st.sampled_from(("L1", "L2")))
        zone = draw(st.sampled_from((None, None, "kuliner")))
        status = draw(st.sampled_from(("available",) * 5 + ("blocked",)))
        spaces.append(Booth(f"S{i}", hall, x=3.0 * i, y=0.0, zone=zone, status=status))
    periods = generate_periods(date(2027, 1, 1), "1m", draw(st.integers(1, 3)))
    members = []
    tenant_done = False
    for j in range(draw(st.integers(1, 5))):
        category = draw(st.sampled_from(CATEGORIES))
        size = draw(st.sampled_from((1, 1, 1, 2)))
        locks: tuple[str, ...] = ()
        if not tenant_done and size == 1 and draw(st.booleans()) and draw(st.booleans()):
            usable = [b.booth_id for b in spaces if not b.is_blocked and b.accepts(category)]
            if usable:
                locks = (draw(st.sampled_from(usable)),)
                tenant_done = True
        unavailable = frozenset(p.period_id for p in periods if draw(st.integers(0, 4)) == 0)
        members.append(Member(
            Applicant(f"M{j}", f"Member {j}", draw(st.sampled_from(("32.75.01", "32.75.02",
                                                                     "32.75.03"))),
                      category, booths_requested=size, priority=draw(st.integers(0, 2)),
                      locked_booth_ids=locks),
            unavailable, draw(st.integers(0, 1))))
    return spaces, members, periods, draw(st.integers(1, 2))


def placements(spaces, member):
    """Every set of spaces the member could hold in a period (reference: brute force)."""
    usable = [b for b in spaces if not b.is_blocked and b.accepts(member.applicant.category)]
    neighbours = adjacency(spaces)
    found = []
    for combo in itertools.combinations(usable, member.applicant.booths_requested):
        ids = [b.booth_id for b in combo]
        if (len({b.hall for b in combo}) == 1 and is_connected(ids, neighbours)
                and set(member.applicant.locked_booth_ids) <= set(ids)):
            found.append(frozenset(ids))
    return found


def feasible_sets(spaces, members, period):
    """Every set of members that fit in one period together."""
    options = {m.applicant_id: placements(spaces, m) for m in members
               if period.period_id not in m.unavailable_periods}
    must = {m.applicant_id for m in members if m.is_permanent and m.applicant_id in options}
    ids = sorted(options)
    found = []
    for size in range(len(ids) + 1):
        for chosen in itertools.combinations(ids, size):
            if not must <= set(chosen):
                continue
            for pick in itertools.product(*(options[i] for i in chosen)):
                used = [b for group in pick for b in group]
                if len(used) == len(set(used)):
                    found.append(frozenset(chosen))
                    break
    return found


def reference(spaces, members, periods, max_consecutive):
    """The best (smallest total, -members at it, regions shown, priority) by enumeration."""
    per_period = [feasible_sets(spaces, members, p) for p in periods]
    can = {a for sets in per_period for s in sets for a in s}
    counted = [m for m in members if not m.is_permanent and m.applicant_id in can]
    by_id = {m.applicant_id: m for m in members}
    best = None
    for plan in itertools.product(*per_period):
        ok = True
        for m in members:
            if m.is_permanent:
                continue
            seq = [m.applicant_id in s for s in plan]
            for start in range(len(seq) - max_consecutive):
                if all(seq[start:start + max_consecutive + 1]):
                    ok = False
        if not ok:
            continue
        totals = [m.turns_before + sum(m.applicant_id in s for s in plan) for m in counted]
        low = min(totals, default=0)
        score = (low, -totals.count(low),
                 sum(len({by_id[a].applicant.region_code for a in s}) for s in plan),
                 sum(1 + by_id[a].applicant.priority for s in plan for a in s))
        best = score if best is None or score > best else best
    return best


def check_hard_rules(spaces, members, periods, max_consecutive, result):
    """Every hard rule of SPEC 5 holds in the result."""
    by_space = {b.booth_id: b for b in spaces}
    by_id = {m.applicant_id: m for m in members}
    neighbours = adjacency(spaces)
    order = [p.period_id for p in periods]
    seen_space, seen_member = set(), set()
    for turn in result.turns:
        member = by_id[turn.applicant_id]
        booths = [by_space[b] for b in turn.booth_ids]
        assert len(booths) == member.applicant.booths_requested
        assert all(not b.is_blocked and b.accepts(member.applicant.category) for b in booths)
        assert len({b.hall for b in booths}) == 1 and is_connected(list(turn.booth_ids), neighbours)
        assert turn.period_id not in member.unavailable_periods
        for booth_id in turn.booth_ids:
            assert (turn.period_id, booth_id) not in seen_space
            seen_space.add((turn.period_id, booth_id))
        assert (turn.period_id, turn.applicant_id) not in seen_member
        seen_member.add((turn.period_id, turn.applicant_id))
    for member in members:
        had = [(p, member.applicant_id) in seen_member for p in order]
        if member.is_permanent:
            for period_id, got in zip(order, had, strict=True):
                assert got == (period_id not in member.unavailable_periods)
            continue
        for start in range(len(had) - max_consecutive):
            assert not all(had[start:start + max_consecutive + 1])


@SETTINGS
@given(galleries())
def test_hard_rules_hold_and_objectives_equal_the_exhaustive_reference(gallery):
    spaces, members, periods, max_consecutive = gallery
    result = plan_rotation(spaces, members, periods, max_consecutive=max_consecutive)
    check_hard_rules(spaces, members, periods, max_consecutive, result)
    stats = result.stats
    best = reference(spaces, members, periods, max_consecutive)
    assert (stats.min_total, -stats.at_min, stats.regions_shown, stats.priority) == best
    assert stats.proven_optimal
    assert stats.min_total_bound == stats.min_total and stats.regions_bound == stats.regions_shown


@settings(max_examples=20, deadline=None)
@given(galleries())
def test_same_input_same_output(gallery):
    spaces, members, periods, max_consecutive = gallery
    first = plan_rotation(spaces, members, periods, max_consecutive=max_consecutive)
    again = plan_rotation(list(reversed(spaces)), list(reversed(members)), list(reversed(periods)),
                          max_consecutive=max_consecutive)
    assert first.turns == again.turns
    assert first.no_turn == again.no_turn
