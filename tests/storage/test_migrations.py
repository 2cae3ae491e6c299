"""Migrations: the schema is built by them, upgrades are idempotent, and they can go down."""

from sqlalchemy import inspect

from booth_planner.storage import make_engine
from booth_planner.storage.migrate import current_revision, head_revision, upgrade
from booth_planner.storage.tables import Base


def test_migrations_build_exactly_the_models_tables(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)  # a second start of the app changes nothing
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) - {"alembic_version"} == \
        set(Base.metadata.tables)
    engine.dispose()


def test_the_first_revision_can_be_reached_from_empty(sqlite_url):
    engine = make_engine(sqlite_url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    upgrade(engine)
    assert current_revision(engine) == head_revision()
