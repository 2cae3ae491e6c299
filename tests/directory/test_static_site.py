"""The static directory folder: SPEC 6 files, the same data as the app, nothing runs as markup."""

from __future__ import annotations

import json
import re

from booth_planner.cli import main
from booth_planner.directory.entries import ENTRY_FIELDS, from_state
from booth_planner.directory.search import search
from booth_planner.directory.static_site import embedded_json, write_site
from tests.directory_sample import HOSTILE_NAME, sample_state, write_files


def test_cli_directory_writes_the_folder_with_the_apps_data(tmp_path, capsys):
    state = sample_state("pon")
    assignments, applicants = write_files(state, tmp_path)
    out = tmp_path / "site"
    assert main(["directory", "--assignments", str(assignments), "--applicants",
                 str(applicants), "--out", str(out), "--event", "PON XXI"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["directory.json", "index.html",
                                                     "plan-1.svg", "plan-2.svg"]
    written = json.loads((out / "directory.json").read_text(encoding="utf-8"))
    in_app = [e.as_json() for e in from_state(state).entries]
    assert written == in_app  # the app's directory and the static one show the same data
    assert len(written) == len(state.assignments)
    assert all(list(item) == list(ENTRY_FIELDS) for item in written)
    assert f"{len(written)} stand, 2 denah hall" in capsys.readouterr().out


def test_without_geometry_columns_the_directory_has_no_plans_and_says_so(tmp_path, capsys):
    assignments, applicants = write_files(sample_state("pon"), tmp_path, geometry=False)
    assert main(["directory", "--assignments", str(assignments), "--applicants",
                 str(applicants), "--out", str(tmp_path / "site")]) == 0
    assert not list((tmp_path / "site").glob("plan-*.svg"))
    assert "tanpa denah" in capsys.readouterr().out


def test_bad_input_writes_nothing(tmp_path, capsys):
    assignments, applicants = write_files(sample_state("pon"), tmp_path)
    applicants.write_bytes(b"applicant_id,name\nP-1,x\n")
    status = main(["directory", "--assignments", str(assignments), "--applicants",
                   str(applicants), "--out", str(tmp_path / "site")])
    assert status == 2
    assert not (tmp_path / "site").exists()
    assert "kolom wajib region tidak ada" in capsys.readouterr().err


def test_imported_text_never_reaches_the_page_as_markup(tmp_path):
    directory = from_state(sample_state("pon"))
    assert any(e.name == HOSTILE_NAME for e in directory.entries)
    write_site(directory, tmp_path)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    data = page.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data)["entries"]  # still the data
    assert page.count("<script") == 2 and "innerHTML" not in page and "eval(" not in page
    for plan in tmp_path.glob("plan-*.svg"):
        assert "<script" not in plan.read_text(encoding="utf-8")


def test_embedded_json_survives_every_dangerous_sequence():
    value = {"a": "</script><!-- \u2028 & <b>"}
    text = embedded_json(value)
    assert not re.search(r"[<>&\u2028]", text)
    assert json.loads(text) == value


def test_a_second_export_replaces_the_folder_and_drops_plans_of_removed_halls(tmp_path):
    directory = from_state(sample_state("pon"))
    write_site(directory, tmp_path)
    (tmp_path / "plan-9.svg").write_text("<svg/>")
    write_site(directory, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("plan-*.svg")) == ["plan-1.svg", "plan-2.svg"]


def test_search_finds_what_visitors_type():
    entries = from_state(sample_state("pon")).entries

    def found(query):
        return search(entries, query)

    # Which coffee sellers get a booth is the allocation engine's business: every placed one is found.
    coffee = {e.product for e in entries
              if {"kopi", "gayo"} <= set(e.product.casefold().split())}
    assert coffee
    assert {e.product for e in found("kopi gayo")} >= coffee
    assert all("gayo" in (e.product + e.region_name).casefold() for e in found("kopi gayo"))
    assert found("ulos") and all("Ulos" in e.product for e in found("ulos"))
    assert {e.region_code for e in found("Humbahas")} == {"12.16"}
    assert [e.booth_id for e in found("kopy gyo")] == [e.booth_id for e in found("kopi gayo")]
    assert {e.region_name for e in found("medan")} == {"Kota Medan"}  # not every "dan"
    assert found("zzqx") == ()
    assert len(found("")) == len(entries)
