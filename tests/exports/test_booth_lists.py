"""Booth-list exports: SPEC columns and order, CSV guard, BOM and delimiters, Excel, zip, HTML."""

import csv
import io
import zipfile
from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from booth_planner.core.formula_guard import FORMULA_TRIGGERS, neutralise, restore
from booth_planner.core.model import Applicant, Booth, Unplaced
from booth_planner.exports.booth_lists import (
    ASSIGNMENT_COLUMNS,
    UNPLACED_COLUMNS,
    assignments_table,
    csv_bytes,
    excel_bytes,
    export_file_name,
    floor_plan_html,
    printable_hall_list_html,
    province_lists_zip,
    unplaced_table,
)
from tests.coverage_sample import sample_state

BOM = b"\xef\xbb\xbf"


def parse_csv(data: bytes, delimiter: str = ",") -> list[list[str]]:
    """Rows of an exported CSV, after checking its BOM."""
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM):].decode("utf-8")), delimiter=delimiter))


def test_booth_list_has_the_spec_columns_in_order():
    table = assignments_table(sample_state())
    assert list(table.columns) == list(ASSIGNMENT_COLUMNS)
    assert list(assignments_table(sample_state(), geometry=True).columns) == list(
        ASSIGNMENT_COLUMNS) + ["x", "y", "width_m", "depth_m", "price_idr"]


def test_booth_list_rows_are_ordered_by_hall_then_booth_id_naturally():
    state = sample_state()
    state = replace(state, booths=state.booths + (
        Booth("A-10", "Hall A", 12, 0), Booth("A-02", "Hall A", 15, 0), Booth("C-1", "Hall 10", 0, 0),
        Booth("C-2", "Hall 9", 0, 0)))
    table = assignments_table(state)
    assert list(zip(table["hall"], table["booth_id"], strict=True)) == [
        ("Hall 9", "C-2"), ("Hall 10", "C-1"), ("Hall A", "A-1"), ("Hall A", "A-02"),
        ("Hall A", "A-2"), ("Hall A", "A-3"), ("Hall A", "A-4"), ("Hall A", "A-10"),
        ("Hall B", "B-1"), ("Hall B", "B-2")]


def test_booth_list_fills_region_and_province_names_and_leaves_free_booths_empty():
    rows = assignments_table(sample_state()).set_index("booth_id")
    a2 = rows.loc["A-2"]
    assert (a2["applicant_id"], a2["region_code"], a2["region_name"], a2["province_code"],
            a2["province_name"], a2["zone"], bool(a2["locked"])) == (
        "P3", "12.71", "Kota Medan", "12", "Sumatera Utara", "batik", True)
    assert not rows.loc["A-1", "locked"]
    # A province's own Dekranasda: the province is both region and province.
    assert rows.loc["B-1", ["region_name", "province_code", "province_name"]].tolist() == [
        "Kepulauan Bangka Belitung", "19", "Kepulauan Bangka Belitung"]
    free = rows.loc["B-2"]
    assert free[list(ASSIGNMENT_COLUMNS[5:])].isna().all()
    assert rows.loc["A-4", "status"] == "blocked"


def test_unplaced_list_has_spec_columns_and_reasons():
    unplaced = [Unplaced("P4", "NO_ADJACENT_GROUP", "no free group of 1 booth"),
                Unplaced("P2", "CAPACITY", "booths went to others")]
    table = unplaced_table(sample_state(), unplaced)
    assert list(table.columns) == list(UNPLACED_COLUMNS)
    assert table.to_dict("records")[0] == {
        "applicant_id": "P4", "name": "Anyaman Pakpak", "region_code": "12.15",
        "region_name": "Kabupaten Pakpak Bharat", "category": "anyaman", "booths_requested": 1,
        "reason_code": "NO_ADJACENT_GROUP", "reason": "no free group of 1 booth"}
    assert table["applicant_id"].tolist() == ["P4", "P2"]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_has_bom_and_the_chosen_delimiter(delimiter):
    data = csv_bytes(assignments_table(sample_state()), delimiter)
    rows = parse_csv(data, delimiter)
    assert rows[0] == list(ASSIGNMENT_COLUMNS)
    assert len(rows) == 7
    b1 = next(r for r in rows if r[0] == "B-1")
    assert b1[8] == "Kepulauan Bangka Belitung"
    assert data.count(b"\r\n") == 7
    assert b"Kepulauan Bangka Belitung" in data  # UTF-8, no escaping


def test_csv_rejects_other_delimiters():
    with pytest.raises(ValueError, match="delimiter"):
        csv_bytes(assignments_table(sample_state()), "\t")


