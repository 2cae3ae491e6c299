"""Holds: expiry by the clock passed in."""

from datetime import UTC, datetime, timedelta

import pytest

from booth_planner.lifecycle.holds import Hold, check_deadline, expired_holds, is_expired

NOW = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


def test_a_hold_expires_at_its_deadline_not_before():
    hold = Hold("A-1", "P1", NOW + timedelta(hours=48))
    assert not is_expired(hold, NOW + timedelta(hours=47, minutes=59))
    assert is_expired(hold, NOW + timedelta(hours=48))


def test_naive_times_are_utc():
    hold = Hold("A-1", "P1", datetime(2026, 9, 1, 12, 0))
    assert is_expired(hold, NOW)
    assert expired_holds([hold, Hold("A-2", "P2", NOW + timedelta(1))], NOW) == [hold]


def test_a_past_deadline_is_refused_unless_allowed():
    with pytest.raises(ValueError, match="passed"):
        check_deadline(NOW - timedelta(minutes=1), NOW)
    assert check_deadline(NOW - timedelta(minutes=1), NOW, allow_past=True) < NOW
