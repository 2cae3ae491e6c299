"""Booth cards and posters read by real clients: pdftoppm renders, zbarimg decodes every code.

The cards of the national demo's first hall (a third of its exhibitors with shop links, the
rest pointing at their directory entry) must each decode to exactly the URL SPEC 6 names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from booth_planner.cli import main
from booth_planner.directory.cards import SIZES, cards_pdf, plan_cards, poster_pdf
from booth_planner.directory.entries import from_state
from booth_planner.directory.profile import booth_url
from tests.directory_sample import sample_state, write_files

BASE = "https://pameran.example/direktori"
TOOLS = ("pdftoppm", "zbarimg")


def require_tools() -> None:
    """Skip (in CI: fail) without poppler-utils and zbar-tools."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed (Debian poppler-utils, zbar-tools)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def decoded_pages(pdf: bytes, folder: Path, dpi: int = 72) -> dict[int, list[str]]:
    """Page number -> the QR codes zbarimg reads on that page, rendered by pdftoppm."""
    require_tools()
    (folder / "cards.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(folder / "cards.pdf"),
                    str(folder / "page")], check=True, timeout=600)
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    found = subprocess.run(["zbarimg", "--xml", "-q", "-Sdisable", "-Sqrcode.enable",
                            *map(str, pages)], capture_output=True, text=True, timeout=600)
    assert found.returncode in (0, 4), found.stderr  # 4: some page had no code at all
    namespace = {"z": "http://zbar.sourceforge.net/2008/barcode"}
    result: dict[int, list[str]] = {n: [] for n in range(1, len(pages) + 1)}
    for source in ET.fromstring(found.stdout).findall("z:source", namespace):
        number = int(Path(source.get("href")).stem.split("-")[-1])
        result[number] = [s.findtext("z:data", namespaces=namespace)
                          for s in source.findall(".//z:symbol", namespace)]
    return result


def test_every_card_of_the_national_first_hall_decodes_to_its_url(tmp_path):
    directory = from_state(sample_state("national"))
    first_hall = directory.halls[0].name
    entries = [e for e in directory.entries if e.hall == first_hall]
    cards = plan_cards(entries, BASE)
    assert len(cards) > 250
    assert {bool(e.links) for e in entries} == {True, False}  # both kinds of code are tested
    pages = decoded_pages(cards_pdf(cards, directory.event_name), tmp_path)
    assert len(pages) == len(cards)
    for number, entry in enumerate(entries, start=1):
        expected = entry.links[0] if entry.links else booth_url(BASE, entry.booth_id)
        assert pages[number] == [expected], f"card {number} ({entry.booth_id})"


def test_a6_cards_and_the_hall_poster_decode_too(tmp_path):
    directory = from_state(sample_state("pon"))
    cards = plan_cards(directory.entries[:6], BASE)
    (tmp_path / "cards").mkdir()
    (tmp_path / "poster").mkdir()
    pages = decoded_pages(cards_pdf(cards, directory.event_name, "a6"), tmp_path / "cards")
    assert list(pages.values()) == [[c.qr] for c in cards]
    halls = [h.name for h in directory.halls]
    poster = decoded_pages(poster_pdf(halls, directory.event_name, BASE), tmp_path / "poster")
    assert list(poster.values()) == [[BASE]] * len(halls)


