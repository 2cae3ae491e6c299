"""Property-based tests: no input crashes the importer or half-writes an event; valid files round-trip."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booth_planner.core.formula_guard import neutralise
from booth_planner.core.model import BOOTH_STATUSES, BOOTH_TYPES, Applicant, Booth
from booth_planner.core.regions import regions
from booth_planner.importing.apply import apply_import
from booth_planner.importing.preview import preview_import
from booth_planner.importing.readers import (
    APPLICANT_COLUMNS,
    BOOTH_COLUMNS,
    ImportResult,
    read_applicants,
    read_booths,
)
from booth_planner.storage import open_store

_STORE_DIR = tempfile.TemporaryDirectory()
STORE = open_store(f"sqlite:///{Path(_STORE_DIR.name) / 'properties.sqlite3'}")
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])

VALID_BOOTHS = (b"kode_stand;hall;x;y;lebar_m;zona;status;harga\r\n"
                b"A-01;Hall A;0;0;3;tenun;tersedia;Rp 2.500.000\r\n"
                b"A-02;Hall A;3;0;2,5;;diblokir;\r\n"
                b"B-01;Hall B;0;0;3;;;1500000\r\n")
VALID_APPLICANTS = (b"applicant_id,name,region,category,booths_requested,locked_booth_id\n"
                    b"P1,Dekranasda Toba,Kab. Toba,tenun,1,A-01\n"
                    b"P2,\"Bika Ambon, Medan\",KOTA MEDAN ,kuliner,2,\n")


def check_result_is_sound(result: ImportResult, file_name: str, size: int) -> None:
    """Whatever came in: problems are located in this file, and errors leave no item behind."""
    assert isinstance(result.problems, tuple)
    for found in result.problems:
        assert found.file == file_name
        assert found.row is None or 1 <= found.row <= size + 1
        assert found.message and found.code
    for item in result.items:
        if isinstance(item, Booth):
            assert item.width_m > 0 and item.depth_m > 0
            assert item.booth_type in BOOTH_TYPES and item.status in BOOTH_STATUSES
            assert item.price_idr is None or item.price_idr >= 0
        else:
            assert item.booths_requested >= 1 and item.priority >= 0 and item.region_code


def apply_or_nothing(result: ImportResult, kind: str) -> None:
    """Previewed and applied into a fresh event: either everything lands, or nothing does."""
    event = STORE.create_event("Pameran uji")
    preview = preview_import(STORE.state(event.id), result, kind, "replace")
    if preview.ok:
        apply_import(STORE, event.id, preview, "hypothesis")
        after = STORE.state(event.id)
        saved = after.booths if kind == "booths" else after.applicants
        assert len(saved) == len(preview.items)
    else:
        after = STORE.state(event.id)
        assert after.booths == () and after.applicants == ()


@PROPERTY_SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_and_never_write_partially(data):
    booths = read_booths(data, "booths.csv")
    applicants = read_applicants(data, "applicants.csv")
    check_result_is_sound(booths, "booths.csv", data.count(b"\n") + data.count(b"\r"))
    check_result_is_sound(applicants, "applicants.csv", data.count(b"\n") + data.count(b"\r"))
    apply_or_nothing(booths, "booths")


def mangle(data: bytes, draw) -> bytes:
    """A valid file damaged the ways spreadsheets get damaged."""
    text = data.decode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["cell", "blank", "title", "cut", "quote", "delimiter",
                                    "drop_line", "bytes"]))
        lines = text.splitlines(keepends=True)
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if how == "cell" and lines:
            cells = lines[at].rstrip("\r\n").split(";" if ";" in lines[at] else ",")
            cells[draw(st.integers(0, len(cells) - 1))] = draw(st.text(max_size=12))
            lines[at] = (";" if ";" in lines[at] else ",").join(cells) + "\n"
        elif how == "blank":
            lines.insert(at, draw(st.sampled_from(["\n", ";;;;\n", ",,,\r\n", "   \n"])))
        elif how == "title":
            lines.insert(0, draw(st.text(max_size=30)) + "\n")
        elif how == "cut":
            text = "".join(lines)
            lines = [text[: draw(st.integers(0, len(text)))]]
        elif how == "quote" and lines:
            lines[at] = '"' + lines[at]
        elif how == "delimiter":
            lines = [line.replace(",", ";") if draw(st.booleans()) else line for line in lines]
        elif how == "drop_line" and lines:
            del lines[at]
        text = "".join(lines)
        if how == "bytes":
            raw = bytearray(text.encode("utf-8"))
            if raw:
                raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
            return bytes(raw)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, errors="replace")


@PROPERTY_SETTINGS
@given(st.data())
def test_mangled_csvs_never_crash_and_never_write_partially(data):
    booths_bytes = mangle(VALID_BOOTHS, data.draw)
    applicants_bytes = mangle(VALID_APPLICANTS, data.draw)
    booths = read_booths(booths_bytes, "booths.csv")
    applicants = read_applicants(applicants_bytes, "applicants.csv")
    check_result_is_sound(booths, "booths.csv", booths_bytes.count(b"\n") + 1)
    check_result_is_sound(applicants, "applicants.csv", applicants_bytes.count(b"\n") + 1)
    apply_or_nothing(booths, "booths")


# --- round trip -----------------------------------------------------------------------------

plain_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"],
                           exclude_characters="\u2028\u2029\x85"),
    min_size=1, max_size=40,
).map(lambda s: " ".join(s.split())).filter(bool)
ids = st.from_regex(r"[A-Z]{1,2}-[0-9]{2,3}", fullmatch=True)
metres = st.integers(1, 40).map(lambda n: n / 2)


@st.composite
def booth_lists(draw):
    """Booths on a grid wide enough that none overlap."""
    booth_ids = draw(st.lists(ids, min_size=1, max_size=12, unique_by=str.casefold))
    return [
        Booth(booth_id, draw(st.sampled_from(["Hall A", "Hall B", "Halaman"])), index * 25.0,
              draw(st.integers(0, 5)) * 25.0, draw(metres), draw(metres),
              draw(st.none() | plain_text), draw(st.sampled_from(BOOTH_TYPES)),
              draw(st.sampled_from(BOOTH_STATUSES)), draw(st.none() | st.integers(0, 10**10)))
        for index, booth_id in enumerate(booth_ids)
    ]


def write_file(columns, rows, lang: str, delimiter: str, encoding: str) -> bytes:
    """Rows written as a CSV the way the app's export writes them (formula-guarded text)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([c.label(lang) for c in columns])
    for row in rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
    return out.getvalue().encode(encoding)


