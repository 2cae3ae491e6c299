"""``python -m booth_planner regions resolve NAME...`` (SPEC 4)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from booth_planner.cli import main

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line run as a separate process from the repository root."""
    return subprocess.run([sys.executable, "-m", "booth_planner", *args], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_resolves_every_name_to_code_tab_name():
    result = run_cli("regions", "resolve", "Humbahas", "Kota P. Siantar", "toba samosir",
                     "Kab. Nias Selatan")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "12.16\tKabupaten Humbang Hasundutan",
        "12.72\tKota Pematangsiantar",
        "12.12\tKabupaten Toba",
        "12.14\tKabupaten Nias Selatan",
    ]
    assert result.stderr == ""


def test_ambiguous_name_exits_2_naming_both():
    result = run_cli("regions", "resolve", "Bandung")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Kabupaten Bandung (32.04)" in result.stderr
    assert "Kota Bandung (32.73)" in result.stderr


def test_unknown_name_exits_2_with_closest_first():
    result = run_cli("regions", "resolve", "Tobba")
    assert result.returncode == 2
    assert result.stderr.startswith('"Tobba": not a known region; closest: Kabupaten Toba (12.12)')


def test_main_resolves_the_good_names_and_reports_the_bad(capsys):
    status = main(["regions", "resolve", "12.04", "Bekasi", "Kota Medan"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out.splitlines() == ["12.04\tKabupaten Nias", "12.71\tKota Medan"]
    assert "Kabupaten Bekasi (32.16), Kota Bekasi (32.75)" in err


def test_main_all_good_exits_0(capsys):
    assert main(["regions", "resolve", "Sumut", "Jaksel"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == ["12\tSumatera Utara", "31.74\tKota Administrasi Jakarta Selatan"]
