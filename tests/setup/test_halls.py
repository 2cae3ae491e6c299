"""Halls from a few numbers."""

import pytest

from booth_planner.core.geometry import adjacency, overlapping_booths
from booth_planner.setup.halls import HallSpec, grid_hall, row_label


def test_row_labels_go_on_past_z():
    assert [row_label(i) for i in (0, 1, 25, 26, 27, 51, 52)] == \
        ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_a_grid_hall_has_back_to_back_rows_with_aisles_between_pairs():
    booths = grid_hall(HallSpec("Hall A", rows=4, columns=3, aisle_every=2, aisle_m=4))
    assert len(booths) == 12
    ys = sorted({b.y for b in booths})
    assert ys == [0, 3, 10, 13]  # rows A, B back to back; a 4 m aisle; rows C, D
    assert [b.booth_id for b in booths[:3]] == ["A-01", "A-02", "A-03"]
    assert overlapping_booths(booths) == []
    neighbours = adjacency(booths)
    assert "B-01" in neighbours["A-01"]  # back to back share a wall
    assert "C-01" not in neighbours["B-01"]  # across the aisle they do not


def test_zone_band_prefix_and_corners():
    booths = grid_hall(HallSpec("Hall B", rows=3, columns=4, prefix="B", zone_rows=(3,),
                                zone="kuliner"))
    by_id = {b.booth_id: b for b in booths}
    assert by_id["BC-02"].zone == "kuliner" and by_id["BA-02"].zone is None
    assert by_id["BA-01"].booth_type == "corner" and by_id["BA-02"].booth_type == "standard"
    assert len(by_id["BA-01"].booth_id.split("-")[1]) == 2


@pytest.mark.parametrize(("spec", "message"), [
    (HallSpec("", 2, 2), "hall name is empty"),
    (HallSpec("H", 0, 2), "rows and columns"),
    (HallSpec("H", 2, 2, booth_width_m=0), "greater than 0"),
    (HallSpec("H", 2, 2, zone_rows=(3,), zone="kuliner"), "between 1 and 2"),
    (HallSpec("H", 2, 2, zone_rows=(1,)), "no zone name"),
])
def test_impossible_numbers_are_refused_with_what_is_wrong(spec, message):
    with pytest.raises(ValueError, match=message):
        grid_hall(spec)
