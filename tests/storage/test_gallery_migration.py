"""Migration 0004: region codes widened to kecamatan with data kept; reversible."""

from alembic import command
from sqlalchemy import text

from booth_planner.storage import make_engine
from booth_planner.storage.migrate import alembic_config, current_revision, upgrade


def test_widening_keeps_rows_and_takes_kecamatan_codes_then_goes_back(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO events (slug, name, venue, city, scope, created_at) "
            "VALUES ('galeri', 'Galeri', '', '', 'regional', CURRENT_TIMESTAMP)"))
        event = connection.execute(text("SELECT id FROM events WHERE slug = 'galeri'")).scalar()
        connection.execute(text(
            "INSERT INTO applicants (event_id, applicant_id, name, region_code, category, "
            "booths_requested, priority, position, version) "
            "VALUES (:e, 'M-1', 'Batik', '32.75', 'batik', 1, 0, 0, 1)"), {"e": event})
    upgrade(engine, "0004")
    assert current_revision(engine) == "0004"
    with engine.begin() as connection:
        assert connection.execute(text("SELECT region_code FROM applicants")).scalar() == "32.75"
        assert connection.execute(text("SELECT kind FROM events")).scalar() == "expo"
        connection.execute(text(
            "INSERT INTO applicants (event_id, applicant_id, name, region_code, category, "
            "booths_requested, priority, position, version) "
            "VALUES (:e, 'M-2', 'Kue', '32.75.03', 'kuliner', 1, 0, 0, 1)"), {"e": event})
    command.downgrade(alembic_config(engine), "0002")
    with engine.begin() as connection:
        codes = connection.execute(text(
            "SELECT region_code FROM applicants ORDER BY applicant_id")).scalars().all()
    assert codes == ["32.75", "32.75"]  # the kecamatan falls back to its kota
    engine.dispose()
