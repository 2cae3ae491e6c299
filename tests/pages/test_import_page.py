"""The import page on the demo event: dry run, problems, region picking, merge on confirm."""

from __future__ import annotations

from booth_planner.storage import open_store
from tests.pages.helpers import open_page

NEW_BOOTHS = b"kode_stand;hall;x;y;lebar_m\r\nU-01;Hall Uji;0;0;3\r\nU-02;Hall Uji;3;0;2,5\r\n"


def upload(at, name: str, data: bytes):
    """Upload one file and run the page."""
    at.file_uploader[0].set_value((name, data, "text/csv"))
    return at.run()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def pon_event(url: str):
    return next(e for e in open_store(url).list_events() if e.slug == "pon-xxi-2024")


def test_bad_booths_file_lists_problems_and_offers_no_save(app, app_database):
    at = open_page(app, "impor", event_slug="pon-xxi-2024")
    assert not at.exception
    assert at.title[0].value == "Impor stand dan peserta"
    at = upload(at, "stand.csv", b"kode_stand,hall,x,y,lebar_m\nU-01,Hall Uji,0,0,tiga\n")
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame["Masalah"]) == ["'tiga' bukan angka"]
    assert list(frame["Baris"]) == [2]
    assert list(frame["Saran"]) == ["tulis dalam meter, mis. 3"]
    assert at.error[0].value.startswith("Perbaiki kesalahan di atas")
    assert not [b for b in at.button if b.key == "import.apply"]


def test_merge_new_booths_after_confirming(app, app_database):
    event = pon_event(app_database)
    before = len(open_store(app_database).state(event.id).booths)
    at = upload(open_page(app, "impor", event_slug="pon-xxi-2024"), "stand.csv", NEW_BOOTHS)
    assert not at.exception
    assert metrics(at)["Ditambah"] == "2" and metrics(at)["Dihapus"] == "0"
    at = at.button(key="import.apply").click().run()
    assert not at.exception
    assert at.success[0].value == "Tersimpan: 2 ditambah, 0 diperbarui, 0 dihapus."
    booths = open_store(app_database).state(event.id).booth_by_id()
    assert len(booths) == before + 2 and booths["U-02"].width_m == 2.5


def test_replace_needs_the_removal_tick(app, app_database):
    event = pon_event(app_database)
    booth_count = len(open_store(app_database).state(event.id).booths)
    at = open_page(app, "impor", event_slug="pon-xxi-2024")
    at = at.radio(key="import.mode").set_value("replace").run()
    at = upload(at, "stand.csv", NEW_BOOTHS)
    assert not at.exception
    assert metrics(at)["Dihapus"] == str(booth_count)
    assert at.button(key="import.apply").disabled
    at = at.checkbox(key="import.confirm_removal").check().run()
    assert not at.button(key="import.apply").disabled
    at = at.button(key="import.apply").click().run()
    assert not at.exception
    assert at.success[0].value == f"Tersimpan: 2 ditambah, 0 diperbarui, {booth_count} dihapus."
    assert sorted(open_store(app_database).state(event.id).booth_by_id()) == ["U-01", "U-02"]


def test_ambiguous_region_is_picked_and_remembered_for_the_event(app, app_database):
    at = open_page(app, "impor", lang="en", event_slug="pon-xxi-2024")
    at = at.radio(key="import.kind").set_value("applicants").run()
    at = upload(at, "applicants.csv",
                b"applicant_id,name,region,category\nU-P1,Batik Priangan,Bandung,batik\n")
    assert not at.exception
    assert at.selectbox(key="import.region.0").options == [
        "32.04 Kabupaten Bandung", "32.73 Kota Bandung"]
    at = at.selectbox(key="import.region.0").set_value("32.73").run()
    at = at.button(key="import.remember.0").click().run()
    assert not at.exception
    assert at.success[0].value == "'Bandung' now means 32.73 Kota Bandung for this event."
    assert metrics(at)["Errors"] == "0" and metrics(at)["Added"] == "1"
    event = pon_event(app_database)
    assert "32.73" in open_store(app_database).region_aliases(event.id).values()


def test_template_downloads_in_the_page_language(app):
    at = open_page(app, "impor", lang="en")
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download booths template", "Download applicants template"]


def test_preview_names_fields_and_regions_and_says_ids_were_made(app, app_database):
    at = open_page(app, "impor", event_slug="pon-xxi-2024")
    at = at.radio(key="import.kind").set_value("applicants").run()
    at = upload(at, "peserta.csv", b"nama;wilayah;kategori\r\nUlos Toba;Toba Samosir;tenun\r\n")
    assert not at.exception
    problems, added = at.dataframe[0].value, at.dataframe[1].value
    assert "ID otomatis" in problems["Masalah"].iloc[0]
    assert list(added.columns[:4]) == ["ID peserta", "Nama", "Wilayah", "Kategori"]
    assert added["Wilayah"].iloc[0] == "Kabupaten Toba (12.12)"
    assert added["ID peserta"].iloc[0].startswith("P-")
    assert not {"None", "nan"} & set(added.astype(str).to_numpy().ravel())


def test_booth_preview_shows_words_and_decimal_commas(app, app_database):
    at = upload(open_page(app, "impor", event_slug="pon-xxi-2024"), "stand.csv", NEW_BOOTHS)
    added = at.dataframe[0].value.set_index("Kode stand")
    assert added.loc["U-02", "Lebar (m)"] == "2,5" and added.loc["U-01", "Jenis"] == "standar"
    assert added.loc["U-01", "Zona"] == ""
