"""Exhibitor profiles: WhatsApp numbers to 62..., https-only links, import errors with row and
column, and the fields and directory settings kept by the store."""

from __future__ import annotations

import pytest

from booth_planner.core.model import Applicant
from booth_planner.directory.profile import (
    ProfileError,
    booth_url,
    check_link,
    normalise_base_url,
    normalise_whatsapp,
    parse_links,
    qr_target,
)
from booth_planner.importing.readers import read_applicants
from booth_planner.storage import StoreError


@pytest.mark.parametrize("text", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890",
                                  "812 3456 7890", "(0812) 3456.7890", "+62 (0)812-3456-7890",
                                  " 62-812-3456-7890 "])
def test_every_common_spelling_of_a_number_becomes_62(text):
    assert normalise_whatsapp(text) == "6281234567890"


@pytest.mark.parametrize(("text", "code"), [("+1 555 123 4567", "whatsapp_foreign"),
                                            ("0812", "whatsapp_invalid"),
                                            ("WA 0812 3456 7890", "whatsapp_invalid"),
                                            ("0812-3456-7890-1234", "whatsapp_invalid")])
def test_a_number_that_is_not_indonesian_is_refused(text, code):
    with pytest.raises(ProfileError) as caught:
        normalise_whatsapp(text)
    assert caught.value.code == code


def test_an_empty_number_is_none():
    assert normalise_whatsapp("  ") is None


@pytest.mark.parametrize("link", ["https://www.tokopedia.com/ulos-toba",
                                  "https://shopee.co.id/kopi.gayo?ref=1",
                                  "https://www.instagram.com/dekranasda.sumut/"])
def test_https_links_are_kept(link):
    assert check_link(link) == link


@pytest.mark.parametrize(("link", "code"), [
    ("javascript:alert(1)", "link_bad_scheme"), ("JaVaScRiPt:alert(1)", "link_bad_scheme"),
    ("data:text/html,<b>x</b>", "link_unsafe_character"), ("data:text/html,x", "link_bad_scheme"),
    ("http://shopee.co.id/toko", "link_not_https"), ("tokopedia.com/toko", "link_not_https"),
    ("ftp://toko.example/x", "link_bad_scheme"), ("https://user:pw@toko.example/", "link_credentials"),
    ("https://localhost/x", "link_no_host"), ("https://toko.example/a b", "link_unsafe_character"),
    ('https://toko.example/"onclick=', "link_unsafe_character"), ("@tokoku", "link_bad_scheme"),
])
def test_unsafe_or_non_https_links_are_refused_with_the_reason(link, code):
    with pytest.raises(ProfileError) as caught:
        check_link(link)
    assert caught.value.code == code


def test_a_link_without_https_gets_the_https_version_suggested():
    with pytest.raises(ProfileError) as caught:
        check_link("http://shopee.co.id/toko")
    assert caught.value.suggestion == "https://shopee.co.id/toko"


def test_links_split_on_the_bar_and_repeats_are_dropped():
    assert parse_links(" https://a.example/x | https://b.example/ ||https://a.example/x") == \
        ("https://a.example/x", "https://b.example/")


def test_the_qr_target_is_the_first_link_else_the_booth_entry_else_none():
    assert qr_target(("https://a.example/", "https://b.example/"), "https://d.example", "A-01") \
        == "https://a.example/"
    assert qr_target((), "https://d.example/direktori", "A 01") == \
        "https://d.example/direktori?booth=A%2001"
    assert qr_target((), None, "A-01") is None
    assert booth_url("https://d.example", "A-01") == "https://d.example?booth=A-01"


def test_the_base_url_accepts_http_and_refuses_queries_and_other_schemes():
    assert normalise_base_url("https://fair.example/direktori/") == "https://fair.example/direktori"
    assert normalise_base_url("http://192-168-1-2.fair.example") == "http://192-168-1-2.fair.example"
    assert normalise_base_url("") is None
    for bad in ("javascript:alert(1)", "https://fair.example/?x=1", "fair"):
        with pytest.raises(ProfileError):
            normalise_base_url(bad)


APPLICANTS = (
    b"id_peserta;nama;wilayah;kategori;produk;whatsapp;tautan;deskripsi\n"
    b"P-1;Tenun Toba;Kabupaten Toba;tenun;Ulos;0812-3456-7890;"
    b"https://toko.example/ulos|https://www.instagram.com/ulos;Ulos <b>tenun</b> tangan\n"
    b"P-2;Kopi Gayo;Aceh Tengah;kuliner;Kopi;+1 555 123;javascript:alert(1);\n"
    b"P-3;Pandan;Humbahas;anyaman;Tikar;;tokopedia.com/pandan;\n"
)


