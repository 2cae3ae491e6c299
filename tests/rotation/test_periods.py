"""Periods edited as a table: checked exactly as a periods file, problems on the table's rows."""

from datetime import date, datetime

import pandas as pd

from booth_planner.importing.problems import problem_text
from booth_planner.rotation.periods import generate_periods, periods_from_table, periods_table


def test_the_table_of_generated_periods_reads_back_the_same():
    periods = generate_periods(date(2027, 1, 1), "1m", 12)
    result = periods_from_table(periods_table(periods), "tabel")
    assert result.ok and result.items == periods


def test_editor_values_dates_timestamps_and_a_blank_new_row_are_accepted():
    rows = [{"period_id": "Q1", "start": pd.Timestamp("2027-01-01"), "end": datetime(2027, 3, 31)},
            {"period_id": None, "start": pd.NaT, "end": None},  # the editor's empty new row
            {"period_id": " Q2 ", "start": "01/04/2027", "end": date(2027, 6, 30)}]
    result = periods_from_table(rows, "tabel")
    assert result.ok
    assert [(p.period_id, p.start, p.end) for p in result.items] == [
        ("Q1", date(2027, 1, 1), date(2027, 3, 31)), ("Q2", date(2027, 4, 1), date(2027, 6, 30))]
    assert result.rows == {"Q1": 1, "Q2": 3}


def test_problems_name_the_row_of_the_table_and_what_is_wrong():
    rows = [{"period_id": "A", "start": date(2027, 1, 1), "end": date(2027, 1, 31)},
            {"period_id": "B", "start": date(2027, 1, 15), "end": date(2027, 2, 15)},  # overlaps
            {"period_id": "A", "start": date(2027, 3, 1), "end": date(2027, 3, 31)},  # twice
            {"period_id": "C", "start": date(2027, 5, 1), "end": date(2027, 4, 1)}]  # backwards
    result = periods_from_table(rows, "periods table")
    assert not result.ok
    found = {(p.row, p.code) for p in result.problems}
    assert {(2, "periods_overlap"), (3, "duplicate_id"), (4, "period_end_before_start")} <= found
    text = [problem_text(p, "en") for p in result.problems if p.row == 4]
    assert any("periods table" in t and "row 4" in t.lower() for t in text), text
    twice = next(p for p in result.problems if p.code == "duplicate_id")
    assert "used in row 1" in problem_text(twice, "en")  # the table's rows, not a file's


def test_problems_use_the_column_names_the_organizer_sees():
    rows = [{"period_id": "A", "start": "kemarin", "end": date(2027, 1, 31)}]
    result = periods_from_table(rows, "tabel periode", {"period_id": "Kode periode",
                                                        "start": "Mulai", "end": "Selesai"})
    assert [(p.row, p.column, p.code) for p in result.problems] == [(1, "Mulai", "period_bad_date")]


def test_an_empty_table_is_refused_with_its_own_message():
    result = periods_from_table([{"period_id": "", "start": None, "end": None}], "tabel periode")
    assert not result.ok
    assert "tidak berisi periode" in problem_text(result.problems[0], "id")
