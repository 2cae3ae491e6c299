"""Hostile .xlsx imports: a used range out to column XFD, a million formatted blank rows.

Run: ``python bench/import_hostile_xlsx.py``. Prints the time and peak memory of each import
(the blank-row sheet must be refused); asserts nothing.
"""

from __future__ import annotations

import io
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import xlsxwriter  # noqa: E402

from booth_planner.importing.readers import read_applicants  # noqa: E402

HEADER = ["applicant_id", "name", "region", "category"]


def wide(rows: int = 20_000) -> bytes:
    """Applicants with one cell in column XFD on every row."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    for row in range(1, rows + 1):
        sheet.write_row(row, 0, [f"P{row}", "UMKM", "12.12", "tenun"])
        sheet.write(row, 16383, "x")
    workbook.close()
    return buffer.getvalue()


def blank(rows: int = 1_000_000) -> bytes:
    """A header, then a million formatted but empty rows."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    bold = workbook.add_format({"bold": True})
    for row in range(1, rows + 1):
        sheet.write_blank(row, 0, None, bold)
    workbook.close()
    return buffer.getvalue()


def main() -> None:
    for name, make in (("used range to XFD, 20,000 rows", wide),
                       ("1,000,000 blank rows", blank)):
        data = make()
        start = time.perf_counter()
        result = read_applicants(data, "peserta.xlsx")
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        codes = sorted({p.code for p in result.problems})
        print(f"{name:32} {len(data) // 1024:6} KB {seconds:6.2f} s  {len(result.items):6} "
              f"applicants  problems: {codes or '-'}  peak RSS {peak} MB")


if __name__ == "__main__":
    main()
