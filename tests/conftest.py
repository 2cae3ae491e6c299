"""Shared fixtures: a fresh store on SQLite (always) and on PostgreSQL (where one is reachable).

PostgreSQL tests use ``BOOTH_PLANNER_TEST_POSTGRES_URL`` or, by default, this machine's server at
127.0.0.1:5432 (database ``test``). Each test gets a schema of its own, dropped afterwards, so
runs never see each other's rows. In CI (``CI`` set) an unreachable server is a failure, not a
skip: those tests are required there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from booth_planner.storage import Store, make_engine, open_store
from booth_planner.storage.migrate import upgrade

POSTGRES_URL = os.environ.get(
    "BOOTH_PLANNER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_unavailable_reason() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except (OperationalError, ImportError) as error:
        return f"no PostgreSQL at {POSTGRES_URL} ({type(error).__name__}); set " \
               "BOOTH_PLANNER_TEST_POSTGRES_URL to run these tests"
    return None


_PG_REASON = postgres_unavailable_reason()


def require_postgres() -> None:
    """Skip (or, in CI, fail) when no PostgreSQL server is reachable."""
    if _PG_REASON is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests are required in CI: {_PG_REASON}")
    pytest.skip(_PG_REASON)


def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A URL of a new SQLite file."""
    return f"sqlite:///{tmp_path / 'booth_planner.sqlite3'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL of a new, empty PostgreSQL schema."""
    yield from postgres_schema_url()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> Iterator[str]:
    """Each test that takes it runs twice: on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'booth_planner.sqlite3'}"
    else:
        yield from postgres_schema_url()


@pytest.fixture
def store(database_url) -> Iterator[Store]:
    """A migrated, empty store on each backend."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield Store(engine)
    engine.dispose()


@pytest.fixture
def sqlite_store(sqlite_url) -> Iterator[Store]:
    """A migrated, empty store on SQLite only (for tests that need no second backend)."""
    store = open_store(sqlite_url)
    yield store
    store.engine.dispose()
