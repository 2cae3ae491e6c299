"""The official region reference and the resolution of written regions (SPEC 1)."""

from __future__ import annotations

import csv
import pickle
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booth_planner.core import regions as reg
from booth_planner.core.model import REGION_TYPES
from booth_planner.core.regions import (
    AmbiguousRegionError,
    ConflictingRegionError,
    RegionError,
    UnknownRegionError,
    kabupaten_kota,
    normalize,
    province_of,
    provinces,
    region,
    region_aliases,
    regions,
    resolve,
)

INTENDED_AMBIGUOUS_ALIASES = {"Yogyakarta", "Jogja", "Yogya", "Jogjakarta"}


def codes(found) -> list[str]:
    """The codes of some regions, in their order."""
    return [r.code for r in found]


# --- the reference ---------------------------------------------------------------------------

def test_counts_match_the_kepmendagri_list():
    assert len(provinces()) == 38
    assert len(kabupaten_kota()) == 514
    assert len(regions()) == 552
    assert len({r.code for r in regions()}) == 552


def test_csv_has_exactly_the_contract_columns():
    with reg.REGIONS_CSV.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["code", "name", "type", "province_code", "capital", "latitude", "longitude"]


def test_well_known_codes():
    assert region("12.04").name == "Kabupaten Nias"
    assert region("12").name == "Sumatera Utara"
    assert region("12.12").name == "Kabupaten Toba"
    assert region("71.09").name == "Kabupaten Kepulauan Siau Tagulandang Biaro"


def test_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        region("12.99")


def test_regions_are_in_code_order():
    assert codes(regions()) == sorted(codes(regions()))


def test_kabupaten_kota_per_province():
    assert len(kabupaten_kota("12")) == 33
    assert len(kabupaten_kota("11")) == 23
    assert all(r.province_code == "12" for r in kabupaten_kota("12"))
    assert sum(len(kabupaten_kota(p.code)) for p in provinces()) == 514
    with pytest.raises(KeyError):
        kabupaten_kota("12.04")


def test_type_follows_the_code():
    for r in regions():
        if "." not in r.code:
            assert (r.type, r.province_code) == ("provinsi", r.code)
        else:
            province, number = r.code.split(".")
            assert r.province_code == province
            assert r.type == ("kota" if int(number) >= 71 else "kabupaten"), r
            assert r.name.startswith("Kota " if r.type == "kota" else "Kabupaten "), r
        assert r.type in REGION_TYPES


def test_province_of():
    assert province_of("12.04").code == "12"
    assert province_of("12") == region("12")


def test_every_capital_is_named_and_inside_indonesia():
    for r in regions():
        assert r.capital.strip(), r
        assert -11.5 <= r.latitude <= 6.5, r
        assert 94.0 <= r.longitude <= 141.5, r


def test_upstream_errors_are_corrected():
    assert region("74.07").longitude == pytest.approx(123.54, abs=0.1)
    assert region("81.03").capital == "Saumlaki"
    assert region("94").capital == "Nabire"
    assert region("95").capital == "Wamena"


def test_aliases_point_at_existing_regions_with_known_kinds():
    for alias in region_aliases():
        assert alias.code in {r.code for r in regions()}, alias
        assert alias.kind in reg.ALIAS_KINDS, alias
        assert alias.alias.strip() == alias.alias and alias.alias, alias


def test_every_alias_resolves_to_its_region_unless_ambiguous_on_purpose():
    for alias in region_aliases():
        if alias.alias in INTENDED_AMBIGUOUS_ALIASES:
            with pytest.raises(AmbiguousRegionError) as error:
                resolve(alias.alias)
            assert alias.code in codes(error.value.candidates)
        else:
            assert resolve(alias.alias).code == alias.code, alias


def test_no_alias_is_listed_twice_for_one_region():
    pairs = Counter((normalize(a.alias), a.code) for a in region_aliases())
    assert [pair for pair, n in pairs.items() if n > 1] == []


# --- resolution: accepted forms --------------------------------------------------------------

@pytest.mark.parametrize("text", ["12.04", "1204", " 12.04 ", "12-04", "Kabupaten Nias", "Nias",
                                  "kab. nias", "KAB NIAS", "Pemerintah Kabupaten Nias", "12.4"])
