"""Shared fixtures: a fresh store on SQLite (always) and on PostgreSQL (where one is reachable).

PostgreSQL tests use ``BOOTH_PLANNER_TEST_POSTGRES_URL`` or, by default, this machine's server at
127.0.0.1:5432 (database ``test``). Each test gets a schema of its own, dropped afterwards, so
runs never see each other's rows. In CI (``CI`` set) an unreachable server is a failure, not a
skip: those tests are required there.

Tests never touch the user's default database (``./instance/``). Before anything is imported,
the whole session (and every process it starts, which inherits the environment) gets a database
URL in a temporary folder, and the default path is refused outright: a test that drops the URL
fails loudly instead of writing the developer's data.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator

_SESSION_DIR = tempfile.mkdtemp(prefix="booth-planner-tests-")
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)
os.environ["BOOTH_PLANNER_DATABASE_URL"] = f"sqlite:///{_SESSION_DIR}/session.sqlite3"
os.environ["BOOTH_PLANNER_NO_DEFAULT_DATABASE"] = "1"

# ruff: noqa: E402  (the environment above must be set before the project is imported)

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from booth_planner.storage import Store, make_engine, open_store
from booth_planner.storage.migrate import upgrade
from booth_planner.storage.store import default_sqlite_path


def _default_database_stamp() -> float | None:
    """When the default database file last changed, or None when there is none."""
    path = default_sqlite_path()
    return path.stat().st_mtime if path.exists() else None


_DEFAULT_DATABASE_BEFORE = _default_database_stamp()


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if anything wrote the default database anyway (e.g. outside the guard)."""
    if _default_database_stamp() != _DEFAULT_DATABASE_BEFORE:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        raise pytest.UsageError(f"the test run wrote the default database {default_sqlite_path()}")

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
