"""Import input the audit found misread: never a silent guess, always row and column."""

from __future__ import annotations

from booth_planner.importing.readers import has_errors, read_applicants

HEADER = "applicant_id;name;region;category;booths_requested;priority\r\n"


def _problems(rows: str) -> list:
    result = read_applicants((HEADER + rows).encode(), "peserta.csv")
    return [p for p in result.problems if p.code == "ambiguous_thousands"], result


def test_indonesian_thousands_in_whole_number_columns_are_asked_not_guessed():
    found, result = _problems("P1;UMKM A;12.12;tenun;1.000;0\r\n"
                              "P2;UMKM B;12.12;tenun;1;2,000\r\n"
                              "P3;UMKM C;12.12;tenun;2;1.0\r\n")
    assert has_errors(result.problems)
    assert [(p.row, p.column) for p in found] == [(2, "booths_requested"), (3, "priority")]
    assert "1000" in found[0].message and "1" in found[0].message
    assert [a.applicant_id for a in result.items] == ["P3"]  # 1.0 is a plain 1
    assert result.items[0].priority == 1


ROWS = "P1;UMKM Kopi Gayo – Takengon;11.04;kuliner;1;0\r\nP2;Tenun é;12.12;tenun;1;0\r\n"


def test_utf16_without_a_mark_and_utf32_read_as_text():
    for encoding in ("utf-16-le", "utf-16-be", "utf-32", "utf-32-le"):
        result = read_applicants((HEADER + ROWS).encode(encoding), "peserta.csv")
        assert not has_errors(result.problems), (encoding, result.problems)
        assert result.items[0].name == "UMKM Kopi Gayo – Takengon"


def test_one_latin1_line_in_a_utf8_file_is_named_not_garbled():
    data = (HEADER + ROWS).encode() + "P3;Batik Café;12.71;batik;1;0\r\n".encode("latin-1")
    result = read_applicants(data, "peserta.csv")
    (found,) = [p for p in result.problems if p.code == "mixed_encoding"]
    assert "line 4" in found.message and not result.items


def test_an_unterminated_quote_names_its_row_instead_of_blaming_the_region():
    data = (HEADER + 'P1;"UMKM Ulos;12.12;tenun;1;0\r\n' + ROWS).encode()
    result = read_applicants(data, "peserta.csv")
    codes = [p.code for p in result.problems]
    assert codes == ["unterminated_quote"], result.problems
    assert "row 2" in result.problems[0].message


def test_an_xlsx_formula_without_a_saved_result_is_an_error_not_the_default():
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "peserta"
    sheet.append(["applicant_id", "name", "region", "category", "booths_requested"])
    sheet.append(["P1", "UMKM Ulos", "12.12", "tenun", "=1+1"])  # openpyxl saves no result
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_applicants(buffer.getvalue(), "peserta.xlsx")
    assert [p.code for p in result.problems] == ["formula_without_value"]
    assert "E2" in result.problems[0].message and not result.items


def _xlsx(rows: int, far_cell: bool, blank_rows: int = 0) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet("peserta")
    sheet.write_row(0, 0, ["applicant_id", "name", "region", "category"])
    for row in range(1, rows + 1):
        sheet.write_row(row, 0, [f"P{row}", "UMKM Ulos", "12.12", "tenun"])
        if far_cell:
            sheet.write(row, 16383, "x")  # column XFD: the used range spans the whole width
    bold = workbook.add_format({"bold": True})
    for row in range(rows + 1, rows + 1 + blank_rows):
        sheet.write_blank(row, 0, None, bold)
    workbook.close()
    return buffer.getvalue()


def test_a_used_range_out_to_column_xfd_reads_only_the_header_columns(monkeypatch):
    from booth_planner.importing import spreadsheet as tabular

    widths = []
    real = tabular._sheet_rows
    monkeypatch.setattr(tabular, "_sheet_rows", lambda sheet, columns=tabular.MAX_COLUMNS: (
        widths.append(columns) or real(sheet, columns)))
    result = read_applicants(_xlsx(30, far_cell=True), "peserta.xlsx")
    assert not has_errors(result.problems) and len(result.items) == 30
    assert max(widths) <= tabular.MAX_COLUMNS


def test_a_sheet_of_endless_blank_rows_is_refused_before_reading_them(monkeypatch):
    from booth_planner.importing import spreadsheet as tabular

    monkeypatch.setattr(tabular, "MAX_SHEET_ROWS", 100)
    result = read_applicants(_xlsx(5, far_cell=False, blank_rows=200), "peserta.xlsx")
    assert [p.code for p in result.problems] == ["too_many_rows"]
