"""Storage: SQLAlchemy over a SQLite file by default, PostgreSQL when a URL is given.

``open_store(url)`` is the one entry point: it makes the engine, brings the schema up to date
with the migrations in ``booth_planner/storage/migrations`` and returns a :class:`Store`.
The URL comes from the argument, else ``BOOTH_PLANNER_DATABASE_URL``, else a SQLite file at
``./instance/booth_planner.sqlite3``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session

from booth_planner.storage.faults import DatabaseFault, faults_translated, translate
from booth_planner.storage.lifecycle import LifecycleStore
from booth_planner.storage.migrate import upgrade
from booth_planner.storage.store import (
    ApplicantConflictError,
    Change,
    ConflictError,
    NotFoundError,
    RuleError,
    Store,
    StoreError,
    default_sqlite_path,
    refuse_writes,
    sqlite_pragmas,
)

DATABASE_URL_ENV = "BOOTH_PLANNER_DATABASE_URL"
# Set (to anything) where the default database must never be used: the test suite sets it, so
# a test or a process it starts that forgot its own URL fails instead of writing ./instance/.
NO_DEFAULT_DATABASE_ENV = "BOOTH_PLANNER_NO_DEFAULT_DATABASE"

__all__ = [
    "ApplicantConflictError", "LifecycleStore",
    "DATABASE_URL_ENV", "NO_DEFAULT_DATABASE_ENV", "Change", "ConflictError", "DatabaseFault",
    "NotFoundError", "RuleError", "Session", "Store", "StoreError", "database_url", "make_engine",
    "migrate", "open_store", "refuse_writes", "startup_lock",
]


def database_url(url: str | None = None) -> str:
    """The database URL to use: the argument, the environment, or the default SQLite file."""
    if url:
        return url
    if from_env := os.environ.get(DATABASE_URL_ENV):
        return from_env
    path = default_sqlite_path()
    if os.environ.get(NO_DEFAULT_DATABASE_ENV):
        raise RuntimeError(f"the default database {path} was asked for while "
                           f"{NO_DEFAULT_DATABASE_ENV} is set (tests never use it)")
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` with the settings each backend needs for safe concurrent writes."""
    url = database_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        sqlite_pragmas(engine)
    else:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    event.listen(engine, "handle_error", translate)  # faults in words, not SQL (faults.py)
    return engine


# Any fixed number: PostgreSQL advisory locks are named by integers.
MIGRATION_LOCK = 7_032_026


@contextmanager
def startup_lock(engine: Engine) -> Iterator[None]:
    """One app process at a time through start-up work (migrations, demo events).

    App instances started together would otherwise all try to create the same tables (all but
    one failing) or all add the demo events to an empty database. The others wait, then find
    the work done: on PostgreSQL behind a session advisory lock, on SQLite behind an OS file
    lock next to the database file (none where the OS has no ``fcntl``, or in memory).
    """
    if engine.dialect.name != "postgresql":
        with _file_lock(engine.url.database):
            yield
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            connection.commit()


@contextmanager
def _file_lock(database: str | None) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: a single local user, nothing to race with
        fcntl = None
    if fcntl is None or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.startup-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema up to date, one process at a time (see startup_lock)."""
    with startup_lock(engine):
        upgrade(engine)


def open_store(url: str | None = None) -> LifecycleStore:
    """A store (with the applicant lifecycle) on ``url``, its schema migrated to the newest."""
    engine = make_engine(url)
    with faults_translated():
        migrate(engine)
    return LifecycleStore(engine)
