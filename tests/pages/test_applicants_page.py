"""Applicants page: renders on both demos in both languages; edits, adds and removals land."""

from dataclasses import replace

import pytest

from app_support import User
from booth_planner.storage import open_store
from tests.pages.helpers import NATIONAL, PON, open_page, store_and_event


def _editor_key(at) -> str:
    return next(k for k in at.session_state._state._state.filtered_state
                if k.startswith("applicants.editor.") and not k.endswith(".snapshot"))


def _edit(at, row: int, **changes):
    at.session_state[_editor_key(at)] = {"edited_rows": {row: changes}, "added_rows": [],
                                         "deleted_rows": []}
    return at.button(key="applicants.edit.save").click().run()


@pytest.mark.parametrize("lang, title", [("id", "Daftar peserta"), ("en", "Applicants")])
@pytest.mark.parametrize("slug", [PON, NATIONAL])
def test_renders_on_both_demos_in_both_languages(app, lang, title, slug):
    at = open_page(app, "daftar-peserta", lang=lang, event_slug=slug)
    assert not at.exception
    assert at.title[0].value == title
    assert not at.error


def test_filters_narrow_the_table(app):
    at = open_page(app, "daftar-peserta", event_slug=PON)
    at = at.selectbox(key="applicants.filter.province").set_value("11").run()
    table = at.session_state[_editor_key(at) + ".snapshot"][0]
    assert len(table) > 0 and set(table["region_code"].str[:2]) == {"11"}
    at = at.selectbox(key="applicants.filter.region").set_value("11.71").run()
    table = at.session_state[_editor_key(at) + ".snapshot"][0]
    assert set(table["region_code"]) == {"11.71"}
    assert at.main.caption[-1].value.startswith(f"{len(table)} dari 150 peserta ditampilkan")


def test_edit_region_by_abbreviation_and_booths_requested(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "daftar-peserta", event_slug=PON)
    at = _edit(at, 2, region="Humbahas", booths_requested=2)
    assert not at.exception
    assert at.success[0].value == "1 peserta diperbarui."
    applicant = store.state(event.id).applicants[2]
    assert (applicant.region_code, applicant.booths_requested) == ("12.16", 2)


def test_an_ambiguous_region_shows_the_candidates_and_saves_nothing(app, app_database):
    store, event = store_and_event(app_database)
    before = store.state(event.id).applicants[2]
    at = open_page(app, "daftar-peserta", lang="en", event_slug=PON)
    at = _edit(at, 2, region="Bandung", priority=-1)
    message = at.error[0].value
    assert message.startswith("2 problems; nothing was saved:")
    assert 'Row 3, column region: "Bandung": fits more than one region: Kabupaten Bandung ' \
           "(32.04), Kota Bandung (32.73)" in message
    assert "Row 3, column priority: priority '-1' must be a whole number >= 0" in message
    assert store.state(event.id).applicants[2] == before


def test_add_an_applicant_and_refuse_a_taken_id(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "daftar-peserta", event_slug=PON)
    for field, value in {"applicant_id": "P-999", "name": "Kopi Gayo Lestari",
                         "region": "Kab. Aceh Tengah", "category": "kuliner",
                         "product": "Kopi arabika"}.items():
        at.text_input(key=f"applicants.add.{field}.0").set_value(value)
    at.number_input(key="applicants.add.booths_requested.0").set_value(2)
    at = at.button[[b.label for b in at.button].index("Tambah")].click().run()
    assert not at.exception
    assert at.success[0].value == "Peserta P-999 ditambahkan (Kabupaten Aceh Tengah (11.04))."
    added = store.state(event.id).applicant_by_id()["P-999"]
    assert (added.region_code, added.booths_requested, added.product) == ("11.04", 2, "Kopi arabika")
    for field, value in {"applicant_id": "P-999", "name": "Lagi", "region": "Medan",
                         "category": "batik"}.items():
        at.text_input(key=f"applicants.add.{field}.1").set_value(value)
    at = at.button[[b.label for b in at.button].index("Tambah")].click().run()
    assert "id peserta P-999 sudah dipakai peserta lain" in at.error[0].value
    assert store.state(event.id).applicant_by_id()["P-999"].name == "Kopi Gayo Lestari"


