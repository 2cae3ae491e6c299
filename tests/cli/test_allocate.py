"""``python -m booth_planner allocate``: files in, booth list and unplaced list out, or every problem."""

import csv
import subprocess
import sys
from pathlib import Path

from booth_planner.cli import main

BOOTHS = """booth_id,hall,x,y,zone,status
A-01,Hall A,0,0,,available
A-02,Hall A,3,0,,available
A-03,Hall A,6,0,,available
A-04,Hall A,9,0,,blocked
A-05,Hall A,12,0,,available
K-01,Hall A,0,9,kuliner,available
"""
APPLICANTS = """applicant_id,name,region,category,booths_requested,priority,locked_booth_id
P1,Paviliun Sumut,12,tenun,2,2,
P2,UMKM Ulos Nias,12.04,tenun,1,0,
P3,IKM Kopi Gayo,Aceh Tengah,kuliner,1,0,
P4,Galeri Batik Medan,Kota Medan,batik,1,0,
P5,Rumah Dodol,Kabupaten Nias,kuliner,1,0,
"""


def write(folder: Path, booths: str = BOOTHS, applicants: str = APPLICANTS) -> tuple[Path, Path]:
    booths_path, applicants_path = folder / "booths.csv", folder / "applicants.csv"
    booths_path.write_text(booths, encoding="utf-8")
    applicants_path.write_text(applicants, encoding="utf-8")
    return booths_path, applicants_path