def test_kabupaten_nias_forms(text):
    assert resolve(text).code == "12.04"


@pytest.mark.parametrize("text", ["Kabupaten Toba", "Kab. Toba", "Kab Toba", "KAB. TOBA", "Toba",
                                  "  kabupaten   toba ", "Toba Samosir", "Kab. Toba Samosir",
                                  "Tobasa", "12.12", "1212"])
def test_kabupaten_toba_forms(text):
    assert resolve(text).code == "12.12"


@pytest.mark.parametrize("text", ["Kota Medan", "KOTA MEDAN ", "Medan", "kota  medan",
                                  "Dekranasda Kota Medan", "Kodya Medan"])
def test_kota_medan_forms(text):
    assert resolve(text).code == "12.71"


@pytest.mark.parametrize("text", ["12", "Sumatera Utara", "Provinsi Sumatera Utara", "Prov. Sumut",
                                  "SUMUT", "Sumatra Utara", "Propinsi Sumatera Utara"])
def test_province_forms(text):
    assert resolve(text).code == "12"


@pytest.mark.parametrize(("text", "code"), [
    ("Humbahas", "12.16"), ("Madina", "12.13"), ("Sergai", "12.18"), ("Tapteng", "12.01"),
    ("Tapsel", "12.03"), ("Taput", "12.02"), ("Labura", "12.23"), ("Labusel", "12.22"),
    ("Paluta", "12.20"), ("Palas", "12.21"), ("Siantar", "12.72"), ("Agara", "11.02"),
    ("Abdya", "11.12"), ("Jakpus", "31.71"), ("Jaksel", "31.74"), ("Jakbar", "31.73"),
    ("Jaktim", "31.75"), ("Jakut", "31.72"), ("Kepri", "21"), ("Babel", "19"), ("DIY", "34"),
    ("NTB", "52"), ("NTT", "53"), ("Kaltara", "65"), ("Sultra", "74"), ("Malut", "82"),
    ("DKI", "31"), ("DKI Jakarta", "31"), ("Prov. DKI Jakarta", "31"), ("Jateng", "33"),
    ("Pangkep", "73.10"), ("Sitaro", "71.09"), ("Tangsel", "36.74"),
])
def test_abbreviations(text, code):
    assert resolve(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("Toba Samosir", "12.12"), ("Maluku Tenggara Barat", "81.03"), ("Irian Jaya Barat", "92"),
    ("Nanggroe Aceh Darussalam", "11"), ("Kabupaten Pontianak", "61.02"),
    ("Mamuju Utara", "76.01"),
])
def test_former_names(text, code):
    assert resolve(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("Pematang Siantar", "12.72"), ("Kota P. Siantar", "12.72"), ("P Siantar", "12.72"),
    ("Tanjung Balai", "12.74"), ("Tg. Balai", "12.74"), ("Tanjungbalai", "12.74"),
    ("Labuhan Batu", "12.10"), ("Labuhanbatu", "12.10"), ("Tebing Tinggi", "12.76"),
    ("Padang Sidempuan", "12.77"), ("Padangsidimpuan", "12.77"), ("Gunung Sitoli", "12.78"),
    ("Gunungsitoli", "12.78"), ("Banda Aceh", "11.71"), ("Lhok Seumawe", "11.73"),
    ("Bau-Bau", "74.72"), ("Baubau", "74.72"), ("Kota Bau Bau", "74.72"), ("Batubara", "12.19"),
    ("Kab. Kep. Siau Tagulandang Biaro", "71.09"), ("Kab. Adm. Kep. Seribu", "31.01"),
    ("Kota Administrasi Jakarta Selatan", "31.74"), ("Kota Jakarta Selatan", "31.74"),
    ("Kota Baru", "63.02"), ("Kota Waringin Timur", "62.02"), ("Kota Kotamobagu", "71.74"),
])
def test_spelling_variants(text, code):
    assert resolve(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("Kabupaten Bandung", "32.04"), ("Kota Bandung", "32.73"), ("Kota Yogyakarta", "34.71"),
    ("Provinsi Yogyakarta", "34"), ("Provinsi Gorontalo", "75"), ("Kab. Gorontalo", "75.01"),
    ("Kota Gorontalo", "75.71"), ("Kota Jogja", "34.71"), ("Kota Pontianak", "61.71"),
])
def test_prefix_settles_a_shared_name(text, code):
    assert resolve(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("12.04 Kabupaten Nias", "12.04"), ("12.04 - Nias", "12.04"), ("Kabupaten Nias (12.04)", "12.04"),
    ("Kota Medan 12.71", "12.71"), ("32.73 Bandung", "32.73"), ("Bandung (32.04)", "32.04"),
    ("12.1 Labuhanbatu", "12.10"), ("1210 Kab. Labuhanbatu", "12.10"),
])
def test_code_with_name_when_they_agree(text, code):
    assert resolve(text).code == code


