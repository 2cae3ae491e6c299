"""The booth list for Excel in Indonesian, opened by a real spreadsheet in id-ID locale.

LibreOffice Calc converts the CSV with the Indonesian CSV filter (language 1057), exactly what an
organizer's spreadsheet does on opening it; the cells are read back with openpyxl. Without
LibreOffice the test is skipped with the reason, except in CI (``CI`` set), where it is required.
"""

import io
import os
import shutil
import subprocess
from dataclasses import replace

import openpyxl
import pytest

from booth_planner.core.model import Applicant, Assignment, Booth
from booth_planner.exports.booth_lists import (
    excel_bytes,
    printable_hall_list_html,
    readable_booth_table,
)
from booth_planner.exports.spreadsheet_csv import (
    decimal_cell,
    indonesian_spreadsheet_csv,
    text_cell,
)
from tests.coverage_sample import sample_state

INDONESIAN_CSV_FILTER = "CSV:59,34,UTF8,1,,1057"


def libreoffice() -> str:
    """The LibreOffice program, or a skip (a failure in CI) when it is not installed."""
    program = shutil.which("libreoffice") or shutil.which("soffice")
    if program:
        return program
    reason = "LibreOffice Calc is not installed (Debian package libreoffice-calc)"
    if os.environ.get("CI"):
        pytest.fail(f"LibreOffice tests are required in CI: {reason}")
    pytest.skip(reason)


def open_in_calc(data: bytes, tmp_path) -> openpyxl.Workbook:
    """``data`` opened as a CSV by Calc in Indonesian locale, saved as .xlsx, read back."""
    program = libreoffice()
    source = tmp_path / "stand.csv"
    source.write_bytes(data)
    subprocess.run(
        [program, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         f"--infilter={INDONESIAN_CSV_FILTER}", "--convert-to", "xlsx", "--outdir",
         str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=180)
    return openpyxl.load_workbook(io.BytesIO((tmp_path / "out" / "stand.xlsx").read_bytes()),
                                  data_only=True)


def tricky_state():
    """The sample event with codes a spreadsheet likes to turn into numbers: 12.10, 001, 1-2."""
    state = sample_state()
    booths = state.booths + (Booth("001", "Hall B", 9, 0, width_m=2.75),
                             Booth("1-2", "Hall B", 12, 0))
    applicants = state.applicants + (Applicant("0042", "Kopi Dairi", "12.10", "kuliner"),)
    assignments = state.assignments + (Assignment("001", "0042"),)
    return replace(state, booths=booths, applicants=applicants, assignments=assignments)


def rows_by_booth(workbook) -> dict[str, dict[str, object]]:
    """Each data row as header -> cell value, by the booth id cell."""
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in values[1:]}


@pytest.mark.libreoffice
def test_indonesian_calc_reads_words_text_codes_and_decimal_numbers(tmp_path):
    rows = rows_by_booth(open_in_calc(indonesian_spreadsheet_csv(tricky_state(), "id"), tmp_path))
    assert set(rows) == {"A-1", "A-2", "A-3", "A-4", "B-1", "B-2", "001", "1-2"}  # ids as text
    dairi = rows["001"]
    assert dairi["Kode wilayah"] == "12.10" and dairi["Kode provinsi"] == "12"
    assert dairi["ID peserta"] == "0042" and dairi["Status"] == "terisi"
    assert dairi["Lebar (m)"] == 2.75 and isinstance(dairi["Lebar (m)"], float)
    assert rows["B-1"]["Lebar (m)"] == 4.5 and rows["B-2"]["x"] == 4.5  # not 45
    assert rows["A-3"]["Jenis"] == "sudut" and rows["A-3"]["Harga"] == 2_500_000
    assert rows["A-4"]["Status"] == "diblokir" and rows["B-2"]["Status"] == "tersedia"
    assert rows["A-2"]["Stand tetap"] == "ya" and rows["A-1"]["Stand tetap"] == "tidak"
    assert rows["A-1"]["Kode wilayah"] == "12.04"


@pytest.mark.libreoffice
def test_formula_like_names_stay_text_in_calc(tmp_path):
    state = sample_state()
    state = replace(state, applicants=(replace(state.applicants[0], name="=1+1"),)
                    + state.applicants[1:])
    rows = rows_by_booth(open_in_calc(indonesian_spreadsheet_csv(state, "id"), tmp_path))
    assert rows["A-1"]["Nama peserta"] in ("=1+1", "'=1+1")


def test_cells_written_for_an_indonesian_spreadsheet():
    assert text_cell("12.10") == '="12.10"' and text_cell("A-01") == "A-01"
    assert text_cell("=1+1") == "'=1+1"
    assert decimal_cell(4.5) == "4,5" and decimal_cell(3.0) == "3" and decimal_cell(0.125) == "0,125"


@pytest.mark.parametrize("lang, taken, blocked, free", [("id", "terisi", "diblokir", "tersedia"),
                                                        ("en", "assigned", "blocked", "free")])
def test_readable_list_says_whether_a_booth_is_taken(lang, taken, blocked, free):
    status = readable_booth_table(sample_state(), lang).set_index("booth_id")["status"]
    assert status.to_dict() == {"A-1": taken, "A-2": taken, "A-3": taken, "A-4": blocked,
                                "B-1": taken, "B-2": free}


def test_printable_list_and_workbook_say_a_booth_is_taken():
    page = printable_hall_list_html(sample_state(), "Hall A", "id").decode("utf-8")
    assert page.count("<td>terisi</td>") == 3 and page.count("<td>tersedia</td>") == 0
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(sample_state(), "id")))["Hall B"]
    assert [sheet.cell(r, 5).value for r in (2, 3)] == ["terisi", "tersedia"]
