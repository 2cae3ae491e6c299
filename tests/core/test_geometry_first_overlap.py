"""first_overlap: the fast yes/no overlap check agrees with the full pair list on any layout."""

from __future__ import annotations

import random

from booth_planner.core.geometry import first_overlap, overlapping_booths
from booth_planner.core.model import Booth


def test_first_overlap_agrees_with_the_pair_list_on_random_layouts():
    rng = random.Random(17)
    for _ in range(2000):
        booths = [Booth(f"B{i}", rng.choice("HK"), rng.choice([0, 1.5, 3, 4.5]),
                        rng.choice([0, 1, 2, 3, 4.5]), rng.choice([1.5, 3]),
                        rng.choice([1, 1.5, 3])) for i in range(rng.randint(1, 7))]
        pairs = overlapping_booths(booths)
        found = first_overlap(booths)
        assert (found is None) == (not pairs)
        assert found is None or found in pairs


def test_booths_sharing_only_a_wall_do_not_overlap():
    column = [Booth(f"A-{n}", "Hall A", 0, 3 * n) for n in range(1000)]
    assert first_overlap(column) is None
    assert first_overlap([*column, Booth("X", "Hall A", 0, 1500.5)]) is not None
