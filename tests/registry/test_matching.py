"""Applicants' products matched to registry entries, as people write them."""

import pytest

from booth_planner.registry.entries import Entry
from booth_planner.registry.matching import best_match, groups, match_in_region, same_product


@pytest.mark.parametrize("product, registered", [
    ("Tikar anyaman pandan", "tikar pandan"),
    ("ulos", "Ulos Batak Toba"),
    ("kain ulos", "Ulos"),
    ("Ulos Batak Toba", "kain ulos"),
    ("Bika Ambon Medan", "Bika ambon"),
    ("Kopi Arabika Gayo", "kopi arabika gayo"),
    ("Ulos Batak Tobah", "Ulos Batak Toba"),  # a typo
    ("Kerajinan rotan", "Rotan"),
])
def test_the_same_product_written_differently_matches(product, registered):
    assert same_product(product, registered)


@pytest.mark.parametrize("product, registered", [
    ("Tikar pandan", "Tas pandan"),
    ("Ulos", "Songket Batubara"),
    ("Kopi Sidikalang", "Kopi Gayo"),
    ("Kain songket", "kain ulos"),
    ("kain", "Ulos"),
])
def test_different_products_do_not_match(product, registered):
    assert not same_product(product, registered)


def test_the_best_match_prefers_the_exact_name():
    entries = [Entry("12.04", "Tikar anyaman pandan", entry_id=1),
               Entry("12.04", "Tikar pandan", entry_id=2)]
    assert best_match("tikar pandan", entries).entry.entry_id == 2
    assert best_match("Tikar anyaman pandan", entries).entry.entry_id == 1
    assert best_match(None, entries) is None and best_match("  ", entries) is None


def test_only_the_applicants_own_region_is_searched():
    entries = [Entry("12.12", "Ulos Batak Toba"), Entry("12.04", "Tikar pandan")]
    assert match_in_region("ulos", "12.12", entries).entry.region_code == "12.12"
    assert match_in_region("ulos", "12.04", entries) is None
    assert match_in_region("ulos", "12", entries) is None  # a province's own pavilion


def test_a_kecamatan_applicant_matches_its_kecamatan_and_its_kota():
    entries = [Entry("32.75.01", "Batik Bekasi"), Entry("32.75", "Dodol Bekasi")]
    assert match_in_region("batik", "32.75.01", entries).entry.region_code == "32.75.01"
    assert match_in_region("dodol", "32.75.01", entries).entry.region_code == "32.75"
    assert match_in_region("batik", "32.75.02", entries) is None


def test_similar_names_fall_into_one_group():
    assert groups(["ulos", "Songket", "Ulos Batak Toba", "kain ulos", "ulos", "kain songket"]) == \
        [["ulos", "Ulos Batak Toba", "kain ulos"], ["Songket", "kain songket"]]


def test_a_shared_place_name_does_not_make_two_products_one():
    entries = [Entry("11.17", "Kerawang Gayo Bener Meriah")]
    assert match_in_region("Kopi Gayo Bener Meriah", "11.17", entries) is None
    assert match_in_region("kerawang gayo", "11.17", entries) is not None
    assert match_in_region("Ulos Toba", "12.12", [Entry("12.12", "Ulos")]) is not None
