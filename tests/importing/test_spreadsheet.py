"""Reading real-world spreadsheets into numbered rows: encodings, delimiters, title rows, blanks."""

from __future__ import annotations

import codecs
import io

import openpyxl
import pytest

from booth_planner.importing import spreadsheet as tabular
from booth_planner.importing.spreadsheet import (
    TableError,
    clean_cell,
    decode_text,
    excel_cell_text,
    read_table,
)

KNOWN = {"booth_id", "hall", "x", "y"}


def score(cells):
    """Known column names in a row, as the importer scores headers."""
    return len({c.casefold() for c in cells} & KNOWN)


def test_utf8_with_bom_is_read_and_the_bom_not_kept_in_the_first_column():
    table = read_table(codecs.BOM_UTF8 + b"booth_id,hall,x,y\nA-01,Hall A,0,0\n", score)
    assert table.header == ("booth_id", "hall", "x", "y")
    assert table.encoding == "utf-8-sig"
    assert table.rows == ((2, ("A-01", "Hall A", "0", "0")),)


def test_windows_1252_text_is_decoded():
    data = "booth_id;hall;x;y\nA-01;Gedung Sérbaguna;0;0\n".encode("cp1252")
    table = read_table(data, score)
    assert table.encoding == "windows-1252"
    assert table.delimiter == ";"
    assert table.rows[0][1][1] == "Gedung Sérbaguna"


def test_utf16_from_excel_unicode_text_is_read_tab_separated():
    data = "booth_id\thall\tx\ty\r\nA-01\tHall A\t0\t0\r\n".encode("utf-16")
    table = read_table(data, score)
    assert table.delimiter == "\t"
    assert table.rows == ((2, ("A-01", "Hall A", "0", "0")),)


def test_title_rows_are_skipped_and_row_numbers_count_them():
    data = b"DAFTAR STAND;;;\nPameran Dekranasda 2026;;;\n\nbooth_id;hall;x;y\nA-01;H;0;0\n"
    table = read_table(data, score)
    assert table.header_row == 4
    assert table.rows == ((5, ("A-01", "H", "0", "0")),)


def test_blank_and_separator_only_rows_are_dropped_anywhere():
    data = b"booth_id,hall,x,y\n\nA-01,H,0,0\n,,,\n  , ,,\nA-02,H,3,0\n\n\n"
    table = read_table(data, score)
    assert [number for number, _ in table.rows] == [3, 6]


def test_short_rows_are_padded_to_the_header():
    table = read_table(b"booth_id,hall,x,y\nA-01,H\n", score)
    assert table.rows == ((2, ("A-01", "H", "", "")),)


def test_semicolon_file_with_decimal_commas_is_not_split_on_commas():
    table = read_table(b"booth_id;hall;x;y\nA-01;H;2,5;0\n", score)
    assert table.delimiter == ";"
    assert table.rows[0][1] == ("A-01", "H", "2,5", "0")


def test_quoted_field_with_newline_keeps_following_row_numbers_as_records():
    table = read_table(b'booth_id,hall,x,y\n"A-01","Hall\nA",0,0\nA-02,H,3,0\n', score)
    assert [number for number, _ in table.rows] == [2, 3]
    assert table.rows[0][1][1] == "Hall\nA"  # the line break inside the cell is data


def test_cells_lose_outer_whitespace_and_keep_inner_whitespace_as_typed():
    assert clean_cell("\ufeff\xa0 KOTA  MEDAN \t\r\n") == "KOTA  MEDAN"
    assert clean_cell("Tenun\tdua\n  baris") == "Tenun\tdua\n  baris"


def test_matching_still_ignores_inner_whitespace():
    from booth_planner.core.regions import resolve
    from booth_planner.importing.readers import read_applicants, read_booths

    assert resolve("KOTA  MEDAN").code == resolve("Kota Medan").code
    booths = read_booths(b"booth_id,hall,x,y,booth_type,status\nA-01,H,0,0,island,blocked\n"
                         b"A-02,H,3,0,  Island ,  BLOCKED\n", "stand.csv")
    assert booths.ok and {(b.booth_type, b.status) for b in booths.items} == {("island",
                                                                                "blocked")}
    applicants = read_applicants(b"applicant_id,name,region,category,status\n"
                                 b"P1,Tenun,KOTA  MEDAN,tenun,daftar  tunggu\n", "peserta.csv")
    assert applicants.ok and applicants.items[0].region_code == "12.71"


def test_no_header_is_an_error():
    with pytest.raises(TableError) as caught:
        read_table(b"a,b,c\n1,2,3\n", score)
    assert caught.value.code == "no_header"


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty_file"),
    (b"  \r\n\r\n", "empty_file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old_excel"),
    (b"PK\x03\x04 not really a zip", "bad_excel"),
    (b"booth_id,hall\x00,x,y\n", "not_text"),
    (b"\x81\x8d\x8f\x90\x9d", "not_text"),
    (codecs.BOM_UTF8 + b"booth_id,\xff\n", "bad_encoding"),
])
def test_unreadable_files_raise_a_coded_error(data, code):
    with pytest.raises(TableError) as caught:
        read_table(data, score)
    assert caught.value.code == code


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    import zipfile
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(TableError) as caught:
        read_table(out.getvalue(), score)
    assert caught.value.code == "bad_excel"


def test_size_limit_is_checked_before_reading_a_path(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.csv"
    path.write_bytes(b"booth_id,hall,x,y\n")
    with pytest.raises(TableError) as caught:
        read_table(path, score)
    assert caught.value.code == "file_too_large"


def test_row_limit(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_DATA_ROWS", 2)
    with pytest.raises(TableError) as caught:
        read_table(b"booth_id,hall,x,y\n1,H,0,0\n2,H,3,0\n3,H,6,0\n", score)
    assert caught.value.code == "too_many_rows"


def test_decode_prefers_utf8_when_valid():
    assert decode_text("Pematangsiantar é".encode()) == ("Pematangsiantar é", "utf-8")


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (3.0, "3"), (2.5, "2.5"), (7, "7"), (True, "TRUE"), ("  Kab. Toba ", "Kab. Toba"),
])
def test_excel_cells_read_as_people_see_them(value, text):
    assert excel_cell_text(value) == text


def test_xlsx_with_merged_title_row_and_a_second_sheet():
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Catatan"
    notes["A1"] = "Isi lembar Stand"
    sheet = workbook.create_sheet("Stand")
    sheet["A1"] = "DAFTAR STAND PAMERAN"
    sheet.merge_cells("A1:D1")
    sheet.append(["booth_id", "hall", "x", "y"])
    sheet.append(["A-01", "Hall A", 0, 2.5])
    sheet.append([])
    out = io.BytesIO()
    workbook.save(out)
    table = read_table(out.getvalue(), score)
    assert table.sheet == "Stand"
    assert table.header_row == 2
    assert table.rows == ((3, ("A-01", "Hall A", "0", "2.5")),)


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(monkeypatch):
    workbook = openpyxl.Workbook()
    workbook.active.append(["booth_id", "hall", "x", "y"])
    out = io.BytesIO()
    workbook.save(out)
    monkeypatch.setattr(tabular, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(TableError) as caught:
        read_table(out.getvalue(), score)
    assert caught.value.code == "file_too_large"
