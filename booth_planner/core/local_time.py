"""Times as organizers read and type them: in an Indonesian time zone (WIB by default).

Every time is stored in UTC. What an organizer reads (History, a booth's last change, a hold's
deadline, the text sent to an exhibitor) is in WIB, WITA or WIT, and what they type ("2026-12-04
17:00") is read in that zone too: a deadline of 17:00 means when the office closes in Medan, not
17:00 UTC (midnight in Medan).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booth_planner.core.i18n import format_date

# Indonesia's three time zones, by their everyday abbreviations.
TIME_ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
DEFAULT_TIME_ZONE = "Asia/Jakarta"
# A deadline given as a day ends when offices close.
CLOSING_HOUR = 17


def zone_name(time_zone: str = DEFAULT_TIME_ZONE) -> str:
    """``WIB`` for Asia/Jakarta; the zone's own name when it has no Indonesian abbreviation."""
    return TIME_ZONES.get(time_zone, time_zone)


def local_time(at: datetime, time_zone: str = DEFAULT_TIME_ZONE) -> datetime:
    """``at`` in ``time_zone``; a time without zone (SQLite gives those back) counts as UTC."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(ZoneInfo(time_zone))


def local_today(time_zone: str = DEFAULT_TIME_ZONE) -> date:
    """Today's date where the organizers are (WIB by default), not in UTC: file names carry it."""
    return local_time(datetime.now(UTC), time_zone).date()


def format_time(at: datetime, lang: str, time_zone: str = DEFAULT_TIME_ZONE) -> str:
    """``23 November 2026 16.05 WIB`` (id) or ``23 November 2026, 16:05 WIB`` (en)."""
    local = local_time(at, time_zone)
    if lang == "id":
        return f"{format_date(local.date(), lang)} {local:%H.%M} {zone_name(time_zone)}"
    return f"{format_date(local.date(), lang)}, {local:%H:%M} {zone_name(time_zone)}"


def typed_time(at: datetime, time_zone: str = DEFAULT_TIME_ZONE) -> str:
    """``2026-12-04 17:00``: ``at`` in ``time_zone`` as an organizer types it back."""
    return f"{local_time(at, time_zone):%Y-%m-%d %H:%M}"


def parse_local_time(text: str, time_zone: str = DEFAULT_TIME_ZONE) -> datetime:
    """``2026-12-04 17:00`` read in ``time_zone``, returned in UTC; ValueError if not a time.

    A text that names its own offset (``2026-12-04T10:00+00:00``) keeps it.
    """
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return moment.astimezone(UTC)


def closing_time(day: date, time_zone: str = DEFAULT_TIME_ZONE) -> datetime:
    """When offices close on ``day`` in ``time_zone`` (17:00), in UTC."""
    return datetime.combine(day, time(CLOSING_HOUR), tzinfo=ZoneInfo(time_zone)).astimezone(UTC)


def closing_in_days(now: datetime, days: int, time_zone: str = DEFAULT_TIME_ZONE) -> datetime:
    """17:00 in ``time_zone`` on the local day ``days`` after ``now``'s, in UTC."""
    return closing_time(local_time(now, time_zone).date() + timedelta(days=days), time_zone)
