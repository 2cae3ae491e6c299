"""Slowing down password guessing: per account and per client, counted in the database.

After a few wrong passwords for one account, each next try must wait longer (1 s, 2 s, 4 s, ...
up to a minute after the last failure); after more, the account is locked for 15 minutes. The
same holds per client (its network address), with higher thresholds since an office may share
one address. A right password clears the account's count, not the client's (one known account
must not buy more guesses at others). Attempts are rows of ``sign_in_attempts``, so every app
process behind one address sees the same counts, and an administrator can list the failures
(``python -m booth_planner.auth failed-sign-ins``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select

from booth_planner.storage import Store
from booth_planner.storage.tables import SignInAttemptRow

WINDOW = timedelta(minutes=30)  # failures this far apart belong to different runs
LOCK = timedelta(minutes=15)
MAX_DELAY = timedelta(minutes=1)
KEEP = timedelta(days=90)  # how long failed attempts stay listed for administrators
UNKNOWN_CLIENT = "unknown"


@dataclass(frozen=True)
class Rule:
    """Failures allowed freely, and the count that locks."""

    free: int
    lock: int


ACCOUNT_RULE = Rule(free=3, lock=10)
CLIENT_RULE = Rule(free=10, lock=30)


@dataclass(frozen=True)
class Attempt:
    """A failed sign-in, as an administrator sees it."""

    at: datetime
    username: str
    client: str


def normalise_username(text: str) -> str:
    """The form a username is stored and compared in: no outer spaces, case folded."""
    return text.strip().casefold()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back times without a zone; the store writes UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def wait_until(failures: int, last: datetime | None, rule: Rule) -> datetime | None:
    """When the next try is allowed after ``failures`` in a row, the last at ``last``."""
    if last is None or failures < rule.free:
        return None
    if failures >= rule.lock:
        return last + LOCK
    return last + min(timedelta(seconds=2 ** (failures - rule.free)), MAX_DELAY)


def _failures(session, column, value: str, now: datetime,  # noqa: ANN001
              reset_on_success: bool) -> tuple[int, datetime | None]:
    """The latest run of failures for one account or client: how many, and the last one's time.

    A run is the failures within WINDOW before the last one (after the last success), so a lock
    lasts its whole LOCK however long the run took to build up.
    """
    since = now - WINDOW - LOCK
    if reset_on_success:
        success = session.scalar(select(func.max(SignInAttemptRow.at)).where(
            column == value, SignInAttemptRow.succeeded.is_(True), SignInAttemptRow.at >= since))
        if success is not None:
            since = _aware(success)
    failed = (column == value, SignInAttemptRow.succeeded.is_(False))
    last = session.scalar(select(func.max(SignInAttemptRow.at)).where(
        *failed, SignInAttemptRow.at > since))
    if last is None:
        return 0, None
    last = _aware(last)
    count = session.scalar(select(func.count()).where(
        *failed, SignInAttemptRow.at > max(since, last - WINDOW), SignInAttemptRow.at <= last))
    return count, last


def retry_at(store: Store, username: str, client: str, now: datetime | None = None
             ) -> datetime | None:
    """When ``username`` may try again from ``client``; None when it may try now."""
    now = now or datetime.now(UTC)
    with store._read() as session:
        account = wait_until(*_failures(session, SignInAttemptRow.username,
                                        normalise_username(username), now, True), ACCOUNT_RULE)
        by_client = wait_until(*_failures(session, SignInAttemptRow.client, client, now, False),
                               CLIENT_RULE)
    waits = [w for w in (account, by_client) if w is not None and w > now]
    return max(waits) if waits else None


def record(store: Store, username: str, client: str, succeeded: bool,
           now: datetime | None = None) -> None:
    """Note one attempt (and forget failures older than anyone needs)."""
    now = now or datetime.now(UTC)
    with store.transaction() as session:
        session.add(SignInAttemptRow(at=now, username=normalise_username(username)[:100],
                                     client=(client or UNKNOWN_CLIENT)[:100],
                                     succeeded=succeeded))
        if succeeded:
            session.execute(delete(SignInAttemptRow).where(SignInAttemptRow.at < now - KEEP))


def failed_attempts(store: Store, since: datetime) -> list[Attempt]:
    """Failed sign-ins since ``since``, newest first."""
    with store._read() as session:
        rows = session.execute(select(SignInAttemptRow.at, SignInAttemptRow.username,
                                      SignInAttemptRow.client)
                               .where(SignInAttemptRow.succeeded.is_(False),
                                      SignInAttemptRow.at >= since)
                               .order_by(SignInAttemptRow.at.desc(), SignInAttemptRow.id.desc()))
        return [Attempt(_aware(at), username, client) for at, username, client in rows]
