"""Storage: SQLAlchemy over a SQLite file by default, PostgreSQL when a URL is given.

``open_store(url)`` is the one entry point: it makes the engine, brings the schema up to date
with the migrations in ``booth_planner/migrations`` and returns a :class:`Store`.
The URL comes from the argument, else ``BOOTH_PLANNER_DATABASE_URL``, else a SQLite file at
``./instance/booth_planner.sqlite3``.
"""

from __future__ import annotations

import os

from sqlalchemy import Engine, create_engine, text

from booth_planner.storage.migrate import upgrade
from booth_planner.storage.store import (
    Change,
    ConflictError,
    NotFoundError,
    RuleError,
    Store,
    StoreError,
    default_sqlite_path,
    slugify,
    sqlite_pragmas,
)

DATABASE_URL_ENV = "BOOTH_PLANNER_DATABASE_URL"

__all__ = [
    "Change", "ConflictError", "NotFoundError", "RuleError", "Store", "StoreError",
    "database_url", "make_engine", "migrate", "open_store", "slugify",
]


def database_url(url: str | None = None) -> str:
    """The database URL to use: the argument, the environment, or the default SQLite file."""
    if url:
        return url
    if from_env := os.environ.get(DATABASE_URL_ENV):
        return from_env
    path = default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` with the settings each backend needs for safe concurrent writes."""
    url = database_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        sqlite_pragmas(engine)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


# Any fixed number: PostgreSQL advisory locks are named by integers.
MIGRATION_LOCK = 7_032_026


def migrate(engine: Engine) -> None:
    """Bring the schema up to date, one process at a time.

    App instances started together on PostgreSQL would otherwise all try to create the same
    tables and all but one fail; the advisory lock makes the others wait, and then find the
    schema current. SQLite needs none: its migration transaction begins IMMEDIATE.
    """
    if engine.dialect.name != "postgresql":
        upgrade(engine)
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        connection.commit()
        try:
            upgrade(engine)
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            connection.commit()


def open_store(url: str | None = None) -> Store:
    """A store on ``url`` with its schema migrated to the newest version."""
    engine = make_engine(url)
    migrate(engine)
    return Store(engine)
