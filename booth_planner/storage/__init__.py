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
from booth_planner.storage.migrate import current_revision, head_revision, upgrade
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
    """A store (with the applicant lifecycle) on ``url``, its schema migrated to the newest.

    A SQLite file that cannot be written (a read-only file or folder, or a ``mode=ro`` URL)
    still opens, for reading: the store's ``read_only`` is True and every write is refused
    with a read-only DatabaseFault. Only a file that is not yet at the newest schema (which
    could not be brought up to date) or cannot even be read stops the start.
    """
    engine = make_engine(url)
    try:
        with faults_translated():
            if not _asks_read_only(engine):
                migrate(engine)
            if engine.dialect.name == "sqlite" and not _accepts_writes(engine):
                raise DatabaseFault("read_only", "the database refused a trial write")
    except DatabaseFault as fault:
        engine.dispose()
        if fault.kind != "read_only" or engine.dialect.name != "sqlite":
            raise
        return _read_only_store(engine)
    return LifecycleStore(engine)


def _asks_read_only(engine: Engine) -> bool:
    """True for a SQLite URL that opens the file read-only (``?mode=ro&uri=true``)."""
    return engine.url.query.get("mode") == "ro"


def _accepts_writes(engine: Engine) -> bool:
    """True when the database takes a write: a no-op update, rolled back.

    SQLite opens a file it may not write for reading without a word, so asking is the one
    sure way (file permissions say nothing to root, nor about a ``mode=ro`` URL).
    """
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(
                "UPDATE alembic_version SET version_num = version_num")
            connection.rollback()
    except DatabaseFault as fault:
        if fault.kind == "read_only":
            return False
        raise
    return True


def _sqlite_file(engine: Engine) -> str:
    """The path of an engine's SQLite file, whether its URL names it plainly or as a URI."""
    database = engine.url.database or ""
    if engine.url.query.get("uri") in ("true", "1"):
        database = database.removeprefix("file:")
    return database


def _read_only_store(engine: Engine) -> LifecycleStore:
    """The SQLite file of ``engine`` opened for reading only.

    Live reading (``mode=ro``) first; in a folder SQLite may not write, a WAL database cannot
    be read that way (its shared-memory file cannot be made), so then as an unchanging file
    (``immutable=1``): the app shows the data as it was when it started.
    """
    path = _sqlite_file(engine)
    last: DatabaseFault | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        reader = make_engine(f"sqlite:///file:{path}?{options}&uri=true")
        try:
            with faults_translated():
                at = current_revision(reader)
            if at != head_revision():
                raise DatabaseFault("read_only", f"read-only database at revision {at}, "
                                                 f"the app needs {head_revision()}")
            return LifecycleStore(reader, read_only=True)
        except DatabaseFault as fault:
            reader.dispose()
            last = fault
    assert last is not None
    raise last
