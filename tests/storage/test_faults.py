"""Database faults (full disk, read-only file, server out of reach) in words, nothing saved."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from booth_planner.cli import backup as backup_cli
from booth_planner.cli import users as users_cli
from booth_planner.core.i18n import t
from booth_planner.core.model import Booth
from booth_planner.storage import DatabaseFault, Store, make_engine, open_store

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2"


def _booths(count: int) -> list[Booth]:
    return [Booth(f"A-{n:04d}", "Hall A", 3 * n, 0, zone="x" * 90) for n in range(count)]


def test_a_full_disk_is_a_fault_in_words_and_nothing_is_saved(sqlite_url):
    store = open_store(sqlite_url)
    event_info = store.create_event("Pameran", user="ani")
    store.engine.dispose()
    engine = make_engine(sqlite_url)

    @event.listens_for(engine, "connect")
    def _small_disk(connection, _record):  # noqa: ANN001
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    full = Store(engine)
    with pytest.raises(DatabaseFault) as refused:
        full.save_booths(event_info.id, _booths(2000), user="ani")
    assert refused.value.kind == "disk_full"
    assert "nothing was saved" in str(refused.value) and "INSERT" not in str(refused.value)
    assert full.state(event_info.id).booths == ()  # reading still works, nothing half-written
    assert "disk" in t("fault.disk_full", "en") and "penuh" in t("fault.disk_full", "id")
    engine.dispose()


def test_a_read_only_database_is_a_fault_in_words(sqlite_url, tmp_path):
    open_store(sqlite_url).engine.dispose()
    path = tmp_path / "booth_planner.sqlite3"
    engine = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    read_only = Store(engine)
    assert read_only.list_events() == []
    with pytest.raises(DatabaseFault) as refused:
        read_only.create_event("Pameran", user="ani")
    assert refused.value.kind == "read_only"
    engine.dispose()


def test_an_unreachable_server_is_a_fault_in_words():
    with pytest.raises(DatabaseFault) as refused:
        open_store(UNREACHABLE)
    assert refused.value.kind == "unreachable"
    assert "127.0.0.1" not in str(refused.value)


@pytest.mark.parametrize("command", [
    lambda: backup_cli.main(["--database-url", UNREACHABLE, "restore", "x.json.gz"]),
    lambda: users_cli.main(["--database-url", UNREACHABLE, "list-users"]),
])
def test_the_command_line_says_so_and_exits_2(command, capsys):
    assert command() == 2
    err = capsys.readouterr().err
    assert err.startswith("error: nothing was saved: ") and "cannot be reached" in err
    assert "Traceback" not in err and "psycopg" not in err