@pytest.mark.parametrize("text", ["Kota\u00a0Medan", "\ufeffKota Medan", "\ufeff12.71", "Kota\tMedan"])
def test_invisible_characters_from_spreadsheets(text):
    assert resolve(text).code == "12.71"


# --- resolution: errors ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Bandung", ["32.04", "32.73"]), ("Bekasi", ["32.16", "32.75"]), ("Bogor", ["32.01", "32.71"]),
    ("malang", ["35.07", "35.73"]), ("Kediri", ["35.06", "35.71"]), ("Serang", ["36.04", "36.73"]),
    ("Tangerang", ["36.03", "36.71"]), ("Solok", ["13.02", "13.72"]), ("Kupang", ["53.01", "53.71"]),
    ("Jayapura", ["91.03", "91.71"]), ("Sorong", ["96.01", "96.71"]), ("Banjar", ["32.79", "63.03"]),
    ("Gorontalo", ["75", "75.01", "75.71"]), ("Jambi", ["15", "15.71"]),
    ("Bengkulu", ["17", "17.71"]), ("Yogyakarta", ["34", "34.71"]), ("Jogja", ["34", "34.71"]),
    ("Pontianak", ["61.02", "61.71"]), ("12.1", ["12.01", "12.10"]),
])
def test_ambiguous_names_the_candidates(text, expected):
    with pytest.raises(AmbiguousRegionError) as error:
        resolve(text)
    assert codes(error.value.candidates) == expected
    assert error.value.text == text
    for candidate in error.value.candidates:
        assert f"{candidate.name} ({candidate.code})" in str(error.value)


def test_code_and_name_that_disagree_name_both():
    with pytest.raises(ConflictingRegionError) as error:
        resolve("12.04 Toba")
    assert codes(error.value.candidates) == ["12.04", "12.12"]
    assert "the code and the name point to different regions" in str(error.value)


def test_unknown_code_with_a_known_name_suggests_the_name():
    with pytest.raises(UnknownRegionError) as error:
        resolve("99.99 Nias")
    assert error.value.candidates[0].code == "12.04"


def test_error_keeps_the_text_as_written():
    with pytest.raises(AmbiguousRegionError) as error:
        resolve("  bandung ")
    assert error.value.text == "  bandung "
    assert str(error.value).startswith('"bandung": fits more than one region')


def test_ambiguous_message_names_both_bandungs():
    with pytest.raises(RegionError, match=r"Kabupaten Bandung \(32\.04\), Kota Bandung \(32\.73\)"):
        resolve("Bandung")


def test_unknown_lists_closest_first():
    with pytest.raises(UnknownRegionError) as error:
        resolve("Tobba")
    assert error.value.candidates[0].code == "12.12"
    assert 1 <= len(error.value.candidates) <= 5
    assert str(error.value).startswith('"Tobba": not a known region; closest: Kabupaten Toba (12.12)')


@pytest.mark.parametrize(("text", "closest"), [
    ("Humbahass", "12.16"), ("Kabupaten Samosr", "12.17"), ("Kota Medam", "12.71"),
    ("Pematangsiantr", "12.72"), ("Kabupaten Medan", "12.71"), ("Kota Toba", "12.12"),
    ("NTBB", "52"), ("Sumutt", "12"), ("Surabya", "35.78"),
])
def test_unknown_typo_suggests_the_meant_region_first(text, closest):
    with pytest.raises(UnknownRegionError) as error:
        resolve(text)
    assert error.value.candidates[0].code == closest


