"""Slowing down password guessing: per account and per client, counted in the database.

After a few wrong passwords for one account, each next try must wait longer (1 s, 2 s, 4 s, ...
up to a minute after the last failure); after more, the account is locked for 15 minutes. The
same holds per client (its network address), with higher thresholds since an office may share
one address. A right password clears the account's count, not the client's (one known account
must not buy more guesses at others). Attempts are rows of ``sign_in_attempts``, so every app
process behind one address sees the same counts, and an administrator can list the failures
(``python -m booth_planner users failed-sign-ins``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from booth_planner.core.text import normalise_username
from booth_planner.storage import Store, sign_in_attempts
from booth_planner.storage.sign_in_attempts import Attempt, failure_runs, record_attempt

__all__ = ["ACCOUNT_RULE", "CLIENT_RULE", "Attempt", "Rule", "failed_attempts",
           "normalise_username", "record", "retry_at", "wait_until"]

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


def wait_until(failures: int, last: datetime | None, rule: Rule) -> datetime | None:
    """When the next try is allowed after ``failures`` in a row, the last at ``last``."""
    if last is None or failures < rule.free:
        return None
    if failures >= rule.lock:
        return last + LOCK
    return last + min(timedelta(seconds=2 ** (failures - rule.free)), MAX_DELAY)


def retry_at(store: Store, username: str, client: str, now: datetime | None = None
             ) -> datetime | None:
    """When ``username`` may try again from ``client``; None when it may try now.

    A run counts the failures within WINDOW before the last one (after the account's last
    success), so a lock lasts its whole LOCK however long the run took to build up.
    """
    now = now or datetime.now(UTC)
    account_run, client_run = failure_runs(store, normalise_username(username), client,
                                           now - WINDOW - LOCK, WINDOW)
    account = wait_until(account_run.count, account_run.last, ACCOUNT_RULE)
    by_client = wait_until(client_run.count, client_run.last, CLIENT_RULE)
    waits = [w for w in (account, by_client) if w is not None and w > now]
    return max(waits) if waits else None


def record(store: Store, username: str, client: str, succeeded: bool,
           now: datetime | None = None) -> None:
    """Note one attempt (and forget failures older than anyone needs)."""
    now = now or datetime.now(UTC)
    record_attempt(store, at=now, username=normalise_username(username),
                   client=client or UNKNOWN_CLIENT, succeeded=succeeded,
                   forget_before=now - KEEP if succeeded else None)


def failed_attempts(store: Store, since: datetime) -> list[Attempt]:
    """Failed sign-ins since ``since``, newest first."""
    return sign_in_attempts.failed_attempts(store, since)
