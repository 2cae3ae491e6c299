"""The formula guard checked with a real spreadsheet: LibreOffice Calc, headless, Indonesian locale.

Exported CSV text that looks like a formula (ASCII or fullwidth, after spaces or not) must
open as text; an unguarded control cell shows the check can see a formula being run.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess

import pytest

from booth_planner.core.formula_guard import neutralise, restore
from booth_planner.exports.booth_lists import csv_rows_bytes

HOSTILE = ["=1+1", "＝1+1", "+1+1", "＋1+1", "-1+1", "－1+1", "@SUM(1;1)", "＠SUM(1;1)",
           " =1+1", "  ＝1+1", "\u00a0=1+1", "\u3000+1+1", "'=1+1", "' =1+1", "=HYPERLINK(\"http://x\")"]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _calc_reads(data: bytes, tmp_path) -> list[list[str]]:
    """The cells as Calc shows them after opening ``data`` as a ;-separated Indonesian CSV."""
    source = tmp_path / "names.csv"
    source.write_bytes(data)
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--infilter=CSV:59,34,76,1,,1057", "--convert-to",
         "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", str(tmp_path / "out"),
         str(source)], check=True, capture_output=True, timeout=180)
    text = (tmp_path / "out" / "names.csv").read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_fullwidth_and_space_led_formulas_are_guarded_too():
    # Calc itself runs neither, but Excel with an East Asian input method and spreadsheets
    # that trim cells do: the guard does not rely on which program opens the file.
    for text in HOSTILE:
        assert neutralise(text).startswith("'") and restore(neutralise(text)) == text


@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="no LibreOffice")
def test_calc_opens_every_guarded_cell_as_text(tmp_path):
    rows = [[text] for text in HOSTILE]
    data = csv_rows_bytes(["name"], rows, ";") + b"=2+2\r\n"  # the control, unguarded
    shown = _calc_reads(data, tmp_path)
    assert shown[-1] == ["4"]  # Calc does run an unguarded formula
    for text, (cell,) in zip(HOSTILE, shown[1:-1], strict=True):
        assert cell == neutralise(text), f"{text!r} opened as {cell!r}"
        assert restore(cell) == text