def run(folder: Path, *extra: str) -> int:
    booths, applicants = folder / "booths.csv", folder / "applicants.csv"
    return main(["allocate", "--booths", str(booths), "--applicants", str(applicants),
                 "--out", str(folder / "assignments.csv"), *extra])


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_allocates_and_writes_both_files(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BOOTH_PLANNER_LANG", "en")
    write(tmp_path)
    status = run(tmp_path, "--unplaced", str(tmp_path / "unplaced.csv"))
    out = capsys.readouterr().out
    assert status == 0
    assert "Regions covered: 4 of 4 regions applying" in out
    assert "Applicants placed: 4 of 5" in out
    assert "Booths used: 5 of 5 available" in out
    assert "Applicants without a booth: 1 (CAPACITY 1)" in out
    assert "Proven optimal" in out
    booths = read_csv(tmp_path / "assignments.csv")
    assert [b["booth_id"] for b in booths] == ["A-01", "A-02", "A-03", "A-04", "A-05", "K-01"]
    holder = {b["booth_id"]: b["applicant_id"] for b in booths}
    assert holder["A-04"] == ""
    assert {holder["A-01"], holder["A-02"]} == {"P1"}
    assert holder["K-01"] in {"P3", "P5"}
    unplaced = read_csv(tmp_path / "unplaced.csv")
    # P2 and P5 both come from Kabupaten Nias: either may represent it.
    assert [u["reason_code"] for u in unplaced] == ["CAPACITY"]
    assert unplaced[0]["applicant_id"] in {"P2", "P5"}
    assert "Kabupaten Nias" in unplaced[0]["reason"]


def test_bad_input_lists_every_problem_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BOOTH_PLANNER_LANG", "en")
    booths = BOOTHS.replace("A-02,Hall A,3,0", "A-02,Hall A,three,0")
    applicants = APPLICANTS.replace("Kota Medan", "Kota Atlantis").replace("P5,Rumah Dodol,Kabupaten Nias,kuliner,1", "P5,Rumah Dodol,Kabupaten Nias,kuliner,zero")
    write(tmp_path, booths, applicants)
    status = run(tmp_path, "--unplaced", str(tmp_path / "unplaced.csv"))
    err = capsys.readouterr().err
    assert status == 2
    assert not (tmp_path / "assignments.csv").exists()
    assert not (tmp_path / "unplaced.csv").exists()
    assert "booths.csv, row 3, column x" in err
    assert "applicants.csv, row 5, column region" in err
    assert "applicants.csv, row 6, column booths_requested" in err


def test_impossible_locks_are_bad_input(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BOOTH_PLANNER_LANG", "en")
    applicants = APPLICANTS.replace("P1,Paviliun Sumut,12,tenun,2,2,",
                                    "P1,Paviliun Sumut,12,tenun,2,2,A-01|A-03")
    write(tmp_path, applicants=applicants)
    (tmp_path / "assignments.csv").write_text("old", encoding="utf-8")
    status = run(tmp_path)
    err = capsys.readouterr().err
    assert status == 2
    assert "applicants.csv, row 2, column locked_booth_id" in err
    assert "A-01, A-03" in err
    assert (tmp_path / "assignments.csv").read_text(encoding="utf-8") == "old"


def test_warnings_do_not_stop_the_run(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BOOTH_PLANNER_LANG", "en")
    write(tmp_path, booths=BOOTHS + "S-01,Hall A,0,18,snacks,available\n")
    assert run(tmp_path) == 0
    captured = capsys.readouterr()
    assert "Worth a look" in captured.err and "snacks" in captured.err
    assert (tmp_path / "assignments.csv").exists()


def test_missing_output_folder_is_bad_input(tmp_path, capsys):
    write(tmp_path)
    status = main(["allocate", "--booths", str(tmp_path / "booths.csv"),
                   "--applicants", str(tmp_path / "applicants.csv"),
                   "--out", str(tmp_path / "nowhere" / "assignments.csv")])
    assert status == 2
    assert "nowhere" in capsys.readouterr().err


def test_missing_input_file_is_bad_input(tmp_path, capsys):
    write(tmp_path)
    (tmp_path / "booths.csv").unlink()
    assert run(tmp_path) == 2
    assert "booths.csv" in capsys.readouterr().err
    assert not (tmp_path / "assignments.csv").exists()


def test_as_a_real_command_in_mixed_mode(tmp_path):
    write(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "booth_planner", "allocate", "--booths", "booths.csv",
         "--applicants", "applicants.csv", "--out", "assignments.csv", "--mode", "mixed"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "BOOTH_PLANNER_LANG": "id",
             "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "Wilayah terwakili: 4 dari 4" in done.stdout
    assert "(mixed)" in done.stdout
    assert len(read_csv(tmp_path / "assignments.csv")) == 6


def test_only_accepted_applicants_are_allocated_the_others_are_not_accepted(tmp_path, capsys,
                                                                             monkeypatch):
    monkeypatch.setenv("BOOTH_PLANNER_LANG", "en")
    applicants = """applicant_id,name,region,category,booths_requested,priority,status
P1,Paviliun Sumut,12,tenun,2,9,ditolak
P2,UMKM Ulos Nias,12.04,tenun,1,0,diterima
P3,IKM Kopi Gayo,Aceh Tengah,kuliner,1,0,
P4,Galeri Batik Medan,Kota Medan,batik,1,0,submitted
P5,Rumah Dodol,Kabupaten Nias,kuliner,1,0,mundur
"""
    write(tmp_path, applicants=applicants)
    status = run(tmp_path, "--unplaced", str(tmp_path / "unplaced.csv"))
    out = capsys.readouterr().out
    assert status == 0
    holders = {b["applicant_id"] for b in read_csv(tmp_path / "assignments.csv")} - {""}
    assert holders == {"P2", "P3"}  # a blank status is accepted (SPEC 2's default)
    unplaced = {u["applicant_id"]: u for u in read_csv(tmp_path / "unplaced.csv")}
    assert {k: u["reason_code"] for k, u in unplaced.items()} == {
        "P1": "NOT_ACCEPTED", "P4": "NOT_ACCEPTED", "P5": "NOT_ACCEPTED"}
    assert '"Declined"' in unplaced["P1"]["reason"] and '"Submitted"' in unplaced["P4"]["reason"]
    assert "NOT_ACCEPTED 3" in out
