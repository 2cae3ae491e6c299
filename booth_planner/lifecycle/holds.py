"""Holds: a booth kept for an applicant until a deadline (a confirmation or payment date).

A hold is an assignment with a deadline: to everyone else the booth is taken. An offer is a hold
made to a waitlisted applicant. When the deadline passes the booth is released the next time
anything reads the event; the clock is passed in, so tests never sleep.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

HOLD = "hold"
OFFER = "offer"
KINDS = (HOLD, OFFER)

OPEN = "open"
# How a hold ended: confirmed (the booth stays assigned), released by an organizer, expired,
# an offer accepted or declined by the exhibitor.
ENDINGS = ("confirmed", "released", "expired", "accepted", "declined")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC: the clock the app uses when none is injected."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Hold:
    """An open hold (or offer) of one booth for one applicant until ``until``."""

    booth_id: str
    applicant_id: str
    until: datetime
    kind: str = HOLD
    created_by: str = ""


def aware(moment: datetime) -> datetime:
    """``moment`` with a time zone (UTC when it has none): SQLite hands back naive times."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_expired(hold: Hold, now: datetime) -> bool:
    """True when the hold's deadline has passed at ``now``."""
    return aware(hold.until) <= aware(now)


def expired_holds(holds: Iterable[Hold], now: datetime) -> list[Hold]:
    """The holds whose deadline has passed at ``now``."""
    return [h for h in holds if is_expired(h, now)]


def holds_by_booth(holds: Iterable[Hold]) -> dict[str, Hold]:
    """Open holds keyed by booth_id."""
    return {h.booth_id: h for h in holds}


def check_deadline(until: datetime, now: datetime, *, allow_past: bool = False) -> datetime:
    """The deadline in UTC; ValueError when it has no time zone sense or lies in the past."""
    moment = aware(until).astimezone(UTC)
    if not allow_past and moment <= aware(now):
        raise ValueError(f"the deadline {moment:%Y-%m-%d %H:%M} UTC has already passed")
    return moment