def test_csv_writes_booleans_numbers_and_blanks_plainly():
    rows = parse_csv(csv_bytes(assignments_table(sample_state(), geometry=True)))
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id["A-2"]["locked"] == "true" and by_id["A-1"]["locked"] == "false"
    assert by_id["B-2"]["locked"] == "" and by_id["B-2"]["applicant_id"] == ""
    assert (by_id["B-1"]["x"], by_id["B-1"]["width_m"], by_id["B-2"]["x"]) == ("0", "4.5", "4.5")
    assert by_id["A-3"]["price_idr"] == "2500000" and by_id["A-1"]["price_idr"] == ""


def test_csv_neutralises_formula_text_but_not_numbers():
    state = sample_state()
    state = replace(
        state,
        booths=state.booths + (Booth("-", "Hall B", -3, 0), Booth("@x", "Hall B", 9, 0)),
        applicants=(replace(state.applicants[0], name='=HYPERLINK("http://x","y")',
                            product="+62 812"),) + state.applicants[1:],
    )
    rows = parse_csv(csv_bytes(assignments_table(state, geometry=True)))
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id["A-1"]["name"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert by_id["A-1"]["product"] == "'+62 812"
    assert "'-" in by_id and by_id["'-"]["x"] == "-3"  # id is text: guarded; x is a number
    assert "'@x" in by_id
    numeric = {"x", "y", "width_m", "depth_m", "price_idr"}
    for row in rows:
        for column, cell in zip(rows[0], row, strict=True):
            assert column in numeric or not cell.startswith(FORMULA_TRIGGERS)


@pytest.mark.parametrize("value, written", [
    ("=1+2", "'=1+2"), ("-", "'-"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("@a", "'@a"),
    ("'=x", "''=x"), ("'plain", "'plain"), ("A-01", "A-01"), ("", ""),
])
def test_neutralise_cases(value, written):
    assert neutralise(value) == written
    assert restore(written) == value


@given(st.text())
def test_restore_undoes_neutralise_for_any_text(value):
    written = neutralise(value)
    assert restore(written) == value
    assert not written.startswith(FORMULA_TRIGGERS)


def test_excel_workbook_has_summary_and_hall_sheets_with_frozen_headers():
    workbook = openpyxl.load_workbook(io.BytesIO(excel_bytes(sample_state(), "en")))
    assert workbook.sheetnames == ["Summary", "Hall A", "Hall B"]
    hall_a = workbook["Hall A"]
    assert hall_a.freeze_panes == "A2"
    assert hall_a["A1"].value == "Booth"
    assert [hall_a.cell(r, 1).value for r in range(2, 6)] == ["A-1", "A-2", "A-3", "A-4"]
    assert hall_a.column_dimensions["G"].width > 15  # exhibitor names fit
    summary = workbook["Summary"]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0][0] == "Pameran Kriya PON XXI"
    assert ("Hall A", 4, 3, 0, 1, None) in rows and ("Total", 6, 4, 1, 1, None) in rows
    # Per province: applicants, placed, booths, kabupaten/kota represented, official count.
    assert ("Sumatera Utara", 4, 2, 3, 2, 33) in rows
    assert ("Kepulauan Bangka Belitung", 2, 1, 1, 0, 7) in rows
    assert summary.freeze_panes == "A6"  # title block and the hall header stay in view


def test_excel_keeps_formula_text_as_text_and_numbers_as_numbers():
    state = sample_state()
    state = replace(state, applicants=(replace(state.applicants[0], name="=cmd|' /C calc'!A0"),)
                    + state.applicants[1:])
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(state, "id")))["Hall A"]
    name = sheet.cell(2, 7)
    assert name.value == "=cmd|' /C calc'!A0" and name.data_type == "s" and name.quotePrefix
    assert sheet.cell(4, 15).value == 6 and sheet.cell(4, 15).data_type == "n"  # A-3 x


def test_excel_sheet_names_are_valid_and_unique():
    state = sample_state()
    long = "Hall Utama / Gedung Serbaguna Lantai Dua [Timur]"
    state = replace(state, booths=state.booths + (
        Booth("X-1", long, 0, 0), Booth("X-2", long.upper(), 0, 0)))
    names = openpyxl.load_workbook(io.BytesIO(excel_bytes(state, "id"))).sheetnames
    assert len(names) == 5 and len({n.casefold() for n in names}) == 5
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_province_zip_has_one_list_per_province():
    data = province_lists_zip(sample_state(), ";", "id")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["stand_12_sumatera-utara.csv",
                                      "stand_19_kepulauan-bangka-belitung.csv"]
        rows = parse_csv(archive.read("stand_12_sumatera-utara.csv"), ";")
    assert rows[0] == list(ASSIGNMENT_COLUMNS)
    assert [r[0] for r in rows[1:]] == ["A-1", "A-2", "A-3"]