def booth_cells(booth: Booth, decimal_comma: bool) -> list[object]:
    """A booth's row in column order."""
    def number(value: float) -> str:
        text = repr(value)
        return text.replace(".", ",") if decimal_comma else text

    return [booth.booth_id, booth.hall, number(booth.x), number(booth.y), number(booth.width_m),
            number(booth.depth_m), booth.zone or "", booth.booth_type, booth.status,
            "" if booth.price_idr is None else booth.price_idr]


@PROPERTY_SETTINGS
@given(booth_lists(), st.sampled_from(["id", "en"]), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-8-sig"]), st.booleans())
def test_valid_booths_round_trip(booths, lang, delimiter, encoding, decimal_comma):
    decimal_comma = decimal_comma and delimiter != ","
    data = write_file(BOOTH_COLUMNS, [booth_cells(b, decimal_comma) for b in booths], lang,
                      delimiter, encoding)
    result = read_booths(data, "booths.csv")
    assert [str(p) for p in result.problems] == []
    assert list(result.items) == booths


REGIONS = [r for r in regions()]


@st.composite
def applicant_lists(draw):
    """Applicants with regions written as codes or official kabupaten/kota names."""
    applicant_ids = draw(st.lists(ids, min_size=1, max_size=10, unique_by=str.casefold))
    applicants, texts = [], []
    for applicant_id in applicant_ids:
        region = draw(st.sampled_from(REGIONS))
        by_name = not region.is_province and draw(st.booleans())
        texts.append(region.name if by_name else region.code)
        requested = draw(st.integers(1, 3))
        locks = tuple(draw(st.lists(ids, max_size=requested, unique=True)))
        applicants.append(Applicant(applicant_id, draw(plain_text), region.code,
                                    draw(plain_text), draw(st.none() | plain_text), requested,
                                    draw(st.integers(0, 100)), locks))
    return applicants, texts


@PROPERTY_SETTINGS
@given(applicant_lists(), st.sampled_from(["id", "en"]), st.sampled_from([",", ";"]))
def test_valid_applicants_round_trip(drawn, lang, delimiter):
    applicants, region_texts = drawn
    rows = [[a.applicant_id, a.name, text, a.category, a.product or "", a.booths_requested,
             a.priority, "|".join(a.locked_booth_ids)]
            for a, text in zip(applicants, region_texts, strict=True)]
    result = read_applicants(write_file(APPLICANT_COLUMNS, rows, lang, delimiter, "utf-8-sig"),
                             "applicants.csv")
    assert [str(p) for p in result.problems] == []
    assert list(result.items) == applicants
