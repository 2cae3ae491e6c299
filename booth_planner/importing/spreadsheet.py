"""Reading a spreadsheet the way people really save them, into numbered rows of text.

Handles CSV in UTF-8 (with or without byte-order mark), UTF-16 with a byte-order mark (Excel's
"Unicode text") and Windows-1252 (Excel's plain "CSV" on Windows); comma, semicolon or tab
separated; title rows above the header; blank rows anywhere; and .xlsx workbooks (first sheet that
has a header). Knows nothing about booths or applicants: the caller says how much a row looks like
its header through ``header_score``.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
# SPEC 2 sets no row limit; this one only stops a runaway file. A national call of 75,000
# applicants reads in a few seconds (bench/allocate.py), and 200,000 short rows still fit the
# byte limit above.
MAX_DATA_ROWS = 200_000
# A sheet's rows read at all, blank ones included, and the columns searched for a header.
MAX_SHEET_ROWS = 2 * MAX_DATA_ROWS
MAX_COLUMNS = 100
# An .xlsx is a zip: its parts may unpack to far more than the upload (a "zip bomb").
MAX_UNPACKED_BYTES = 10 * MAX_FILE_BYTES
HEADER_SEARCH_ROWS = 20
# A header names at least two known columns; one match is too easily a data cell ("x").
MIN_HEADER_SCORE = 2
DELIMITERS = (",", ";", "\t")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and other MS Office binaries)


class TableError(Exception):
    """The file cannot be read as a table at all; ``code`` and ``params`` say why."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {key: str(value) for key, value in params.items()}


@dataclass(frozen=True)
class Table:
    """A file's header and its non-blank data rows, each with the row number a person sees."""

    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str | None
    delimiter: str | None
    sheet: str | None = None  # the sheet(s) read, joined by ", " (an .xlsx only)
    # For a workbook read from several sheets: each row's sheet, parallel to ``rows``.
    row_sheets: tuple[str, ...] = ()

    def where(self, index: int, file_name: str) -> str:
        """How a problem names the file of row ``index``: with its sheet when there are several."""
        return f"{file_name} ({self.row_sheets[index]})" if self.row_sheets else file_name


def clean_cell(text: str) -> str:
    """A cell's text with outer whitespace (also non-breaking spaces and a BOM) removed.

    Inner whitespace is kept as typed: runs of spaces, tabs and line breaks inside a name are
    data, and the app's own export must re-import unchanged. Matching (column names, ids,
    regions, choice words) ignores inner whitespace on its own terms.
    """
    return text.replace("\ufeff", "").strip()


def load_bytes(source: Path | bytes) -> bytes:
    """The file's bytes, refusing anything over the size limit before reading it whole."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TableError("file_too_large", size_mb=_megabytes(size),
                             limit_mb=_megabytes(MAX_FILE_BYTES))
        data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise TableError("file_too_large", size_mb=_megabytes(len(data)),
                         limit_mb=_megabytes(MAX_FILE_BYTES))
    return data


def _megabytes(size: int) -> str:
    """A size in MB with one decimal, as people read file sizes."""
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 first: its LE mark starts like UTF-16's


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes fall."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    share = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    if share[1] > 0.9 and share[2] > 0.9 and share[3] > 0.9:
        return "utf-32-le"
    if share[0] > 0.9 and share[1] > 0.9 and share[2] > 0.9:
        return "utf-32-be"
    odd, even = (share[1] + share[3]) / 2, (share[0] + share[2]) / 2
    if odd > 0.7 and even < 0.3:
        return "utf-16-le"
    if even > 0.7 and odd < 0.3:
        return "utf-16-be"
    return None


def _first_bad_line(data: bytes) -> int | None:
    """The first line that is not UTF-8, when other lines hold UTF-8 beyond ASCII."""
    bad, utf8_beyond_ascii = None, False
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
            utf8_beyond_ascii = utf8_beyond_ascii or not line.isascii()
        except UnicodeDecodeError:
            bad = bad or number
        if bad and utf8_beyond_ascii:
            return bad
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise TableError("bad_encoding", encoding=encoding.upper(),
                                 position=error.start) from error
    if wide := _wide_encoding(data):
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError as error:
            raise TableError("bad_encoding", encoding=wide.upper(),
                             position=error.start) from error
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if (line := _first_bad_line(data)) is not None:
            # Decoding it all as Windows-1252 would garble every UTF-8 line (â€“ for –).
            raise TableError("mixed_encoding", line=line) from None
        try:
            # What Excel on Windows writes for "CSV (comma delimited)" (Indonesian, English).
            text, encoding = data.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError as error:
            raise TableError("not_text") from error
    if "\x00" in text:
        raise TableError("not_text")
    return text, encoding


def _csv_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    """Raw CSV records; blank lines come through as empty records so row numbers stay true."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False,
                        skipinitialspace=False)
    unbalanced = text.count('"') % 2 == 1
    try:
        started = 1
        for record in reader:
            if unbalanced and reader.line_num > started and any("\n" in c for c in record) \
                    and reader.line_num == text.count("\n") + (not text.endswith("\n")):
                # A quote opened here and never closed swallowed every later row.
                raise TableError("unterminated_quote", row=started)
            yield record
            started = reader.line_num + 1
    except csv.Error as error:
        raise TableError("bad_csv", detail=error) from error


