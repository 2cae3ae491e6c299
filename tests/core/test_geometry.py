"""Booth geometry: shared walls, overlaps, connected groups, the walk through a hall."""

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from booth_planner.core.geometry import (
    adjacency,
    connected_groups,
    grow_group,
    is_connected,
    overlapping_booths,
    serpentine_walk,
)
from booth_planner.core.model import Booth


def booth(booth_id, x, y, w=3.0, d=3.0, hall="A"):
    return Booth(booth_id, hall, x, y, width_m=w, depth_m=d)


def test_side_by_side_booths_share_a_wall():
    neighbours = adjacency([booth("A1", 0, 0), booth("A2", 3, 0), booth("A3", 6, 0)])
    assert neighbours == {"A1": ("A2",), "A2": ("A1", "A3"), "A3": ("A2",)}


def test_back_to_back_booths_share_a_wall():
    neighbours = adjacency([booth("F", 0, 0), booth("B", 0, 3)])
    assert neighbours["F"] == ("B",)


def test_corners_touching_are_not_adjacent():
    neighbours = adjacency([booth("A", 0, 0), booth("B", 3, 3)])
    assert neighbours == {"A": (), "B": ()}


def test_aisle_separates_rows():
    neighbours = adjacency([booth("A", 0, 0), booth("B", 0, 6)])
    assert neighbours["A"] == ()


def test_different_halls_are_never_adjacent():
    neighbours = adjacency([booth("A", 0, 0, hall="H1"), booth("B", 3, 0, hall="H2")])
    assert neighbours["A"] == ()


def test_partial_wall_overlap_counts_and_float_noise_is_forgiven():
    # A 6 m deep booth next to a 3 m one shifted by half: they share 1.5 m of wall.
    neighbours = adjacency([booth("Big", 0, 0, d=6), booth("Half", 3, 4.5),
                            booth("Noise", 2.9999999, 10, d=3), booth("Left", 0, 10, w=3)])
    assert neighbours["Big"] == ("Half",)
    assert "Noise" in neighbours["Left"]


def test_overlapping_booths_are_reported_once_sorted():
    booths = [booth("B", 0, 0), booth("A", 2, 2), booth("C", 3, 0), booth("D", 0, 0, hall="X")]
    assert overlapping_booths(booths) == [("A", "B"), ("A", "C")]


def test_touching_booths_do_not_overlap():
    assert overlapping_booths([booth("A", 0, 0), booth("B", 3, 0), booth("C", 0, 3)]) == []


def test_connected_groups_and_is_connected():
    booths = [booth("A1", 0, 0), booth("A2", 3, 0), booth("A4", 9, 0), booth("A5", 12, 0)]
    neighbours = adjacency(booths)
    assert connected_groups(["A1", "A2", "A4", "A5"], neighbours) == [["A1", "A2"], ["A4", "A5"]]
    assert is_connected(["A1", "A2"], neighbours)
    assert not is_connected(["A1", "A4"], neighbours)
    assert not is_connected([], neighbours)


def test_walk_snakes_through_a_double_row_then_back_along_the_next():
    booths = ([booth(f"F{i}", 3 * i, 0) for i in range(3)] + [booth(f"B{i}", 3 * i, 3) for i in range(3)]
              + [booth(f"N{i}", 3 * i, 9) for i in range(2)])
    # Front and back rows share walls (one band); the row across the aisle is the next band.
    assert serpentine_walk(booths) == ["F0", "B0", "B1", "F1", "F2", "B2", "N1", "N0"]
    neighbours = adjacency(booths)
    walk = serpentine_walk(booths)
    assert all(b in neighbours[a] for a, b in zip(walk[:5], walk[1:6], strict=True))


def test_grow_group_stays_connected_or_says_it_cannot():
    booths = [booth(f"A{i}", 3 * i, 0) for i in range(4)]
    neighbours = adjacency(booths)
    allowed = {"A0", "A1", "A2", "A3"}
    assert grow_group(["A1"], 3, allowed, neighbours) == ["A1", "A0", "A2"]
    assert grow_group(["A0"], 3, {"A0", "A1", "A3"}, neighbours) is None


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(1, 3), st.integers(1, 3),
                          st.sampled_from(("H1", "H2"))), max_size=9))
def test_adjacency_and_overlap_agree_with_the_definition(rectangles):
    booths = [booth(f"B{i}", 1.5 * x, 1.5 * y, 1.5 * w, 1.5 * d, hall)
              for i, (x, y, w, d, hall) in enumerate(rectangles)]
    neighbours = adjacency(booths)
    overlaps = set(overlapping_booths(booths))
    for a, b in combinations(booths, 2):
        same_hall = a.hall == b.hall
        share_x = min(a.x + a.width_m, b.x + b.width_m) - max(a.x, b.x)
        share_y = min(a.y + a.depth_m, b.y + b.depth_m) - max(a.y, b.y)
        touching = same_hall and ((share_x == 0 and share_y > 0) or (share_y == 0 and share_x > 0))
        assert (b.booth_id in neighbours[a.booth_id]) == touching
        pair = tuple(sorted((a.booth_id, b.booth_id)))
        assert (pair in overlaps) == (same_hall and share_x > 0 and share_y > 0)
