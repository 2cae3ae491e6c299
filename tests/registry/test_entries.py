"""The registry's rules: one entry per region and product, merges keep their sources."""

from datetime import date

import pytest

from booth_planner.registry.entries import (
    Entry,
    Marks,
    RegistryError,
    Source,
    add,
    checked,
    duplicates,
    for_region,
    merge,
    normalise_ig_number,
    product_key,
)

SK = Source("SK Bupati Toba 2023", date(2023, 5, 2))
LETTER = Source("Surat Dekranasda Sumut", date(2024, 1, 15))


def test_the_product_key_ignores_case_spacing_and_punctuation():
    assert product_key("  Ulos   Batak-Toba ") == product_key("ulos batak toba") == \
        "ulos batak toba"
    assert product_key("Tikar anyaman pandan") != product_key("tikar pandan")


def test_adding_the_same_product_of_a_region_again_merges_instead_of_doubling():
    first = Entry("12.12", "Ulos Batak Toba", "tenun", sources=(SK,))
    again = Entry("12.12", "ulos batak-toba", "", description="Tenun ikat Balige",
                  sources=(LETTER,))
    entries = add(add([], first), again)
    assert len(entries) == 1
    assert entries[0].name == "Ulos Batak Toba"
    assert entries[0].description == "Tenun ikat Balige"
    assert entries[0].sources == (SK, LETTER)


def test_the_same_product_in_two_regions_is_two_entries():
    entries = add(add([], Entry("12.12", "Ulos")), Entry("12.16", "Ulos"))
    assert [e.region_code for e in entries] == ["12.12", "12.16"]


def test_a_merge_keeps_both_sources_once_and_adds_up_the_marks():
    keep = Entry("12.04", "Tikar pandan", producers="Sentra Gunungsitoli Idanoi",
                 marks=Marks(ovop_stars=3), sources=(SK, LETTER))
    other = Entry("12.04", "Tikar anyaman pandan", producers="KUB Ina Nias; Sentra Gunungsitoli Idanoi",
                  marks=Marks(ig_number="IDG000000101", ovop_stars=4, halal=True),
                  sources=(LETTER, Source("Peserta: PON 2024 (3)", None)))
    merged = merge(keep, other)
    assert merged.name == "Tikar pandan"
    assert merged.sources == (SK, LETTER, Source("Peserta: PON 2024 (3)", None))
    assert merged.marks == Marks("IDG000000101", 4, True, None)
    assert merged.producers == "Sentra Gunungsitoli Idanoi; KUB Ina Nias"


def test_entries_of_two_regions_never_merge():
    with pytest.raises(RegistryError) as caught:
        merge(Entry("12.12", "Ulos"), Entry("12.16", "Ulos"))
    assert caught.value.code == "registry_merge_regions"


def test_duplicates_names_both_entries_of_one_key():
    a, b = Entry("12.12", "Ulos"), Entry("12.12", " ULOS ")
    assert duplicates([a, Entry("12.12", "Songket"), b]) == [(a, b)]


@pytest.mark.parametrize("text, expected", [
    ("IDG000000012", "IDG000000012"), ("ID G 000000012", "IDG000000012"),
    ("idg-12", "IDG000000012"), ("", None),
])
def test_ig_numbers_are_written_one_way(text, expected):
    assert normalise_ig_number(text) == expected


def test_a_bad_ig_number_is_refused_with_its_text():
    with pytest.raises(RegistryError) as caught:
        normalise_ig_number("IG-12 Gayo")
    assert caught.value.params == {"value": "IG-12 Gayo"}


@pytest.mark.parametrize("entry, code", [
    (Entry("12", "Ulos"), "registry_province_region"),
    (Entry("99.99", "Ulos"), "registry_unknown_region"),
    (Entry("12.12", "  - "), "registry_name_required"),
    (Entry("12.12", "Ulos", marks=Marks(ovop_stars=6)), "registry_bad_ovop"),
    (Entry("12.12", "Ulos", marks=Marks(ovop_stars=0)), "registry_bad_ovop"),
])
def test_checked_refuses_what_breaks_a_rule(entry, code):
    with pytest.raises(RegistryError) as caught:
        checked(entry)
    assert caught.value.code == code


def test_a_kecamatan_entry_belongs_to_its_kota():
    entry = checked(Entry("32.75.01", "Batik Bekasi", "Batik"))
    assert entry.kabkota_code == "32.75" and entry.category == "batik"
    assert for_region([entry, Entry("32.75", "Dodol")], "32.75") == [entry, Entry("32.75", "Dodol")]
    assert for_region([entry, Entry("32.75", "Dodol")], "32.75.02") == [Entry("32.75", "Dodol")]
