"""Coverage by produk unggulan on the shared hand-built event (tests/coverage_sample.py).

The registry used here, and what it gives by hand:
- 12.04 Kabupaten Nias: "Tikar pandan". P1 holds a booth with "Ulos Nias" (not it): represented
  only by something else.
- 12.71 Kota Medan: "Batik". P3 holds booths with "Batik motif Melayu": on show.
- 12.15 Kabupaten Pakpak Bharat: "tikar pandan". P4 brings "Tikar anyaman pandan" but has no
  booth: flagship not placed.
- 12.12 Kabupaten Toba: "Ulos Batak Toba", nobody applied: registered only.
- 12.17.01 Kecamatan Simanindo (Samosir): "Ulos Samosir": Samosir counts as registered.
- 19.01 Kabupaten Bangka: "Kemplang". P6 brings it without a booth: flagship not placed.
Sumatera Utara: 33 kabupaten/kota, 5 registered, 28 not, 1 on show, 1 not placed, 1 other only,
2 represented. Kepulauan Bangka Belitung: 7, 1 registered, 6 not, 0 on show, 1 not placed,
0 other only, 0 represented (P5 is the province's own pavilion).
"""

from booth_planner.registry.coverage import (
    ON_SHOW,
    REGISTERED,
    UNREGISTERED,
    flagship_applicant_ids,
    other_only_regions,
    registry_coverage,
    registry_status,
)
from booth_planner.registry.entries import Entry
from tests.coverage_sample import sample_state

ENTRIES = [Entry("12.04", "Tikar pandan"), Entry("12.71", "Batik"),
           Entry("12.15", "tikar pandan"), Entry("12.12", "Ulos Batak Toba"),
           Entry("12.17.01", "Ulos Samosir"), Entry("19.01", "Kemplang")]


def test_the_province_figures_are_those_computed_by_hand():
    table = registry_coverage(sample_state(), ENTRIES)
    rows = {r["province_code"]: r for r in table.to_dict("records")}
    assert {k: v for k, v in rows["12"].items() if k != "province_name"} == {
        "province_code": "12", "kabkota_total": 33, "registered": 5, "unregistered": 28,
        "on_show": 1, "flagship_not_placed": 1, "other_only": 1, "represented": 2}
    assert {k: v for k, v in rows["19"].items() if k != "province_name"} == {
        "province_code": "19", "kabkota_total": 7, "registered": 1, "unregistered": 6,
        "on_show": 0, "flagship_not_placed": 1, "other_only": 0, "represented": 0}


def test_each_region_has_its_registry_state():
    status = registry_status(sample_state(), ENTRIES).set_index("code")
    assert status.loc["12.71", "registry"] == ON_SHOW
    assert status.loc["12.04", "registry"] == REGISTERED
    assert status.loc["12.17", "registry"] == REGISTERED
    assert status.loc["12.01", "registry"] == UNREGISTERED
    assert status.loc["12.04", "products_on_show"] == "Ulos Nias"


def test_the_regions_represented_only_by_something_else_are_listed():
    others = other_only_regions(registry_status(sample_state(), ENTRIES))
    assert others.to_dict("records") == [{
        "code": "12.04", "name": "Kabupaten Nias", "province_name": "Sumatera Utara",
        "registered_products": "Tikar pandan", "products_on_show": "Ulos Nias"}]


def test_applicants_bringing_their_regions_product_are_found():
    assert flagship_applicant_ids(sample_state(), ENTRIES) == {"P3", "P4", "P6"}


def test_without_a_registry_every_region_is_unregistered():
    table = registry_coverage(sample_state(), [])
    assert table["registered"].sum() == 0 and table["unregistered"].sum() == 40
