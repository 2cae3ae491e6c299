"""Holds: expiry by the clock passed in."""

from datetime import UTC, datetime, timedelta

import pytest

from booth_planner.core.local_time import parse_local_time
from booth_planner.core.model import Applicant, Booth, EventInfo, EventState
from booth_planner.lifecycle.holds import Hold, check_deadline, expired_holds, is_expired
from booth_planner.lifecycle.tables import holds_frame

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


def test_the_holds_table_shows_deadlines_on_the_organizers_clock():
    state = EventState(EventInfo(1, "e", "Pameran"), (Booth("A-1", "Hall", 0, 0),),
                       (Applicant("P1", "Sanggar Ulos", "12.12", "tenun"),), ())
    until = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    frame = holds_frame(state, [Hold("A-1", "P1", until)])
    assert frame["until"].tolist() == ["2026-12-04 17:00"]  # WIB, as it was typed
    assert parse_local_time(frame["until"][0]) == until
    assert holds_frame(state, [Hold("A-1", "P1", until)], "Asia/Jayapura")["until"][0] == (
        "2026-12-04 19:00")