def test_import_reads_the_profile_columns_in_indonesian():
    result = read_applicants(APPLICANTS, "peserta.csv")
    first = result.items[0]
    assert first.whatsapp == "6281234567890"
    assert first.links == ("https://toko.example/ulos", "https://www.instagram.com/ulos")
    assert first.description == "Ulos <b>tenun</b> tangan"  # kept as text, shown as text


def test_import_reports_each_bad_profile_cell_with_row_and_column():
    result = read_applicants(APPLICANTS, "peserta.csv")
    found = {(p.row, p.column, p.code) for p in result.errors}
    assert found == {(3, "whatsapp", "whatsapp_foreign"), (3, "tautan", "link_bad_scheme"),
                     (4, "tautan", "link_not_https_near")}
    near = next(p for p in result.errors if p.code == "link_not_https_near")
    assert "https://tokopedia.com/pandan" in str(near)
    assert [a.applicant_id for a in result.items] == ["P-1"]  # nothing half-read


def test_the_store_keeps_profiles_and_reads_them_back(store):
    event = store.create_event("Pameran")
    applicant = Applicant("P-1", "Tenun", "12.12", "tenun", "Ulos", whatsapp="6281234567890",
                          links=("https://toko.example/a", "https://b.example/"),
                          description="Ulos tenun tangan")
    store.save_applicants(event.id, [applicant], user="ani")
    assert store.state(event.id).applicants == (applicant,)
    changed = Applicant("P-1", "Tenun", "12.12", "tenun", "Ulos", whatsapp=None, links=())
    assert store.save_applicants(event.id, [changed], user="ani")["updated"] == 1
    assert store.state(event.id).applicants == (changed,)


def test_publishing_is_one_recorded_change_checked_against_what_the_organizer_saw(store):
    event = store.create_event("Pameran")
    other = store.create_event("Galeri")
    assert store.published_events() == []
    info = store.set_directory(event.id, published=True, base_url="https://fair.example/d",
                               user="ani", expected=(False, None))
    assert (info.directory_published, info.directory_base_url) == (True, "https://fair.example/d")
    assert [e.id for e in store.published_events()] == [event.id]
    assert store.history(event.id)[0].action == "event.directory"
    with pytest.raises(StoreError, match="ani changed the directory settings"):
        store.set_directory(event.id, published=False, base_url=None, user="budi",
                            expected=(False, None))
    assert store.event(event.id).directory_published
    store.set_directory(event.id, published=False, base_url="https://fair.example/d",
                        user="budi", expected=(True, "https://fair.example/d"))
    assert store.published_events() == []
    assert not store.event(other.id).directory_published


def test_editing_an_applicant_in_the_table_keeps_and_checks_its_profile():
    from booth_planner.setup.applicants import applicants_from_rows

    original = Applicant("P-1", "Tenun", "12.12", "tenun", "Ulos", whatsapp="6281234567890",
                         links=("https://toko.example/a",), description="Ulos")
    row = {"applicant_id": "P-1", "name": "Tenun Toba", "region": "Toba", "category": "tenun",
           "product": "Ulos", "booths_requested": 1, "priority": 0}
    kept, problems = applicants_from_rows([row], {"P-1": original})
    assert problems == []
    assert (kept[0].whatsapp, kept[0].links, kept[0].description) == \
        ("6281234567890", ("https://toko.example/a",), "Ulos")
    edited = {**row, "whatsapp": "0813 1111 2222", "links": "https://a.example/ | https://b.example/",
              "description": ""}
    changed, problems = applicants_from_rows([edited], {"P-1": original})
    assert problems == []
    assert (changed[0].whatsapp, changed[0].links, changed[0].description) == \
        ("6281311112222", ("https://a.example/", "https://b.example/"), None)
    bad = {**row, "whatsapp": "12", "links": "javascript:alert(1)"}
    refused, problems = applicants_from_rows([bad], {"P-1": original})
    assert refused == []
    assert {(p.row, p.column, p.key) for p in problems} == {
        (1, "whatsapp", "applicants.problem.whatsapp"), (1, "links", "applicants.problem.link")}
