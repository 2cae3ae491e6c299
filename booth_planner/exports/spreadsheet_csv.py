"""The booth list as a CSV that a spreadsheet set to Indonesian (id-ID) opens right.

Such a spreadsheet reads ``;`` as the column separator, ``,`` as the decimal mark and ``.`` as the
thousands separator, so ``12.10`` would become the number 1210 and ``3.5`` the number 35. Here
decimals are written with a comma, and every code or id that a spreadsheet could take for a
number or a date (``12.10``, ``001``, ``1-2``) is written as the text formula ``="12.10"``, which
Excel and LibreOffice Calc both show as the text itself. Headers and values are in words
(``terisi``, ``sudut``, ``ya``). The SPEC booth list stays the machine contract; this one is for
reading.
"""

from __future__ import annotations

import math
import re
from numbers import Number

import pandas as pd

from booth_planner.core.formula_guard import neutralise
from booth_planner.core.i18n import t
from booth_planner.core.model import EventState
from booth_planner.exports.booth_lists import csv_rows_bytes, readable_booth_table

DELIMITER = ";"
TEXT_COLUMNS = ("booth_id", "hall", "zone", "applicant_id", "region_code", "province_code")
# Text a spreadsheet would turn into a number or a date: digits with separators, signs, spaces.
_LOOKS_NUMERIC = re.compile(r"[\d\s.,:/+\-eE%]+")


def text_cell(value: str) -> str:
    """``value`` kept as text in any spreadsheet: ``="12.10"`` when it looks like a number."""
    if _LOOKS_NUMERIC.fullmatch(value) and any(c.isdigit() for c in value):
        return '="' + value.replace('"', '""') + '"'
    return neutralise(value)


def decimal_cell(value: float) -> str:
    """A number the Indonesian way: a comma before the decimals, no thousands separator."""
    number = float(value)
    text = str(int(number)) if number.is_integer() else f"{number:.6f}".rstrip("0")
    return text.replace(".", ",")


def _cell(column: str, value: object) -> str:
    """One cell of the list: codes as text, numbers with a decimal comma, words as they are."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return text_cell(value) if column in TEXT_COLUMNS else neutralise(value)
    if isinstance(value, Number):
        return decimal_cell(value)  # type: ignore[arg-type]
    return neutralise(str(value))


def indonesian_spreadsheet_csv(state: EventState, lang: str = "id") -> bytes:
    """The readable booth list, ``;``-separated, for a spreadsheet in Indonesian locale."""
    table = readable_booth_table(state, lang)
    header = [neutralise(t("export.col." + c, lang)) for c in table.columns]
    rows = ([_cell(c, v) for c, v in zip(table.columns, row, strict=True)]
            for row in table.itertuples(index=False, name=None))
    return csv_rows_bytes(header, rows, DELIMITER, cell=str)
