"""Local times: shown and typed in WIB (or WITA, WIT), stored in UTC."""

from datetime import UTC, date, datetime

import pytest

import booth_planner.core.local_time as local
from booth_planner.core.local_time import (
    closing_in_days,
    closing_time,
    format_time,
    local_time,
    parse_local_time,
    typed_time,
)

AT = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)


def test_times_are_shown_in_wib_by_default_in_both_languages():
    assert format_time(AT, "id") == "23 November 2026 16.05 WIB"
    assert format_time(AT, "en") == "23 November 2026, 16:05 WIB"
    assert format_time(AT, "id", "Asia/Jayapura") == "23 November 2026 18.05 WIT"


def test_a_time_without_zone_counts_as_utc_and_can_cross_midnight():
    late = datetime(2026, 12, 31, 20, 30)
    assert local_time(late).isoformat() == "2027-01-01T03:30:00+07:00"
    assert format_time(late, "id", "Asia/Makassar") == "1 Januari 2027 04.30 WITA"


def test_today_is_the_date_in_wib_not_utc(monkeypatch):
    class Late(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 23, 20, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(local, "datetime", Late)
    assert local.local_today().isoformat() == "2026-11-24"


def test_a_typed_time_is_read_in_wib_and_stored_in_utc():
    assert parse_local_time("2026-12-04 17:00") == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert parse_local_time(" 2026-12-04 17:00 ", "Asia/Jayapura") == datetime(
        2026, 12, 4, 8, 0, tzinfo=UTC)
    # A time that says its own offset keeps it.
    assert parse_local_time("2026-12-04T10:00+00:00") == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "besok", "2026-13-01 17:00", "04-12-2026 17:00"])
def test_what_is_not_a_time_is_refused(text):
    with pytest.raises(ValueError):
        parse_local_time(text)


def test_what_is_shown_for_typing_reads_back_as_the_same_moment():
    moment = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert typed_time(moment) == "2026-12-04 17:00"
    assert parse_local_time(typed_time(moment)) == moment


def test_a_deadline_day_ends_at_five_in_the_afternoon_local_time():
    assert closing_time(date(2026, 12, 4)) == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert closing_time(date(2026, 12, 4), "Asia/Makassar") == datetime(
        2026, 12, 4, 9, 0, tzinfo=UTC)


def test_days_ahead_are_counted_from_the_local_day():
    # 20:00 UTC on 23 November is already 24 November in Medan: two days on is the 26th.
    late = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    assert closing_in_days(late, 2) == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