def test_removing_an_applicant_says_which_booths_become_free_and_asks_first(app, app_database):
    store, event = store_and_event(app_database)
    store.assign(event.id, "AA-01", "P-003", user="ana")
    store.assign(event.id, "AA-02", "P-003", user="ana", allow_extra=True)
    at = open_page(app, "daftar-peserta", lang="en", event_slug=PON)
    at = at.multiselect(key="applicants.remove.0").set_value(["P-003"]).run()
    at = at.button(key="applicants.remove.button").click().run()
    assert at.warning[0].value.startswith("Remove 1 applicant?")
    assert "Booths that become free: AA-01, AA-02" in [m.value for m in at.markdown]
    assert "P-003" in store.state(event.id).applicant_by_id()
    at = at.button(key="applicants.remove.yes").click().run()
    assert not at.exception
    assert at.success[0].value == "1 applicant removed; booths freed: AA-01, AA-02."
    state = store.state(event.id)
    assert "P-003" not in state.applicant_by_id() and not state.assignments


def test_cancelling_a_removal_keeps_the_applicant(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "daftar-peserta", event_slug=PON)
    at = at.multiselect(key="applicants.remove.0").set_value(["P-004"]).run()
    at = at.button(key="applicants.remove.button").click().run()
    assert "Tidak ada stand yang menjadi kosong." in [m.value for m in at.markdown]
    at = at.button(key="applicants.remove.no").click().run()
    assert not at.warning
    assert "P-004" in store.state(event.id).applicant_by_id()


def test_a_viewer_may_look_but_not_change(app, app_database):
    store = open_store(app_database)
    pon = next(e for e in store.list_events() if e.slug == PON)
    store.assign(pon.id, "AA-01", "P-003", user="ana")  # something to undo
    at = open_page(app, "daftar-peserta", lang="en", event_slug=PON)
    at.session_state["user"] = User(name="tamu", role="viewer")
    at = at.run()
    assert not at.exception
    for key in ['applicants.edit.save', 'applicants.remove.button']:
        assert at.button(key=key).disabled



def test_a_category_a_held_zoned_booth_refuses_is_not_saved(app, app_database):
    store, event = store_and_event(app_database)
    store.assign(event.id, "BC-01", "P-003", user="ana")  # zoned kuliner; P-003 is kuliner
    at = open_page(app, "daftar-peserta", lang="en", event_slug=PON)
    at = _edit(at, 2, category="batik")
    assert "Row 3, column category: the applicant holds booth BC-01, zoned for 'kuliner'" in \
        at.error[0].value
    assert store.state(event.id).applicant_by_id()["P-003"].category == "kuliner"


def test_a_save_writes_only_edited_rows_so_others_changes_stay(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "daftar-peserta", event_slug=PON)
    other = store.state(event.id).applicants[4]
    store.save_applicants(event.id, [replace(other, name="Nama baru dari Budi")], user="budi")
    at = _edit(at, 2, priority=3)
    assert at.success[0].value == "1 peserta diperbarui."
    applicants = store.state(event.id).applicant_by_id()
    assert applicants[other.applicant_id].name == "Nama baru dari Budi"
    assert applicants["P-003"].priority == 3



def test_the_add_form_proposes_the_next_free_id(app, app_database):
    store, event = store_and_event(app_database)
    taken = {a.applicant_id for a in store.state(event.id).applicants}
    at = open_page(app, "daftar-peserta", event_slug=PON)
    proposed = at.text_input(key="applicants.add.applicant_id.0").value
    assert proposed.startswith("P-") and proposed not in taken
    for field, value in {"name": "Kopi Gayo Lestari", "region": "Kab. Aceh Tengah",
                         "category": "kuliner"}.items():
        at.text_input(key=f"applicants.add.{field}.0").set_value(value)
    at = at.button[[b.label for b in at.button].index("Tambah")].click().run()
    assert store.state(event.id).applicant_by_id()[proposed].name == "Kopi Gayo Lestari"