def test_names_print_as_typed_with_the_shipped_font(tmp_path):
    """Letters outside Latin-1 (en and em dashes, curly quotes, Greek) survive on the card:
    pdftotext reads back exactly what the exhibitor typed, on any machine (the font is shipped)."""
    if shutil.which("pdftotext") is None:
        require_tools_named("pdftotext")
    directory = from_state(sample_state("pon"))
    name = "Kopi Gayo – Takengon “Asli” ‘Wine’ · Ωmega"
    entry = replace(directory.entries[0], name=name, product="Kerawang Gayo — bordir")
    (tmp_path / "card.pdf").write_bytes(cards_pdf(plan_cards([entry], BASE), "HUT – Medan"))
    text = subprocess.run(["pdftotext", "-raw", str(tmp_path / "card.pdf"), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    printed = " ".join(line.strip() for line in text.splitlines())  # long names wrap
    assert name in printed
    assert "Kerawang Gayo — bordir" in printed and "HUT – Medan" in printed
    assert "?" not in printed


def require_tools_named(*tools: str) -> None:
    """Skip (in CI: fail) without the named poppler tools."""
    reason = f"{', '.join(tools)} not installed (Debian poppler-utils)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _page_size_mm(pdf: bytes) -> tuple[float, float]:
    """The first page's MediaBox in millimetres."""
    import re

    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box, "no MediaBox"
    return tuple(round(float(v) * 25.4 / 72) for v in box.groups())


def test_cards_are_a5_landscape_by_default_and_a6_on_request():
    directory = from_state(sample_state("pon"))
    cards = plan_cards(directory.entries[:1], BASE)
    assert _page_size_mm(cards_pdf(cards, "x")) == tuple(round(v) for v in SIZES["a5"])
    assert _page_size_mm(cards_pdf(cards, "x", "a6")) == tuple(round(v) for v in SIZES["a6"])


def test_cli_cards_writes_one_card_per_assigned_booth_and_counts_those_without_code(
        tmp_path, capsys):
    state = sample_state("pon")
    assignments, applicants = write_files(state, tmp_path)
    out = tmp_path / "cards.pdf"
    status = main(["cards", "--assignments", str(assignments), "--applicants", str(applicants),
                   "--out", str(out), "--event", "PON XXI", "--size", "a6"])
    assert status == 0
    printed = capsys.readouterr().out
    assigned = len(state.assignments)
    without = sum(1 for a in state.assignments
                  if not state.applicant_by_id()[a.applicant_id].links)
    assert f"{assigned} kartu stand" in printed
    assert f"{without} kartu tanpa kode QR" in printed
    pages = decoded_pages(out.read_bytes(), tmp_path, dpi=60)
    assert len(pages) == assigned


def test_cli_cards_with_bad_input_prints_every_problem_and_writes_nothing(tmp_path, capsys):
    state = sample_state("pon")
    assignments, applicants = write_files(state, tmp_path)
    text = applicants.read_bytes().decode("utf-8-sig").split("\r\n")
    assert text[1].count("https://") == 2  # the first exhibitor has shop links
    text[1] = text[1].replace("https://", "javascript:", 1)
    text[-1:] = ["X-1,Tanpa wilayah,Negeri Antah,tenun,,1,0,0812,,", ""]
    applicants.write_bytes("\r\n".join(text).encode())
    out = tmp_path / "cards.pdf"
    status = main(["cards", "--assignments", str(assignments), "--applicants", str(applicants),
                   "--out", str(out), "--base-url", "javascript:alert(1)"])
    assert status == 2
    assert not out.exists()
    problems = capsys.readouterr().err
    last = len(text) - 1
    assert f"applicants.csv, baris {last}, kolom region: wilayah 'Negeri Antah'" in problems
    assert f"applicants.csv, baris {last}, kolom whatsapp: '0812'" in problems
    assert "applicants.csv, baris 2, kolom links: 'javascript:" in problems
    assert "--base-url 'javascript:alert(1)'" in problems


def test_cli_cards_reports_a_booth_list_naming_an_unknown_exhibitor(tmp_path, capsys):
    state = sample_state("pon")
    assignments, applicants = write_files(state, tmp_path)
    lines = assignments.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    row = next(i for i, line in enumerate(lines) if i and line.split(",")[5])
    cells = lines[row].split(",")
    cells[header.index("applicant_id")] = "NOBODY"
    lines[row] = ",".join(cells)
    assignments.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = main(["cards", "--assignments", str(assignments), "--applicants", str(applicants),
                   "--out", str(tmp_path / "cards.pdf")])
    assert status == 2
    err = capsys.readouterr().err
    assert f"assignments.csv, baris {row + 1}, kolom applicant_id: peserta 'NOBODY'" in err
    assert not (tmp_path / "cards.pdf").exists()