def test_export_file_name_carries_event_and_day():
    state = sample_state()
    assert export_file_name("assignments", state.event, date(2026, 11, 22), "csv", "id") == (
        "stand_pon-xxi-2024_2026-11-22.csv")
    assert export_file_name("workbook", "PON XXI 2024", date(2026, 1, 2), ".xlsx", "en") == (
        "booth_list_pon-xxi-2024_2026-01-02.xlsx")


def test_printable_hall_list_escapes_names_and_lists_only_that_hall():
    state = sample_state()
    state = replace(state, applicants=state.applicants + (
        Applicant("P9", "<script>alert(1)</script>", "12.06", "kriya kayu"),))
    state = replace(state, assignments=state.assignments + (
        replace(state.assignments[0], booth_id="B-2", applicant_id="P9"),))
    page = printable_hall_list_html(state, "Hall B", "en").decode("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "B-1" in page and "A-1" not in page
    assert "Pameran Kriya PON XXI: Hall B" in page and "2 booths" in page
    assert "Kepulauan Bangka Belitung" in page


# --- round trip through the importer ----------------------------------------------------------

def tricky_state():
    """The sample with ids, halls and names that look like formulas, and a negative coordinate."""
    state = sample_state()
    booths = state.booths + (
        Booth("-", "Hall B", -3, 9.5, zone="kuliner"), Booth("@1", "+Hall", 0, 0, width_m=2.5),
        Booth("=1+1", "+Hall", 2.5, 0, status="blocked"))
    applicants = state.applicants + (
        Applicant("-7", "=Dekranasda Kota Medan", "12.71", "kuliner", "'=bukan rumus"),)
    assignments = state.assignments + (replace(state.assignments[0], booth_id="-", applicant_id="-7"),
                                       replace(state.assignments[0], booth_id="@1", applicant_id="P6"))
    return replace(state, booths=booths, applicants=applicants, assignments=assignments)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_booth_list_reimports_as_the_same_booths(delimiter):
    from booth_planner.importing.readers import read_booths

    state = tricky_state()
    result = read_booths(csv_bytes(assignments_table(state, geometry=True), delimiter), "stand.csv")
    assert result.ok and not result.errors
    assert result.delimiter == delimiter
    assert sorted(result.items, key=lambda b: b.booth_id) == sorted(state.booths,
                                                                   key=lambda b: b.booth_id)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_booth_list_gives_back_the_same_assignments_and_names(delimiter):
    from booth_planner.importing.spreadsheet import read_table

    state = tricky_state()
    data = csv_bytes(assignments_table(state, geometry=True), delimiter)
    table = read_table(data, lambda cells: sum(c in ASSIGNMENT_COLUMNS for c in cells))
    rows = [dict(zip(table.header, (restore(c) for c in cells), strict=True))
            for _, cells in table.rows]
    got = {(r["booth_id"], r["applicant_id"], r["locked"] == "true") for r in rows if r["applicant_id"]}
    assert got == {(a.booth_id, a.applicant_id, a.locked) for a in state.assignments}
    names = {r["applicant_id"]: (r["name"], r["product"]) for r in rows if r["applicant_id"]}
    assert names["-7"] == ("=Dekranasda Kota Medan", "'=bukan rumus")


def test_export_file_name_can_name_a_hall():
    assert export_file_name("hall_list", "pon-xxi-2024", date(2026, 11, 22), "html", "en",
                            part="Hall A / Utama") == "hall_list_pon-xxi-2024_hall-a-utama_2026-11-22.html"


def test_printable_hall_list_translates_status_and_booth_type():
    page = printable_hall_list_html(sample_state(), "Hall A", "id").decode("utf-8")
    assert "<td>sudut</td>" in page and "<td>diblokir</td>" in page and "<td>terisi</td>" in page


def test_floor_plan_html_is_standalone_with_a_named_png_button():
    pytest.importorskip("booth_planner.charts.floor_plan")
    page = floor_plan_html(sample_state(), "Hall B", "en").decode("utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<script src=" not in page  # plotly.js is inside the file, nothing to fetch
    assert "<title>Pameran Kriya PON XXI: Hall B</title>" in page
    assert '"filename": "floor_plan_pon-xxi-2024_hall-b"' in page
    assert "Kepulauan Bangka Belitung" in page  # B-1's holder is drawn


def test_the_offline_floor_plan_shows_its_title_and_names_exhibitors_on_hover():
    pytest.importorskip("booth_planner.charts.floor_plan")
    page = floor_plan_html(sample_state(), "Hall A", "en").decode("utf-8")
    # The figure's own title (the <title> tag has a colon, the visible one a middle dot).
    assert "Pameran Kriya PON XXI · Hall A" in page.replace("\\u00b7", "·")
    assert "Exhibitor: Tenun Nias Sejahtera" in page  # A-1's holder, in the hover text


# --- round trips on hostile text -----------------------------------------------------------------

HOSTILE_NAMES = ("Tenun\nbaris dua", "Tenun  dua  spasi", "Tab\tdi\ttengah", "'Ulos",
                 "''=dua apostrof", "=SUM(A1:A9)", "\uff1d1+1", " =spasi dulu", "@kopi",
                 "Kopi\r\nGayo", "+62 812")


def hostile_state():
    """tricky_state with line breaks, runs of spaces and tabs, apostrophes and formulas in the
    names, products, halls and zones (never at a name's outer edge, which import trims)."""
    state = tricky_state()
    applicants = tuple(replace(a, name=f"{a.name} {HOSTILE_NAMES[n % len(HOSTILE_NAMES)]}"
                               if n % 2 else HOSTILE_NAMES[n % len(HOSTILE_NAMES)],
                               product=HOSTILE_NAMES[(n + 3) % len(HOSTILE_NAMES)])
                       for n, a in enumerate(state.applicants))
    halls = {"Hall A": "Hall  A\tutama", "Hall B": "Hall\nB", "+Hall": "=Hall"}
    booths = tuple(replace(b, hall=halls.get(b.hall, b.hall)) for b in state.booths)
    booths = tuple(replace(b, zone="Tenun  dua  spasi") if b.booth_id == "A-1" else b
                   for b in booths)
    applicants += (Applicant("P9", "Tenun Dua", "12.71", "Tenun  dua  spasi"),)
    return replace(state, booths=booths, applicants=applicants,
                   halls=tuple(dict.fromkeys(b.hall for b in booths)))


def _no_change(state, result, kind):
    from booth_planner.importing.preview import preview_import

    assert result.ok, [str(p) for p in result.errors]
    preview = preview_import(state, result, kind, mode="replace")
    assert (preview.added, preview.changed, preview.removed) == ((), (), ())
    return preview


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_csv_booth_list_reimported_into_its_event_changes_nothing(delimiter):
    from booth_planner.importing.readers import read_booths
    from booth_planner.importing.spreadsheet import read_table

    state = hostile_state()
    data = csv_bytes(assignments_table(state, geometry=True), delimiter)
    _no_change(state, read_booths(data, "stand.csv"), "booths")
    table = read_table(data, lambda cells: sum(c in ASSIGNMENT_COLUMNS for c in cells))
    rows = [dict(zip(table.header, (restore(c) for c in cells), strict=True))
            for _, cells in table.rows]
    shown = {r["applicant_id"]: (r["name"], r["product"]) for r in rows if r["applicant_id"]}
    held = {a.applicant_id for a in state.assignments}
    assert shown == {a.applicant_id: (a.name, a.product) for a in state.applicants
                     if a.applicant_id in held}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_xlsx_booth_list_reimports_whole_past_its_summary_sheet(lang):
    from booth_planner.importing.readers import read_booths

    state = hostile_state()
    workbook = openpyxl.load_workbook(io.BytesIO(excel_bytes(state, lang)), read_only=True)
    summary, *hall_sheets = workbook.sheetnames
    result = read_booths(excel_bytes(state, lang), "daftar_stand.xlsx")
    assert len(result.items) == len(state.booths)  # every hall's sheet, not the first one
    assert result.sheet == ", ".join(hall_sheets) and summary not in result.sheet
    _no_change(state, result, "booths")
    assert {b.hall for b in result.items} == {"Hall  A\tutama", "Hall\nB", "=Hall"}


def test_a_problem_in_a_workbook_of_several_sheets_names_its_sheet():
    from booth_planner.importing.readers import read_booths

    state = sample_state()
    state = replace(state, booths=state.booths + (Booth("B-1", "Hall B", 9, 0),))  # twice
    result = read_booths(excel_bytes(state, "en"), "booths.xlsx")
    duplicate = next(p for p in result.errors if p.code == "duplicate_id")
    assert duplicate.file == "booths.xlsx (Hall B)"