def _is_blank(cells: Sequence[str]) -> bool:
    """True for a row with nothing but empty cells (Excel's trailing ``;;;;`` rows too)."""
    return not any(cells)


def _find_header(rows: Iterable[tuple[int, list[str]]],
                 header_score: Callable[[Sequence[str]], int]) -> tuple[int, int, list[str]] | None:
    """(score, row number, cells) of the best-scoring row among the first rows, or None."""
    best: tuple[int, int, list[str]] | None = None
    for seen, (number, cells) in enumerate(rows):
        if seen >= HEADER_SEARCH_ROWS:
            break
        if _is_blank(cells):
            continue
        score = header_score(cells)
        if score >= MIN_HEADER_SCORE and (best is None or score > best[0]):
            best = (score, number, cells)
    return best


def _collect(numbered: Iterator[tuple[int, list[str]]], header_row: int,
             width: int) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Data rows below the header, blank ones dropped, stopping at the row limit."""
    rows: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in numbered:
        if number <= header_row or _is_blank(cells):
            continue
        if len(rows) >= MAX_DATA_ROWS:
            raise TableError("too_many_rows", limit=f"{MAX_DATA_ROWS:,}")
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        rows.append((number, tuple(cells)))
    return tuple(rows)


def read_csv(data: bytes, header_score: Callable[[Sequence[str]], int]) -> Table:
    """A CSV file as a table: encoding, delimiter and header row detected."""
    text, encoding = decode_text(data)
    if not text.strip():
        raise TableError("empty_file")
    best: tuple[int, int, list[str], str] | None = None
    for delimiter in DELIMITERS:
        head = ((n, [clean_cell(c) for c in cells])
                for n, cells in enumerate(_csv_rows(text, delimiter), start=1))
        found = _find_header(head, header_score)
        if found and (best is None or found[0] > best[0]):
            best = (*found, delimiter)
    if best is None:
        raise TableError("no_header", rows=HEADER_SEARCH_ROWS)
    _, header_row, header, delimiter = best
    numbered = ((n, [clean_cell(c) for c in cells])
                for n, cells in enumerate(_csv_rows(text, delimiter), start=1))
    rows = _collect(numbered, header_row, len(header))
    return Table(tuple(header), header_row, rows, encoding, delimiter)


def excel_cell_text(value: object) -> str:
    """An .xlsx cell value as the text a person sees: ``3`` not ``3.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return clean_cell(str(value))


def _sheet_rows(sheet: object, columns: int = MAX_COLUMNS) -> Iterator[tuple[int, list[str]]]:
    """A read-only worksheet's rows as (row number, cell texts), at most ``columns`` wide.

    Bounded both ways: a used range reaching column XFD would otherwise pad every row to
    16,384 cells, and a million formatted blank rows is refused once past MAX_SHEET_ROWS.
    """
    rows = sheet.iter_rows(values_only=True, max_col=columns)  # type: ignore[attr-defined]
    for number, values in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS:
            raise TableError("too_many_rows", limit=f"{MAX_DATA_ROWS:,}")
        yield number, [excel_cell_text(v) for v in values]


_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c r="([A-Z]{1,3}\d+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')


