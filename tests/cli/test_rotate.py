"""``python -m booth_planner rotate`` (SPEC 5): roster and ledger, or every problem and exit 2."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from booth_planner.cli import main
from booth_planner.rotation.ledger import LEDGER_COLUMNS, ROSTER_COLUMNS

SPACES = """booth_id,hall,x,y,zone,status
A-01,Lantai 1,0,0,,
A-02,Lantai 1,3,0,,
A-03,Lantai 1,6,0,kuliner,
B-01,Lantai 2,0,0,,blocked
"""
MEMBERS = """id_peserta,nama,wilayah,kategori,produk,periode_tidak_bisa,giliran_sebelumnya,stand_tetap
D-00,Dekranasda Kota Bekasi,Kota Bekasi,kriya,Etalase,,,A-01
M-01,Batik Bekasi,Bekasi Utara,batik,Batik,,1,
M-02,Kue Ali,Pondok Gede,kuliner,Kue,2027-02,,
M-03,Anyaman Rawa,32.75.05,anyaman,Tas,,,
M-04,Dodol Bantar,"Bantargebang, Kota Bekasi",kuliner,Dodol,,0,
M-05,Tenun Jauh,Medansatria,tenun,Kain,2027-01|2027-02|2027-03,,
"""
PERIODS = """period_id;start;end
2027-01;2027-01-01;2027-01-31
2027-02;2027-02-01;2027-02-28
2027-03;01/03/2027;31/03/2027
"""


def write(folder: Path, spaces: str = SPACES, members: str = MEMBERS,
          periods: str = PERIODS) -> None:
    for name, text in (("spaces.csv", spaces), ("members.csv", members),
                       ("periods.csv", periods)):
        (folder / name).write_text(text, encoding="utf-8")


def run(folder: Path, *extra: str) -> int:
    return main(["rotate", "--spaces", str(folder / "spaces.csv"),
                 "--members", str(folder / "members.csv"),
                 "--periods", str(folder / "periods.csv"),
                 "--out", str(folder / "roster.csv"), "--ledger", str(folder / "ledger.csv"),
                 *extra])


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_roster_and_ledger_follow_spec_5(tmp_path, capsys):
    write(tmp_path)
    assert run(tmp_path, "--home", "32.75") == 0
    header, roster = read_csv(tmp_path / "roster.csv")
    assert header == list(ROSTER_COLUMNS)
    assert len(roster) == 3 * 4  # every period x every space, free ones included
    assert [r["period_id"] for r in roster[:4]] == ["2027-01"] * 4
    assert [r["booth_id"] for r in roster[:4]] == ["A-01", "A-02", "A-03", "B-01"]
    assert all(r["applicant_id"] == "D-00" and r["locked"] == "yes"
               for r in roster if r["booth_id"] == "A-01")
    assert all(r["applicant_id"] == "" for r in roster if r["booth_id"] == "B-01")
    assert all(r["category"] == "kuliner" for r in roster if r["booth_id"] == "A-03")
    assert not any(r["applicant_id"] == "M-02" and r["period_id"] == "2027-02" for r in roster)
    header, ledger = read_csv(tmp_path / "ledger.csv")
    assert header == list(LEDGER_COLUMNS)
    by_id = {r["applicant_id"]: r for r in ledger}
    assert by_id["M-01"]["region_code"] == "32.75.03"
    assert by_id["M-01"]["region_name"] == "Bekasi Utara"
    assert by_id["M-04"]["region_code"] == "32.75.07"
    assert by_id["M-05"]["reason_code"] == "UNAVAILABLE" and by_id["M-05"]["turns"] == "0"
    assert by_id["M-01"]["total"] == str(1 + int(by_id["M-01"]["turns"]))
    for row in ledger:
        periods = [p for p in row["periods"].split("|") if p]
        assert len(periods) == int(row["turns"])
        if row["applicant_id"] != "D-00":  # never two periods in a row (default 1)
            assert "2027-01" not in periods or "2027-02" not in periods
    out = capsys.readouterr().out
    assert "Terbukti optimal" in out and "Anggota tanpa giliran: 1" in out


def test_every_problem_is_listed_and_nothing_is_written(tmp_path, capsys):
    members = MEMBERS.replace("Bekasi Utara", "Wonosari").replace(
        "2027-02,,", "2027-13,,").replace(",1,", ",satu,")
    periods = PERIODS.replace("2027-02-28", "2027-01-15").replace("01/03/2027", "31/02/2027")
    write(tmp_path, members=members, periods=periods)
    (tmp_path / "roster.csv").write_text("old", encoding="utf-8")
    assert run(tmp_path, "--home", "32.75") == 2
    err = capsys.readouterr().err
    assert "members.csv, row 3, column wilayah" in err.replace("baris", "row").replace(
        "kolom", "column")
    assert "Wonosari" in err and "Gunungkidul" in err  # candidates named
    assert "satu" in err  # turns_before not a whole number
    assert "2027-13" not in err or "periods" in err
    assert "periods.csv" in err and "31/02/2027" in err
    assert (tmp_path / "roster.csv").read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "ledger.csv").exists()


def test_unknown_unavailable_period_is_an_error(tmp_path, capsys):
    write(tmp_path, members=MEMBERS.replace("2027-02,,", "2027-13,,"))
    assert run(tmp_path, "--home", "32.75") == 2
    err = capsys.readouterr().err
    assert "2027-13" in err and "periode_tidak_bisa" in err


def test_overlapping_periods_are_an_error(tmp_path, capsys):
    write(tmp_path, periods=PERIODS.replace("2027-02-01;2027-02-28", "2027-01-20;2027-02-28"))
    assert run(tmp_path, "--home", "32.75") == 2
    assert "2027-02" in capsys.readouterr().err
    assert not (tmp_path / "roster.csv").exists()


def test_a_kecamatan_name_without_home_is_never_guessed(tmp_path, capsys):
    write(tmp_path)
    assert run(tmp_path) == 2
    err = capsys.readouterr().err
    assert "Bekasi Utara" in err and "32.75.03" in err and "--home" in err


def test_a_lock_on_a_blocked_space_is_an_error(tmp_path, capsys):
    write(tmp_path, members=MEMBERS.replace(",A-01\n", ",B-01\n"))
    assert run(tmp_path, "--home", "32.75") == 2
    assert "B-01" in capsys.readouterr().err


@pytest.mark.parametrize("home,message", [("Sumatera Utara", "provinsi"), ("Bandung", "Bandung")])
def test_home_must_be_one_kabupaten_kota(tmp_path, capsys, home, message):
    write(tmp_path)
    assert run(tmp_path, "--home", home) == 2
    assert message in capsys.readouterr().err


def test_max_consecutive_allows_runs(tmp_path):
    write(tmp_path)
    assert run(tmp_path, "--home", "Kota Bekasi", "--max-consecutive", "3") == 0
    assert run(tmp_path, "--home", "32.75", "--max-consecutive", "0") == 2


def test_the_command_prints_only_its_summary(tmp_path):
    import subprocess
    import sys

    write(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "booth_planner", "rotate", "--spaces", str(tmp_path / "spaces.csv"),
         "--members", str(tmp_path / "members.csv"), "--periods", str(tmp_path / "periods.csv"),
         "--out", str(tmp_path / "roster.csv"), "--home", "32.75"],
        capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[2],
        env={**__import__("os").environ, "BOOTH_PLANNER_LANG": "en"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Members: 6") and lines[-1].startswith("Proven optimal")
    assert len(lines) == 5
