"""A SQLite database that cannot be written still opens, for reading; every write says why.

Two honest ways to make the database read-only, since tests may run as root, whom file
permissions do not stop: SQLite's own ``?mode=ro`` URL (the library refuses every write,
whoever runs it), and a real read-only folder and file (``chmod``), opened by a process that
runs as an unprivileged user (``setpriv`` to ``nobody`` when the tests run as root).
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from booth_planner.accounts import users as accounts
from booth_planner.core.i18n import t
from booth_planner.core.model import Applicant, Booth
from booth_planner.storage import DatabaseFault, open_store

ROOT = Path(__file__).resolve().parents[2]
READ_ONLY_WORDS = "nothing was saved: the database is read-only"


def _filled(path: Path) -> None:
    """A database at ``path`` with one event holding two booths and an applicant."""
    store = open_store(f"sqlite:///{path}")
    event = store.create_event("Pameran Tenun", user="ani")
    store.save_booths(event.id, [Booth("A-01", "Hall A", 0, 0), Booth("A-02", "Hall A", 3, 0)],
                      user="ani")
    store.save_applicants(event.id, [Applicant("P1", "Tenun Ani", "12.12", "tenun")],
                          user="ani")
    store.engine.dispose()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_mode_ro_database_opens_for_reading_and_refuses_every_write(tmp_path):
    path = tmp_path / "booth_planner.sqlite3"
    _filled(path)
    before = _digest(path)
    store = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert store.read_only
    event = store.list_events()[0]
    state = store.state(event.id)
    assert [b.booth_id for b in state.booths] == ["A-01", "A-02"]
    writes = [
        lambda: store.create_event("Pameran Baru", user="ani"),
        lambda: store.assign(event.id, "A-01", "P1", user="ani"),
        lambda: store.save_booths(event.id, [Booth("B-01", "Hall B", 0, 0)], user="ani"),
        lambda: accounts.add_user(store, "budi", None, email="budi@example.org"),
        lambda: accounts.sign_in(store, "budi", "salah", "127.0.0.1"),
    ]
    for write in writes:
        with pytest.raises(DatabaseFault) as refused:
            write()
        assert refused.value.kind == "read_only"
        assert str(refused.value) == READ_ONLY_WORDS
    assert store.state(event.id) == state
    store.engine.dispose()
    assert _digest(path) == before


def test_a_writable_database_is_not_read_only(sqlite_url):
    store = open_store(sqlite_url)
    assert not store.read_only
    store.create_event("Pameran", user="ani")
    store.engine.dispose()


def test_the_app_says_so_in_both_languages():
    assert "read-only" in t("fault.read_only", "en") and "Nothing was saved" in \
        t("fault.read_only", "en")
    assert "hanya dapat dibaca" in t("fault.read_only", "id")
    assert "read-only" in t("fault.read_only_mode", "en")
    assert "hanya dapat dibaca" in t("fault.read_only_mode", "id")


def _unprivileged_prefix() -> list[str]:
    """How to run a command as someone file permissions apply to; skip when there is none."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        setpriv = None
    if setpriv is None:
        pytest.skip("running as root without setpriv and a 'nobody' user: chmod cannot "
                    "make a folder read-only for this process")
    prefix = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    # The unprivileged user must be able to read this Python environment and the project
    # (a virtual environment in a private folder is not); say so rather than fail obscurely.
    probe = _run(prefix, "-c", "import sqlalchemy, booth_planner.storage")
    if probe.returncode != 0:
        reason = ("the user 'nobody' cannot read this Python environment or the project "
                  f"({sys.prefix}); make them readable (chmod o+rX) to run this test: "
                  f"{probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else ''}")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return prefix


PROBE = """
import json, sys
from booth_planner.storage import DatabaseFault, open_store
store = open_store(sys.argv[1])
answer = {"read_only": store.read_only, "events": [e.name for e in store.list_events()]}
try:
    store.create_event("Pameran Baru", user="ani")
except DatabaseFault as fault:
    answer["refused"] = [fault.kind, str(fault)]
print(json.dumps(answer))
"""


@pytest.fixture
def locked_folder():
    """A folder holding a filled database, then made read-only (folder and file)."""
    folder = Path(tempfile.mkdtemp(prefix="booth-planner-ro-"))
    folder.chmod(0o755)  # mkdtemp makes it private; the unprivileged reader must get in
    path = folder / "booth_planner.sqlite3"
    _filled(path)
    for leftover in folder.iterdir():
        leftover.chmod(0o444)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH
                 | stat.S_IXOTH)
    try:
        yield path
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def _run(prefix: list[str], *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([*prefix, sys.executable, *args], capture_output=True, text=True,
                          env=env, cwd="/", timeout=120, check=False)


def test_a_read_only_folder_and_file_open_for_reading(locked_folder):
    prefix = _unprivileged_prefix()
    before = _digest(locked_folder)
    done = _run(prefix, "-c", PROBE, f"sqlite:///{locked_folder}")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer == {"read_only": True, "events": ["Pameran Tenun"],
                      "refused": ["read_only", READ_ONLY_WORDS]}
    assert _digest(locked_folder) == before


def test_the_command_line_reads_but_refuses_to_write_and_exits_2(locked_folder):
    prefix = _unprivileged_prefix()
    url = f"sqlite:///{locked_folder}"
    listed = _run(prefix, "-m", "booth_planner", "users", "--database-url", url, "list-users")
    assert listed.returncode == 0, listed.stderr
    added = _run(prefix, "-m", "booth_planner", "users", "--database-url", url, "add-user",
                 "budi", "--no-password", "--email", "budi@example.org")
    assert added.returncode == 2
    assert added.stderr.strip() == f"error: {READ_ONLY_WORDS}"
