"""Reading registry files: columns in both languages, marks, sources, problems with row and column."""

from datetime import date

import pytest

from booth_planner.importing.registry import (
    parse_date,
    parse_sources,
    preview_registry,
    read_registry,
)
from booth_planner.importing.templates import template_bytes, template_file_name
from booth_planner.registry.entries import Entry, Marks, Source
from booth_planner.registry.files import entries_csv, entries_xlsx


def csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_a_file_in_indonesian_columns_reads_into_entries():
    result = read_registry(csv(
        "wilayah;produk;kategori;bahan_baku;nomor_ig;bintang_ovop;halal;pirt_bpom;sumber;"
        "tanggal_sumber\n"
        "Toba;Ulos Batak Toba;Tenun;benang;;4;tidak;;SK Bupati;15/01/2024\n"
        "Kecamatan Simanindo, Kabupaten Samosir;Ulos Samosir;tenun;;;;;;;\n"
        "Aceh Tengah;Kopi Arabika Gayo;kuliner;;ID G 000000001;5;ya;P-IRT 123;DJKI;2010-04-28\n"),
        "registry.csv")
    assert result.problems == ()
    toba, samosir, gayo = result.items
    assert (toba.region_code, toba.name, toba.category) == ("12.12", "Ulos Batak Toba", "tenun")
    assert toba.sources == (Source("SK Bupati", date(2024, 1, 15)),)
    assert samosir.region_code == "12.17.01" and samosir.sources == (Source("registry.csv"),)
    assert gayo.marks == Marks("IDG000000001", 5, True, "P-IRT 123")


def test_bad_cells_are_reported_with_row_and_column():
    result = read_registry(csv(
        "region,product,ovop_stars,ig_number,halal,source_date\n"
        "Sumatera Utara,Ulos,,,,\n"
        "Toba,Ulos,7,IG 12,maybe,32/13/2024\n"
        "Toba,,,,,\n"
        "Toba,ulos batak,,,,\n"
        "Toba,ULOS  batak,,,,\n"), "r.csv")
    found = {(p.row, p.column, p.code) for p in result.problems}
    assert found == {
        (2, "region", "registry_province_region"), (3, "ovop_stars", "registry_bad_ovop"),
        (3, "ig_number", "registry_bad_ig_number"), (3, "halal", "bad_choice"),
        (3, "source_date", "registry_bad_date"), (4, "product", "required_value"),
        (6, "product", "registry_duplicate_row"),
    }
    assert [e.name for e in result.items] == ["ulos batak"]
    duplicate = next(p for p in result.problems if p.code == "registry_duplicate_row")
    assert "row 5" in str(duplicate)


def test_a_missing_required_column_stops_the_file():
    result = read_registry(csv("region,category\nToba,tenun\n"), "r.csv")
    assert [p.code for p in result.errors] == ["missing_column"]


@pytest.mark.parametrize("text, expected", [
    ("2024-01-15", date(2024, 1, 15)), ("15/01/2024", date(2024, 1, 15)),
    ("5-1-2024", date(2024, 1, 5)), ("2024-01-15T00:00:00", date(2024, 1, 15)),
    ("31/02/2024", None), ("januari", None),
])
def test_dates_as_people_write_them(text, expected):
    assert parse_date(text) == expected


def test_several_sources_in_one_cell():
    assert parse_sources("SK (2023-05-02) | Surat Dekranasda", date(2024, 1, 1)) == (
        Source("SK", date(2023, 5, 2)), Source("Surat Dekranasda", date(2024, 1, 1)))


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_registry_templates_read_back_cleanly(lang, fmt):
    result = read_registry(template_bytes("registry", lang, fmt, True), f"t.{fmt}")
    assert result.problems == ()
    assert [e.region_code for e in result.items] == ["12.12", "12.04", "11.04"]
    assert template_file_name("registry", lang, fmt, False).startswith(
        "produk_unggulan" if lang == "id" else "flagship_products")


ENTRIES = [
    Entry("12.12", "Ulos Batak Toba", "tenun", "Tenun ikat, =SUM(A1)", "benang", "Sentra Balige",
          Marks("IDG000000012", 4, True, "P-IRT 1"),
          (Source("SK", date(2023, 5, 2)), Source("Surat Dekranasda", None)), 1, 3),
    Entry("32.75.01", "Batik Bekasi", "batik", sources=(Source("Galeri", None),), entry_id=2),
]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_export_reads_back_as_the_same_entries(lang):
    for data, name in ((entries_csv(ENTRIES, lang), "e.csv"), (entries_xlsx(ENTRIES, lang), "e.xlsx")):
        result = read_registry(data, name)
        assert result.problems == ()
        assert [(e.region_code, e.name, e.description, e.marks, e.sources) for e in result.items] == \
            [(e.region_code, e.name, e.description, e.marks, e.sources) for e in ENTRIES]


def test_the_preview_tells_new_merged_and_unchanged_entries_apart():
    current = [Entry("12.12", "Ulos Batak Toba", sources=(Source("SK", None),), entry_id=1),
               Entry("12.04", "Tikar pandan", sources=(Source("r.csv", None),), entry_id=2)]
    result = read_registry(csv("region,product,description\nToba,ulos batak toba,Tenun ikat\n"
                               "Nias,Tikar Pandan,\nDairi,Kopi Sidikalang,\n"), "r.csv")
    preview = preview_registry(current, result)
    assert [e.name for e in preview.added] == ["Kopi Sidikalang"]
    assert [(old.entry_id, new.description) for old, new in preview.merged] == [(1, "Tenun ikat")]
    assert [e.entry_id for e in preview.unchanged] == [2]
