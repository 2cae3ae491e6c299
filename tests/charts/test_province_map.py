"""The produk unggulan map: 38 provinces accounted for, drawn offline, dots by status and registry."""

import plotly.graph_objects as go

from booth_planner.charts.province_map import (
    REGISTRY_SYMBOLS,
    newer_provinces,
    outline_of,
    produk_unggulan_map_figure,
    province_shapes,
)
from booth_planner.core import regions
from booth_planner.registry.coverage import ON_SHOW, registry_status
from booth_planner.registry.entries import Entry
from tests.coverage_sample import sample_state


def inside(point, ring) -> bool:
    """Ray casting: True when ``point`` lies inside ``ring``."""
    x, y = point
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


def test_every_one_of_the_38_provinces_has_an_outline_or_lies_in_its_former_one():
    outlined = {p["code"] for p in province_shapes()["provinces"]}
    assert len(outlined) == 33
    assert newer_provinces() == ["65", "93", "94", "95", "96"]
    assert outlined | set(newer_provinces()) == {p.code for p in regions.provinces()}
    assert {c: outline_of(c) for c in newer_provinces()} == \
        {"65": "64", "93": "91", "94": "91", "95": "91", "96": "92"}


def test_each_capital_lies_inside_the_outline_it_is_drawn_in():
    rings = {p["code"]: p["rings"] for p in province_shapes()["provinces"]}
    missed = []
    for province in regions.provinces():
        point = (province.longitude, province.latitude)
        near = [(point[0] + dx, point[1] + dy) for dx in (-0.1, 0, 0.1) for dy in (-0.1, 0, 0.1)]
        # A coastal capital may sit just off a 2 km simplification: a tenth of a degree will do.
        if not any(inside(p, r) for p in near for r in rings[outline_of(province.code)]):
            missed.append(province.name)
    assert missed == []


def test_the_map_is_plain_polygons_and_dots_offline():
    entries = [Entry("12.04", "Tikar pandan"), Entry("12.71", "Batik")]
    status = registry_status(sample_state(), entries)
    figure = produk_unggulan_map_figure(status, "en")
    assert all(isinstance(trace, go.Scatter) for trace in figure.data)  # no tiles, no geo
    assert "mapbox" not in figure.layout.to_plotly_json() and not figure.layout.map.style
    dots = [tr for tr in figure.data if tr.mode == "markers" and tr.x is not None
            and tr.x[0] is not None and tr.customdata is not None and len(tr.customdata[0]) == 5]
    assert sum(len(tr.x) for tr in dots) == len(status) == 40
    star = next(tr for tr in dots if tr.marker.symbol == REGISTRY_SYMBOLS[ON_SHOW])
    assert list(star.text) == ["Kota Medan"] and star.marker.color[0] == "#009E73"


def test_the_newer_provinces_are_marked_when_the_whole_country_is_shown():
    status = registry_status(sample_state(), [])
    names = {tr.name for tr in produk_unggulan_map_figure(status, "id", whole_country=True).data}
    assert "Provinsi baru (2012, 2022), ditandai ibu kotanya" in names
    marks = next(tr for tr in produk_unggulan_map_figure(status, "en", whole_country=True).data
                 if tr.mode == "markers+text")
    assert sorted(marks.text) == sorted(regions.region(c).name for c in newer_provinces())
