"""The ``sign_in_attempts`` table: the rows behind the sign-in throttle (rules: accounts.throttle)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select

from booth_planner.storage.store import Store
from booth_planner.storage.tables import SignInAttemptRow


@dataclass(frozen=True)
class Attempt:
    """A failed sign-in, as an administrator sees it."""

    at: datetime
    username: str
    client: str


@dataclass(frozen=True)
class FailureRun:
    """The latest run of failures for one account or client: how many, and the last one's time."""

    count: int
    last: datetime | None


def _aware(moment: datetime) -> datetime:
    """SQLite hands back times without a zone; the store writes UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _failures(session, column, value: str, since: datetime, window: timedelta,  # noqa: ANN001
              reset_on_success: bool) -> FailureRun:
    if reset_on_success:
        success = session.scalar(select(func.max(SignInAttemptRow.at)).where(
            column == value, SignInAttemptRow.succeeded.is_(True), SignInAttemptRow.at >= since))
        if success is not None:
            since = _aware(success)
    failed = (column == value, SignInAttemptRow.succeeded.is_(False))
    last = session.scalar(select(func.max(SignInAttemptRow.at)).where(
        *failed, SignInAttemptRow.at > since))
    if last is None:
        return FailureRun(0, None)
    last = _aware(last)
    count = session.scalar(select(func.count()).where(
        *failed, SignInAttemptRow.at > max(since, last - window), SignInAttemptRow.at <= last))
    return FailureRun(count, last)


def failure_runs(store: Store, username: str, client: str, since: datetime,
                 window: timedelta) -> tuple[FailureRun, FailureRun]:
    """The account's run (reset by its last success) and the client's run of failures.

    A run is the failures within ``window`` before the last one, after ``since``.
    """
    with store.read() as session:
        return (_failures(session, SignInAttemptRow.username, username, since, window, True),
                _failures(session, SignInAttemptRow.client, client, since, window, False))


def record_attempt(store: Store, *, at: datetime, username: str, client: str, succeeded: bool,
                   forget_before: datetime | None = None) -> None:
    """Note one attempt; with ``forget_before``, delete the attempts older than it."""
    with store.transaction() as session:
        session.add(SignInAttemptRow(at=at, username=username[:100], client=client[:100],
                                     succeeded=succeeded))
        if forget_before is not None:
            session.execute(delete(SignInAttemptRow).where(SignInAttemptRow.at < forget_before))


def failed_attempts(store: Store, since: datetime) -> list[Attempt]:
    """Failed sign-ins since ``since``, newest first."""
    with store.read() as session:
        rows = session.execute(select(SignInAttemptRow.at, SignInAttemptRow.username,
                                      SignInAttemptRow.client)
                               .where(SignInAttemptRow.succeeded.is_(False),
                                      SignInAttemptRow.at >= since)
                               .order_by(SignInAttemptRow.at.desc(), SignInAttemptRow.id.desc()))
        return [Attempt(_aware(at), username, client) for at, username, client in rows]
