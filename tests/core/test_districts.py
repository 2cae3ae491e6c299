"""Kecamatan reference data and member region resolution (SPEC 1 and 5)."""

import csv

import pytest

from booth_planner.core.districts import (
    DISTRICTS_CSV,
    AmbiguousDistrictError,
    DistrictNeedsHomeError,
    DistrictOutsideHomeError,
    UnknownDistrictError,
    any_region,
    district,
    districts,
    districts_of,
    full_name,
    regency_of,
    resolve_member_region,
)
from booth_planner.core.regions import AmbiguousRegionError, RegionError, kabupaten_kota

BEKASI = "32.75"
BEKASI_KECAMATAN = ["Bekasi Timur", "Bekasi Barat", "Bekasi Utara", "Bekasi Selatan",
                    "Rawalumbu", "Medansatria", "Bantargebang", "Pondokgede", "Jatiasih",
                    "Jatisampurna", "Mustikajaya", "Pondokmelati"]


def test_all_7285_kecamatan_with_codes_inside_a_known_kabupaten_kota():
    items = districts()
    assert len(items) == 7285 == len({d.code for d in items})
    known = {r.code for r in kabupaten_kota()}
    assert all(d.code.rsplit(".", 1)[0] in known and d.type == "kecamatan" for d in items)
    assert {d.code.rsplit(".", 1)[0] for d in items} == known  # every kabupaten/kota has some
    with DISTRICTS_CSV.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["code", "name", "regency_code", "province_code"]


def test_kota_bekasi_has_its_twelve_kecamatan():
    assert [d.name for d in districts_of(BEKASI)] == BEKASI_KECAMATAN
    assert district("32.75.03").name == "Bekasi Utara"
    assert regency_of("32.75.03").name == "Kota Bekasi"
    assert full_name(district("32.75.03")) == "Kecamatan Bekasi Utara, Kota Bekasi"
    assert any_region("32.75").name == "Kota Bekasi" and any_region("32.75.03").code == "32.75.03"


@pytest.mark.parametrize("text", ["32.75.03", "327503", "32-75-03", " 32.75.3 "])
def test_a_code_resolves_anywhere_without_a_home(text):
    assert resolve_member_region(text).code == "32.75.03"


@pytest.mark.parametrize("text", ["Bekasi Utara", "bekasi utara", "Kecamatan Bekasi Utara",
                                  "Kec. Bekasi Utara", "BEKASI  UTARA", "Bekasi-Utara"])
def test_a_name_resolves_inside_the_home(text):
    assert resolve_member_region(text, home=BEKASI).code == "32.75.03"


@pytest.mark.parametrize("text,code", [("Pondok Gede", "32.75.08"), ("Medan Satria", "32.75.06"),
                                       ("Bantar Gebang", "32.75.07"),
                                       ("Mustika Jaya", "32.75.11")])
def test_spellings_with_spaces_resolve_to_the_official_name(text, code):
    assert resolve_member_region(text, home=BEKASI).code == code


def test_kecamatan_comma_kabupaten_kota_resolves_without_a_home():
    assert resolve_member_region("Bekasi Utara, Kota Bekasi").code == "32.75.03"
    assert resolve_member_region("Wonosari, Kabupaten Gunungkidul").code == "34.03.01"
    # Five kecamatan are called Wonosari: the kabupaten after the comma picks one.
    assert resolve_member_region("Wonosari, Kab. Gunungkidul", home=BEKASI).code == "34.03.01"


def test_a_name_is_never_guessed_across_regions():
    with pytest.raises(DistrictNeedsHomeError) as caught:
        resolve_member_region("Cibinong")  # only one Cibinong in Indonesia, still not guessed
    assert caught.value.candidates[0].code == "32.01.01"
    with pytest.raises(DistrictOutsideHomeError) as caught:
        resolve_member_region("Wonosari", home=BEKASI)
    assert len(caught.value.candidates) == 5
    assert "Kabupaten Gunungkidul" in caught.value.message("en")


def test_unknown_name_at_home_names_the_closest_kecamatan_first():
    with pytest.raises(UnknownDistrictError) as caught:
        resolve_member_region("Bekasi Utra", home=BEKASI)
    assert caught.value.candidates[0].code == "32.75.03"
    assert "Bekasi Utara" in caught.value.message("id")


def test_unknown_code_names_the_nearest_codes_of_that_kabupaten_kota():
    with pytest.raises(UnknownDistrictError) as caught:
        resolve_member_region("32.75.13")
    assert caught.value.candidates[0].code == "32.75.12"


def test_a_kecamatan_named_like_a_kabupaten_kota_is_ambiguous_at_home():
    # A kecamatan whose name is also a kabupaten/kota's is never taken for either: both named.
    clashes = [(d, r) for d in districts() for r in kabupaten_kota()
               if d.name.casefold() == r.name.split(" ", 1)[1].casefold()]
    kecamatan, other = clashes[0]
    home = kecamatan.code.rsplit(".", 1)[0]
    with pytest.raises(AmbiguousRegionError) as caught:
        resolve_member_region(kecamatan.name, home=home)
    assert {c.code for c in caught.value.candidates} >= {kecamatan.code, other.code}


def test_kabupaten_kota_and_provinces_resolve_as_in_spec_1():
    assert resolve_member_region("Kota Bekasi", home=BEKASI).code == "32.75"
    assert resolve_member_region("Sumut", home=BEKASI).code == "12"
    with pytest.raises(AmbiguousRegionError):
        resolve_member_region("Bandung", home=BEKASI)


def test_messages_exist_in_both_languages():
    with pytest.raises(RegionError) as caught:
        resolve_member_region("Cibinong")
    assert caught.value.message("id") != caught.value.message("en")
    assert isinstance(caught.value, ValueError)


def test_a_clash_inside_one_home_names_both():
    # Kota Bekasi's kecamatan do not clash, but "Karanganyar" names a kabupaten and kecamatan in
    # a home that has a Kecamatan Karanganyar: both are named.
    homes = {d.code.rsplit(".", 1)[0] for d in districts() if d.name == "Karanganyar"}
    home = sorted(h for h in homes if h != "33.13")[0]
    with pytest.raises(AmbiguousDistrictError) as caught:
        resolve_member_region("Karanganyar", home=home)
    codes = {c.code for c in caught.value.candidates}
    assert "33.13" in codes and any(c.startswith(home + ".") for c in codes)