def test_unknown_code_suggests_nearby_codes():
    with pytest.raises(UnknownRegionError) as error:
        resolve("12.99")
    assert error.value.candidates[0].code == "12.78"
    assert all(c.province_code == "12" for c in error.value.candidates)


@pytest.mark.parametrize("text", ["", "   ", "xyzzy qwv"])
def test_nothing_like_a_region(text):
    with pytest.raises(UnknownRegionError) as error:
        resolve(text)
    assert error.value.candidates == ()


def test_tapanuli_alone_lists_the_three_tapanuli():
    with pytest.raises(UnknownRegionError) as error:
        resolve("Tapanuli")
    assert sorted(codes(error.value.candidates[:3])) == ["12.01", "12.02", "12.03"]


def test_errors_survive_pickling():
    with pytest.raises(AmbiguousRegionError) as error:
        resolve("Bandung")
    copy = pickle.loads(pickle.dumps(error.value))
    assert (type(copy), copy.text, copy.candidates) == (AmbiguousRegionError, "Bandung",
                                                       error.value.candidates)


def test_errors_are_value_errors_and_translated():
    with pytest.raises(ValueError) as error:
        resolve("Bandung")
    assert isinstance(error.value, RegionError)
    indonesian = error.value.message("id")
    assert "cocok dengan lebih dari satu wilayah" in indonesian
    assert "Kota Bandung (32.73)" in indonesian


# --- per-event aliases -----------------------------------------------------------------------

def test_event_alias_resolves_a_local_name():
    learnt = {normalize("Sipirok Raya"): "12.03"}
    assert resolve("SIPIROK  RAYA", aliases=learnt).code == "12.03"
    with pytest.raises(UnknownRegionError):
        resolve("Sipirok Raya")


def test_event_alias_settles_an_ambiguous_name():
    learnt = {normalize("Bandung"): "32.73"}
    assert resolve("bandung", aliases=learnt).code == "32.73"


def test_event_alias_yields_to_a_contradicting_prefix():
    learnt = {normalize("Bandung"): "32.73"}
    assert resolve("Kabupaten Bandung", aliases=learnt).code == "32.04"


def test_event_alias_to_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        resolve("Somewhere", aliases={"somewhere": "99.99"})


# --- normalize -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Kabupaten Toba", "toba"), ("KAB. TOBA", "toba"), ("Kota Medan ", "medan"),
    ("Kota Administrasi Jakarta Pusat", "jakarta pusat"), ("Prov. Sumut", "sumut"),
    ("Provinsi  Sumatera-Utara", "sumatera utara"), ("P. Siantar", "p siantar"),
    ("Kota", "kota"),
])
def test_normalize(text, expected):
    assert normalize(text) == expected


# --- every region resolves from its own name and code ----------------------------------------

def _unique_name_regions():
    """Regions whose name without prefix no other region's name or alias shares."""
    keys = Counter(normalize(r.name).replace(" ", "") for r in regions())
    keys.update({normalize(a.alias).replace(" ", "") for a in region_aliases()})
    return [r for r in regions() if keys[normalize(r.name).replace(" ", "")] == 1]


@given(st.sampled_from(regions()))
def test_code_gives_the_region(r):
    assert resolve(r.code) == r
    assert resolve(r.code.replace(".", "")) == r


@given(st.sampled_from(_unique_name_regions()),
       st.sampled_from([str.lower, str.upper, str.title, lambda s: f"  {s} "]))
def test_unique_name_with_or_without_prefix_gives_the_region(r, case):
    assert resolve(case(r.name)) == r
    assert resolve(case(normalize(r.name))) == r


def test_every_region_resolves_from_its_code_and_unique_name():
    unique = set(_unique_name_regions())
    assert len(unique) > 480
    for r in regions():
        assert resolve(r.code) == r
        if r in unique:
            assert resolve(r.name) == r
            assert resolve(normalize(r.name)) == r