def _sheet_xml(data: bytes, part: str) -> bytes:
    """The XML of worksheet ``part`` of an .xlsx file (empty when it cannot be found)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(part) if part else b""
    except (KeyError, zipfile.BadZipFile):
        return b""


def _uncalculated_formula(xml: bytes) -> str | None:
    """The first cell of a sheet's XML holding a formula whose result was never saved.

    openpyxl reads such a cell as empty, which would silently become the column's default;
    programs that write formulas without calculating them (scripts, some exporters) do this.
    """
    found = _FORMULA_WITHOUT_VALUE.search(xml)
    return found.group(1).decode() if found else None


def read_xlsx(data: bytes, header_score: Callable[[Sequence[str]], int]) -> Table:
    """The first worksheet with a recognisable header, and every later one with the same header.

    A workbook split into sheets of one table (the app's booth list: a summary, then a sheet
    per hall) reads as a whole; sheets without that header (the summary) are passed over, and
    the table names the sheets it read.
    """
    import openpyxl  # only .xlsx imports pay for loading it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged zip or XML
        raise TableError("bad_excel", detail=type(error).__name__) from error
    header: tuple[str, ...] | None = None
    header_row = 0
    rows: list[tuple[int, tuple[str, ...]]] = []
    row_sheets: list[str] = []
    titles: list[str] = []
    try:
        for sheet in workbook.worksheets:
            found = _sheet_table(data, sheet, header_score, header)
            if found is None:
                continue
            sheet_header, sheet_header_row, sheet_rows = found
            if header is None:
                header, header_row = sheet_header, sheet_header_row
            if len(rows) + len(sheet_rows) > MAX_DATA_ROWS:
                raise TableError("too_many_rows", limit=f"{MAX_DATA_ROWS:,}")
            rows.extend(sheet_rows)
            row_sheets.extend([sheet.title] * len(sheet_rows))
            titles.append(sheet.title)
    except TableError:
        raise
    except Exception as error:  # a damaged sheet part surfaces only while iterating
        raise TableError("bad_excel", detail=type(error).__name__) from error
    finally:
        workbook.close()
    if header is None:
        raise TableError("no_header", rows=HEADER_SEARCH_ROWS)
    return Table(header, header_row, tuple(rows), None, None, ", ".join(titles),
                 tuple(row_sheets) if len(titles) > 1 else ())


def _sheet_table(data: bytes, sheet: object, header_score: Callable[[Sequence[str]], int],
                 wanted: tuple[str, ...] | None
                 ) -> tuple[tuple[str, ...], int, tuple[tuple[int, tuple[str, ...]], ...]] | None:
    """(header, header row, data rows) of one sheet; None when it has no recognisable header,
    or (``wanted`` given) a header other than ``wanted``."""
    # Some generators write a wrong <dimension>; read-only mode would trust it and cut rows.
    sheet.reset_dimensions()  # type: ignore[attr-defined]
    found = _find_header(_sheet_rows(sheet), header_score)
    if found is None:
        return None
    _, header_row, cells = found
    while cells and not cells[-1]:  # read MAX_COLUMNS wide: the padding is not a column
        cells = cells[:-1]
    header = tuple(cells)
    if wanted is not None and header != wanted:
        return None
    xml = _sheet_xml(data, getattr(sheet, "_worksheet_path", ""))
    if xml.count(b"<row ") > MAX_SHEET_ROWS:  # refused at once, not after reading them
        raise TableError("too_many_rows", limit=f"{MAX_DATA_ROWS:,}")
    if cell := _uncalculated_formula(xml):
        raise TableError("formula_without_value", cell=cell, sheet=sheet.title)  # type: ignore[attr-defined]
    return header, header_row, _collect(_sheet_rows(sheet, len(header)), header_row, len(header))


def read_table(source: Path | bytes, header_score: Callable[[Sequence[str]], int]) -> Table:
    """Any supported file as a table; the format is told from the bytes, not the file name."""
    data = load_bytes(source)
    if not data.strip():
        raise TableError("empty_file")
    if data.startswith(_OLE_MAGIC):
        raise TableError("old_excel")
    if data.startswith(_ZIP_MAGIC):
        unpacked = _xlsx_unpacked_size(data)
        if unpacked is None:
            raise TableError("bad_excel", detail="not an .xlsx workbook")
        if unpacked > MAX_UNPACKED_BYTES:
            raise TableError("file_too_large", size_mb=_megabytes(unpacked),
                             limit_mb=_megabytes(MAX_UNPACKED_BYTES))
        return read_xlsx(data, header_score)
    return read_csv(data, header_score)


def _xlsx_unpacked_size(data: bytes) -> int | None:
    """The unpacked size of a zip holding an Excel workbook; None when it is no workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if not any(part.filename.startswith("xl/") for part in parts):
        return None
    return sum(part.file_size for part in parts)
