"""``allocate`` writes both outputs or neither (SPEC 4), even when --unplaced is a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from booth_planner.cli import main
from booth_planner.cli.allocate import write_together

BOOTHS = "booth_id,hall,x,y\nA-01,Hall A,0,0\nA-02,Hall A,3,0\n"
APPLICANTS = "applicant_id,name,region,category\nP1,UMKM Ulos,12.12,tenun\n"


def test_unplaced_pointing_at_a_folder_leaves_the_booth_list_as_it_was(tmp_path, capsys):
    (tmp_path / "booths.csv").write_text(BOOTHS)
    (tmp_path / "applicants.csv").write_text(APPLICANTS)
    out = tmp_path / "assignments.csv"
    out.write_text("the list from yesterday\n")
    (tmp_path / "folder").mkdir()
    status = main(["allocate", "--booths", str(tmp_path / "booths.csv"), "--applicants",
                   str(tmp_path / "applicants.csv"), "--out", str(out),
                   "--unplaced", str(tmp_path / "folder")])
    assert status == 2
    assert out.read_text() == "the list from yesterday\n"
    assert "folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "applicants.csv", "assignments.csv", "booths.csv", "folder"]


def test_a_move_that_fails_late_puts_the_first_file_back(tmp_path, monkeypatch):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(b"old a")
    import booth_planner.cli.allocate as cli

    real_replace, calls = cli.os.replace, []

    def failing_replace(source: str, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise PermissionError(13, "denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(cli.os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        write_together({first: b"new a", second: b"new b"})
    assert first.read_bytes() == b"old a" and not second.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]  # no temporary file left
