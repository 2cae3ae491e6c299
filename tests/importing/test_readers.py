"""The importer on real-looking bad files: every problem found, with its exact message."""

from __future__ import annotations

import codecs
import io

import openpyxl
import pytest

from booth_planner.core.model import Applicant, Booth
from booth_planner.importing import readers as importer
from booth_planner.importing import spreadsheet as tabular
from booth_planner.importing.readers import (
    cross_check,
    parse_decimal,
    parse_rupiah,
    parse_whole,
    problem_message,
    problem_suggestion,
    problem_text,
    read_applicants,
    read_booths,
)


def lines(result):
    """Every problem as the command line prints it."""
    return [str(p) for p in result.problems]


def xlsx(rows, title=None, width=4):
    """An .xlsx workbook made the way district offices make them: a merged title row on top."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- booths ---------------------------------------------------------------------------------


def test_clean_booths_file_reads_every_field():
    data = (b"booth_id,hall,x,y,width_m,depth_m,zone,booth_type,status,price_idr\n"
            b"A-01,Hall A,0,0,3,2.5,tenun,corner,available,2500000\n"
            b"A-02,Hall A,3,0,,,,,blocked,\n")
    result = read_booths(data, "booths.csv")
    assert result.ok and result.problems == ()
    assert result.items == (
        Booth("A-01", "Hall A", 0.0, 0.0, 3.0, 2.5, "tenun", "corner", "available", 2_500_000),
        Booth("A-02", "Hall A", 3.0, 0.0, 3.0, 3.0, None, "standard", "blocked", None),
    )
    assert result.rows == {"A-01": 2, "A-02": 3}


def test_indonesian_semicolon_windows_file_with_title_and_trailing_blank_lines():
    text = ("DAFTAR STAND PAMERAN KERAJINAN SUMUT;;;;;;\r\n"
            ";;;;;;\r\n"
            "Kode Stand;Hall;X;Y;Lebar (m);Jenis;Status;Harga\r\n"
            "A-01;Gedung Serbaguna – Médan;0;0;2,5;Sudut;Tersedia;Rp 2.500.000\r\n"
            "A-02;Gedung Serbaguna – Médan;2,5;0;3;standar;DIBLOKIR;Rp 2.500.000,-\r\n"
            ";;;;;;;\r\n\r\n\r\n")
    result = read_booths(text.encode("cp1252"), "stand.csv")
    assert lines(result) == []
    assert result.encoding == "windows-1252" and result.delimiter == ";"
    assert [(b.booth_id, b.width_m, b.booth_type, b.status, b.price_idr) for b in result.items] == [
        ("A-01", 2.5, "corner", "available", 2_500_000),
        ("A-02", 3.0, "standard", "blocked", 2_500_000),
    ]
    assert result.rows == {"A-01": 4, "A-02": 5}
    assert result.items[0].hall == "Gedung Serbaguna – Médan"


def test_text_numbers_negative_sizes_bad_choices_and_prices_are_each_named():
    data = (b"booth_id,hall,x,y,width_m,depth_m,booth_type,status,price_idr\n"
            b"A-01,Hall A,0,0,tiga,3,standard,available,\n"
            b"A-02,Hall A,3,0,-3,0,standard,available,\n"
            b"A-03,Hall A,6,0,3,3,kios,tutup,\n"
            b'A-04,Hall A,9,0,3,3,,,"2.500.000,50"\n'
            b"A-05,Hall A,12,0,3,3,,,-500000\n"
            b"A-06,Hall A,15,abc,3,3,,,\n")
    result = read_booths(data, "booths.csv")
    assert lines(result) == [
        "booths.csv, row 2, column width_m: 'tiga' is not a number (use metres, e.g. 3)",
        "booths.csv, row 3, column width_m: '-3' must be greater than 0 "
        "(a booth's width and depth are in metres, e.g. 3)",
        "booths.csv, row 3, column depth_m: '0' must be greater than 0 "
        "(a booth's width and depth are in metres, e.g. 3)",
        "booths.csv, row 4, column booth_type: 'kios' is not a known value "
        "(use one of: standard, corner, island, outdoor)",
        "booths.csv, row 4, column status: 'tutup' is not a known value "
        "(use one of: available, blocked)",
        "booths.csv, row 5, column price_idr: '2.500.000,50' is not a whole rupiah amount "
        "(write e.g. 2500000 or Rp 2.500.000)",
        "booths.csv, row 6, column price_idr: '-500000' is less than 0 "
        "(use a number of at least 0)",
        "booths.csv, row 7, column y: 'abc' is not a number (use metres, e.g. 3)",
    ]
    assert result.items == ()
    assert not result.ok


def test_an_unquoted_comma_that_shifts_the_row_is_caught():
    data = b"booth_id,hall,x,y\nA-01,Hall A,0,0\nA-02,Hall A, Lantai 2,3,0\n"
    result = read_booths(data, "booths.csv")
    assert lines(result)[0] == (
        "booths.csv, row 3: the row has 5 values but the header has 4 columns "
        "(put values that contain ',' in double quotes)")


def test_duplicate_booth_id_names_both_rows_ignoring_case_and_spaces():
    data = b"booth_id,hall,x,y\nA-01,Hall A,0,0\nA-02,Hall A,3,0\na-01 ,Hall B,0,0\n"
    result = read_booths(data, "booths.csv")
    assert lines(result) == [
        "booths.csv, row 4, column booth_id: 'a-01' is already used in row 2 "
        "(give every row its own id)"]
    assert [b.booth_id for b in result.items] == ["A-01", "A-02"]


def test_overlapping_booths_in_one_hall_only():
    data = (b"booth_id,hall,x,y,width_m,depth_m\n"
            b"A-01,Hall A,0,0,3,3\n"
            b"A-02,Hall A,3,0,3,3\n"
            b"A-03,Hall A,5,1,3,3\n"
            b"B-01,Hall B,0,0,3,3\n")
    result = read_booths(data, "booths.csv")
    assert lines(result) == [
        "booths.csv, row 4: booth A-03 overlaps booth A-02 (row 3) in hall Hall A "
        "(check x, y, width_m and depth_m of both booths)"]


def test_missing_required_columns_are_named_with_both_accepted_names():
    result = read_booths(b"kode_stand;hall;lebar_m\nA-01;Hall A;3\n", "stand.csv")
    assert lines(result) == [
        "stand.csv, row 1: the required column x is missing (add a column named x)",
        "stand.csv, row 1: the required column y is missing (add a column named y)",
    ]
    result = read_booths(b"hall,x,y\nHall A,0,0\n", "booths.csv")
    assert lines(result) == [
        "booths.csv, row 1: the required column booth_id is missing "
        "(add a column named booth_id or kode_stand)"]


def test_unknown_column_is_a_warning_with_the_closest_name():
    result = read_booths(b"booth_id,hall,x,y,widht_m,catatan\nA-01,H,0,0,3,x\n", "booths.csv")
    assert result.ok
    assert lines(result)[0] == ("warning: booths.csv, row 1, column widht_m: the column 'widht_m' "
                                "is not known and will be ignored (did you mean 'width_m'?)")
    assert lines(result)[1].startswith("warning: booths.csv, row 1, column catatan: the column "
                                       "'catatan' is not known and will be ignored (known columns:")


def test_two_columns_meaning_the_same_field():
    result = read_booths(b"booth_id,kode_stand,hall,x,y\nA,A,H,0,0\n", "booths.csv")
    assert lines(result) == [
        "booths.csv, row 1, column kode_stand: the columns 'booth_id' and 'kode_stand' mean the "
        "same thing (remove one of them)"]


def test_required_cells_left_empty():
    result = read_booths(b"booth_id,hall,x,y\n,Hall A,0,0\nA-02,,3,\n", "booths.csv")
    assert lines(result) == [
        "booths.csv, row 2, column booth_id: a value is required (fill in this cell)",
        "booths.csv, row 3, column hall: a value is required (fill in this cell)",
        "booths.csv, row 3, column y: a value is required (fill in this cell)",
    ]


def test_text_longer_than_the_limit():
    data = b"booth_id,hall,x,y\nA-01," + b"H" * 101 + b",0,0\n"
    assert lines(read_booths(data, "booths.csv")) == [
        "booths.csv, row 2, column hall: the text is 101 characters long; the limit is 100 "
        "(shorten it)"]
    data = b"applicant_id,name,region,category\nP1," + b"N" * 201 + b",Kota Medan,tenun\n"
    assert lines(read_applicants(data, "applicants.csv")) == [
        "applicants.csv, row 2, column name: the text is 201 characters long; the limit is 200 "
        "(shorten it)"]


def test_file_and_row_limits_are_problems_not_exceptions(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 30)
    result = read_booths(b"booth_id,hall,x,y\n" + b"A-01,Hall A,0,0\n" * 3, "booths.csv")
    assert lines(result) == ["booths.csv: the file is 0 MB; the limit is 0 MB "
                             "(split it into smaller files)"]
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 20 * 1024 * 1024)
    monkeypatch.setattr(tabular, "MAX_DATA_ROWS", 2)
    result = read_booths(b"booth_id,hall,x,y\n1,H,0,0\n2,H,3,0\n3,H,6,0\n", "booths.csv")
    assert lines(result) == ["booths.csv: the file has more than 2 data rows (split it into "
                             "several files and import them one by one in merge mode)"]


def test_real_size_limit_message(tmp_path):
    path = tmp_path / "booths.csv"
    path.write_bytes(b"booth_id,hall,x,y\n" + b" " * (21 * 1024 * 1024))
    assert lines(read_booths(path, "booths.csv")) == [
        "booths.csv: the file is 21 MB; the limit is 20 MB (split it into smaller files)"]


def test_files_that_are_not_tables():
    assert lines(read_booths(b"", "booths.csv")) == [
        "booths.csv: the file is empty (download the template and fill in its rows)"]
    assert lines(read_booths(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "booths.xls")) == [
        "booths.xls: old Excel workbooks (.xls) cannot be read "
        "(save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8')"]
    assert lines(read_booths(b"id,nama\n1,x\n", "booths.csv")) == [
        "booths.csv: no header row with known column names in the first 20 rows "
        "(the header row must name the columns booth_id or kode_stand, hall, x, y)"]


def test_missing_path_is_a_problem(tmp_path):
    result = read_booths(tmp_path / "nope.csv", "nope.csv")
    assert lines(result) == ["nope.csv: the file cannot be opened (No such file or directory) "
                             "(check the file's name and location)"]


def test_header_only_file_warns_that_it_has_no_rows():
    result = read_booths(b"booth_id,hall,x,y\n\n", "booths.csv")
    assert result.ok and result.items == ()
    assert lines(result) == ["warning: booths.csv: the file has no data rows (fill in rows below "
                             "the header; in replace mode an empty file removes everything)"]


def test_xlsx_with_merged_title_and_numbers_typed_as_numbers():
    data = xlsx([["Kode Stand", "Hall", "X", "Y", "Lebar_m", "Harga"],
                 ["A-01", "Hall A", 0, 0, 3, 2500000],
                 [101, "Hall A", 3, 0, "tiga", None],
                 [None, None, None, None, None, None]],
                title="Daftar Stand Pameran Dekranasda Sumatera Utara 2026", width=6)
    result = read_booths(data, "stand.xlsx")
    assert result.sheet == "Sheet"
    assert lines(result) == [
        "stand.xlsx, row 4, column Lebar_m: 'tiga' is not a number (use metres, e.g. 3)"]
    assert result.items == (Booth("A-01", "Hall A", 0.0, 0.0, 3.0, 3.0, price_idr=2_500_000),)


def test_problem_text_in_indonesian():
    result = read_booths(b"kode_stand,hall,x,y,lebar_m\nA-01,H,0,0,tiga\n", "stand.csv")
    assert problem_text(result.problems[0], "id") == (
        "stand.csv, baris 2, kolom lebar_m: 'tiga' bukan angka (tulis dalam meter, mis. 3)")
    assert problem_text(result.problems[0], "en") == str(result.problems[0])


def test_formula_guard_apostrophe_is_removed_once():
    result = read_booths(b"booth_id,hall,x,y,zone\nA-01,'=Hall,0,0,'-tenun\n", "booths.csv")
    assert result.items[0].hall == "=Hall"
    assert result.items[0].zone == "-tenun"


# --- applicants -----------------------------------------------------------------------------

APPLICANT_HEADER = ("applicant_id,name,region,category,product,booths_requested,priority,"
                    "locked_booth_id\n")


def test_real_region_spellings_resolve():
    text = (APPLICANT_HEADER +
            "P1,Dekranasda Humbahas,Kab. Humbahas,tenun,Ulos,1,0,\n"
            "P2,UMKM Medan,KOTA MEDAN ,kuliner,Bika Ambon,,,\n"
            "P3,Sanggar Siantar,Pematang Siantar,kriya kayu,,2,3,A-01| A-02 |\n"
            "P4,Dekranasda Sumut,12,batik,,1,0,\n")
    result = read_applicants(text.encode(), "applicants.csv")
    assert lines(result) == []
    assert result.items == (
        Applicant("P1", "Dekranasda Humbahas", "12.16", "tenun", "Ulos"),
        Applicant("P2", "UMKM Medan", "12.71", "kuliner", "Bika Ambon"),
        Applicant("P3", "Sanggar Siantar", "12.72", "kriya kayu", None, 2, 3, ("A-01", "A-02")),
        Applicant("P4", "Dekranasda Sumut", "12", "batik"),
    )


def test_cp1252_file_with_accented_names_and_indonesian_columns():
    text = ("id_peserta;nama;wilayah;kategori;produk\r\n"
            "P-01;Sanggar Rosé Pakpak;Kabupaten Pakpak Bharat;tenun;"
            "Oles Pakpak – motif “Bunga”\r\n")
    result = read_applicants(text.encode("cp1252"), "peserta.csv")
    assert lines(result) == []
    assert result.items[0].name == "Sanggar Rosé Pakpak"
    assert result.items[0].product == "Oles Pakpak – motif “Bunga”"
    assert result.items[0].region_code == "12.15"


def test_ambiguous_and_unknown_regions_name_candidates_and_are_offered_for_picking():
    text = (APPLICANT_HEADER +
            "P1,Batik Bandung,Bandung,batik,,1,0,\n"
            "P2,Ulos Kita,Kabupaten Tobasa Raya Baru,tenun,,1,0,\n")
    result = read_applicants(text.encode(), "applicants.csv")
    assert lines(result)[0] == (
        "applicants.csv, row 2, column region: the region 'Bandung' fits more than one region: "
        "32.04 Kabupaten Bandung; 32.73 Kota Bandung (write 'Kabupaten ...' or 'Kota ...' or the "
        "code, or pick one in the preview)")
    assert lines(result)[1].startswith(
        "applicants.csv, row 3, column region: the region 'Kabupaten Tobasa Raya Baru' is not "
        "known; closest: ")
    first, second = result.unresolved_regions
    assert (first.row, first.applicant_id, first.text) == (2, "P1", "Bandung")
    assert first.ambiguous
    assert [c.code for c in first.candidates] == ["32.04", "32.73"]
    assert (second.row, second.ambiguous) == (3, False)
    assert result.items == ()


def test_an_alias_remembered_for_the_event_resolves_the_name():
    from booth_planner.core.regions import normalize

    text = APPLICANT_HEADER + "P1,Batik Bandung,Bandung,batik,,1,0,\n"
    result = read_applicants(text.encode(), "applicants.csv", {normalize("Bandung"): "32.73"})
    assert result.ok and result.items[0].region_code == "32.73"


def test_whole_numbers_and_locks_on_applicants():
    text = (APPLICANT_HEADER +
            "P1,A,Kota Medan,tenun,,0,0,\n"
            "P2,B,Kota Medan,tenun,,1.5,-1,\n"
            "P3,C,Kota Medan,tenun,,dua,0,\n"
            "P4,D,Kota Medan,tenun,,1,0,A-01|A-02\n"
            "P5,,Kota Medan,,,2.0,1,\n")
    result = read_applicants(text.encode(), "applicants.csv")
    assert lines(result) == [
        "applicants.csv, row 2, column booths_requested: '0' is less than 1 "
        "(use a number of at least 1)",
        "applicants.csv, row 3, column booths_requested: '1.5' is not a whole number "
        "(use a whole number of at least 1)",
        "applicants.csv, row 3, column priority: '-1' is less than 0 (use a number of at least 0)",
        "applicants.csv, row 4, column booths_requested: 'dua' is not a whole number "
        "(use a whole number of at least 1)",
        "applicants.csv, row 5, column locked_booth_id: 2 booths are locked but only 1 requested "
        "(raise booths_requested or remove a locked booth)",
        "applicants.csv, row 6, column name: a value is required (fill in this cell)",
        "applicants.csv, row 6, column category: a value is required (fill in this cell)",
    ]


def test_duplicate_applicant_id():
    text = APPLICANT_HEADER + ("P1,A,Kota Medan,tenun,,,,\nP2,B,Kota Medan,tenun,,,,\n"
                               "P1,C,Kota Medan,tenun,,,,\n")
    assert lines(read_applicants(text.encode(), "applicants.csv")) == [
        "applicants.csv, row 4, column applicant_id: 'P1' is already used in row 2 "
        "(give every row its own id)"]


# --- between files --------------------------------------------------------------------------

BOOTHS = (b"booth_id,hall,x,y,zone,status\n"
          b"A-01,Hall A,0,0,tenun,available\n"
          b"A-02,Hall A,3,0,,available\n"
          b"A-03,Hall A,6,0,,blocked\n"
          b"B-01,Hall B,0,0,,available\n"
          b"K-01,Halaman,0,0,kulinerr,available\n")


def test_cross_check_finds_every_impossible_lock_with_rows():
    booths = read_booths(BOOTHS, "booths.csv")
    text = (APPLICANT_HEADER +
            "P1,A,Kota Medan,batik,,1,0,A-01\n"
            "P2,B,Kota Medan,tenun,,1,0,A-09\n"
            "P3,C,Kota Medan,tenun,,1,0,A-03\n"
            "P4,D,Kota Medan,tenun,,1,0,a-02\n"
            "P5,E,Kota Medan,tenun,,1,0,A-02\n"
            "P6,F,Kota Medan,tenun,,2,0,A-02|B-01\n")
    applicants = read_applicants(text.encode(), "applicants.csv")
    assert applicants.ok
    assert [str(p) for p in cross_check(booths, applicants)] == [
        "applicants.csv, row 2, column locked_booth_id: the locked booth 'A-01' is zoned for "
        "'tenun' but P1 is in category 'batik' "
        "(choose a booth zoned for 'batik' or without a zone)",
        "applicants.csv, row 3, column locked_booth_id: the locked booth 'A-09' of P2 does not "
        "exist (check the booth id against the booths file)",
        "applicants.csv, row 4, column locked_booth_id: the locked booth 'A-03' of P3 is blocked "
        "(unblock that booth or choose another)",
        "applicants.csv, row 5, column locked_booth_id: the locked booth 'a-02' of P4 does not "
        "exist (did you mean 'A-02'?)",
        "applicants.csv, row 7, column locked_booth_id: the booth 'A-02' is already locked by P5 "
        "(row 6) (a booth holds one applicant; remove one of the locks)",
        "applicants.csv, row 7, column locked_booth_id: the locked booths of P6 are in several "
        "halls: Hall A, Hall B (all booths of one applicant must be in one hall)",
        "warning: booths.csv, row 6: no applicant has the category of zone 'kulinerr'; booths K-01 "
        "will stay empty (check the spelling; the applicants' categories are: batik, tenun)",
    ]


def test_cross_check_on_plain_items_and_more_locks_than_requested():
    booths = [Booth("A-01", "H", 0, 0), Booth("A-02", "H", 3, 0)]
    applicants = [Applicant("P1", "A", "12.71", "tenun", booths_requested=1,
                            locked_booth_ids=("A-01", "A-02"))]
    assert [str(p) for p in cross_check(booths, applicants)] == [
        "applicants.csv, column locked_booth_id: 2 booths are locked but only 1 requested "
        "(raise booths_requested or remove a locked booth)"]


def test_no_zone_warning_without_applicants():
    assert cross_check(read_booths(BOOTHS, "booths.csv"), []) == []


# --- value parsing --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("3", 3.0), ("2,5", 2.5), ("2.5", 2.5), (" 3 m", 3.0), ("-1.5", -1.5), (".5", 0.5),
    ("1e1", 10.0), ("tiga", None), ("nan", None), ("inf", None), ("1.000,5", None), ("", None),
    ("1e999", None),
])
def test_parse_decimal(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("2", 2), ("2.0", 2), ("2,00", 2), ("-1", -1), ("1.5", None), ("dua", None), ("", None),
])
def test_parse_whole(text, value):
    assert parse_whole(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("2500000", 2_500_000), ("2.500.000", 2_500_000), ("2,500,000", 2_500_000),
    ("Rp 2.500.000", 2_500_000), ("Rp2.500.000,00", 2_500_000), ("Rp. 2.500.000,-", 2_500_000),
    ("IDR 750000", 750_000), ("2.500", 2_500), ("2500000.00", 2_500_000), ("0", 0),
    ("-500", -500), ("2.5", None), ("2.500.000,50", None), ("2.500,000", None), ("Rp", None),
    ("dua juta", None),
])
def test_parse_rupiah(text, value):
    assert parse_rupiah(text) == value


def test_limits_are_module_constants():
    assert importer.MAX_FILE_BYTES == 20 * 1024 * 1024
    assert importer.MAX_DATA_ROWS == 200_000
    assert importer.MAX_TEXT_LENGTH == 200


def test_utf8_bom_header_is_recognised():
    data = codecs.BOM_UTF8 + b"kode_stand,hall,x,y\nA-01,H,0,0\n"
    assert read_booths(data, "stand.csv").items[0].booth_id == "A-01"


def test_xlsx_text_is_taken_as_typed_without_removing_apostrophes():
    data = xlsx([["booth_id", "hall", "x", "y"], ["A-01", "'=Hall", 0, 0]])
    assert read_booths(data, "booths.xlsx").items[0].hall == "'=Hall"


def test_locked_booths_must_join_wall_to_wall():
    booths = [Booth("A-01", "H", 0, 0), Booth("A-02", "H", 3, 0), Booth("A-05", "H", 12, 0)]
    applicants = [Applicant("P1", "A", "12.71", "tenun", booths_requested=2,
                            locked_booth_ids=("A-01", "A-05")),
                  Applicant("P2", "B", "12.71", "tenun", booths_requested=2,
                            locked_booth_ids=("A-02",))]
    assert [str(p) for p in cross_check(booths, applicants)] == [
        "applicants.csv, column locked_booth_id: the locked booths of P1 (A-01, A-05) do not join "
        "wall to wall (one applicant's booths must be adjacent; choose neighbouring booths)"]
    adjacent = [Applicant("P1", "A", "12.71", "tenun", booths_requested=2,
                          locked_booth_ids=("A-01", "A-02"))]
    assert cross_check(booths, adjacent) == []


def test_numbers_beyond_what_an_exhibition_can_mean():
    data = (b"booth_id,hall,x,y,width_m,price_idr\n"
            b"A-01,H,0,20000,3,\n"
            b"A-02,H,3,0,3,12345678901234567\n")
    assert lines(read_booths(data, "booths.csv")) == [
        "booths.csv, row 2, column y: '20000' is more than 10,000 "
        "(check the number; a digit may be too many)",
        "booths.csv, row 3, column price_idr: '12345678901234567' is more than "
        "1,000,000,000,000,000 (check the number; a digit may be too many)",
    ]
    text = APPLICANT_HEADER + "P1,A,Kota Medan,tenun,,1001,9999999,\n"
    assert lines(read_applicants(text.encode(), "applicants.csv")) == [
        "applicants.csv, row 2, column booths_requested: '1001' is more than 1,000 "
        "(check the number; a digit may be too many)",
        "applicants.csv, row 2, column priority: '9999999' is more than 1,000,000 "
        "(check the number; a digit may be too many)",
    ]


def test_ids_are_held_to_the_length_the_database_keeps():
    data = b"booth_id,hall,x,y\n" + b"A" * 51 + b",H,0,0\n"
    assert lines(read_booths(data, "booths.csv")) == [
        "booths.csv, row 2, column booth_id: the text is 51 characters long; the limit is 50 "
        "(shorten it)"]


def test_a_list_without_ids_gets_stable_generated_ids_and_says_so():
    data = (b"nama;wilayah;kategori\r\nTenun Ulos Toba;Kab. Toba;tenun\r\n"
            b"Kopi Sidikalang;Kab. Dairi;kuliner\r\n")
    result = read_applicants(data, "peserta.csv")
    assert result.ok
    ids = [a.applicant_id for a in result.items]
    assert all(i.startswith("P-") and len(i) == 8 for i in ids) and len(set(ids)) == 2
    # Same exhibitor, same id, whatever the row: a grown or re-sorted list merges cleanly.
    reordered = (b"nama;wilayah;kategori\r\nKopi Sidikalang;Kab. Dairi;kuliner\r\n"
                 b"Batik Medan;Kota Medan;batik\r\n")
    assert read_applicants(reordered, "peserta.csv").items[0].applicant_id == ids[1]
    [warning] = result.warnings
    assert warning.code == "generated_ids" and "2 applicants were given an ID" in str(warning)
    assert "ID otomatis" in problem_message(warning, "id")


def test_given_ids_are_kept_and_a_true_duplicate_without_ids_is_reported():
    result = read_applicants(b"id_peserta,nama,wilayah,kategori\nX-1,Tenun,Kab. Toba,tenun\n",
                             "peserta.csv")
    assert [a.applicant_id for a in result.items] == ["X-1"] and not result.problems
    twice = b"nama,wilayah,kategori\nTenun,Kab. Toba,tenun\nTenun,Kab. Toba,tenun\n"
    assert not read_applicants(twice, "peserta.csv").ok


def test_missing_column_names_are_joined_in_the_shown_language():
    result = read_applicants(b"id_peserta,wilayah,kategori\nX-1,Kab. Toba,tenun\n", "peserta.csv")
    [missing] = result.errors
    assert problem_suggestion(missing, "id") == "tambahkan kolom bernama name atau nama"
    assert problem_suggestion(missing, "en") == "add a column named name or nama"
