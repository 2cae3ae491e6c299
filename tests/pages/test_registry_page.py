"""The registry page and the coverage page's produk unggulan view, in both languages."""

import pytest

from booth_planner.registry.coverage import flagship_applicant_ids, registry_coverage
from booth_planner.storage.registry import RegistryStore
from tests.pages.helpers import PON, open_page, store_and_event
from tests.pages.test_language_walk import page_slips


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_registry_page_lists_the_demo_registry_and_speaks_one_language(app, app_database,
                                                                        lang):
    at = open_page(app, "produk-unggulan", lang=lang, event_slug=PON)
    assert not at.exception
    assert len(at.get("arrow_data_frame")[0].value if at.get("arrow_data_frame") else
               at.dataframe[0].value) == 56
    words = "56 entri dari 56 kabupaten/kota" if lang == "id" else \
        "56 entries of 56 kabupaten/kota"
    assert any(words in c.value for c in at.caption)
    assert page_slips(app, "produk-unggulan", PON, lang) == []


def test_accepting_a_proposal_adds_an_entry_with_the_applicants_as_source(app, app_database):
    store, _ = store_and_event(app_database)
    before = {e.entry_id for e in RegistryStore(store).entries()}
    at = open_page(app, "produk-unggulan", lang="en", event_slug=PON)
    at = at.button(key="registry.accept").click().run()
    assert not at.exception
    added = [e for e in RegistryStore(store).entries() if e.entry_id not in before]
    assert len(added) == 1 and added[0].sources[0].name.startswith("Peserta: ")
    assert any("is now in the registry" in s.value for s in at.success)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_coverage_page_shows_the_produk_unggulan_figures(app, app_database, lang):
    at = open_page(app, "cakupan", lang=lang, event_slug=PON)
    at.session_state["coverage_tab"] = "Produk unggulan"  # the tab's label in both languages
    at = at.run()
    assert not at.exception
    store, event = store_and_event(app_database)
    table = registry_coverage(store.state(event.id), RegistryStore(store).entries())
    figures = {m.label: m.value for m in at.metric}
    label = "Kab/kota dengan produk unggulan terdaftar" if lang == "id" else \
        "Kab/kota with a registered produk unggulan"
    assert figures[label] == f"{table['registered'].sum()} / {table['kabkota_total'].sum()}"
    assert any(b.label.startswith("Unduh laporan" if lang == "id" else "Download the per-province")
               for b in at.get("download_button"))
    assert page_slips(app, "cakupan", PON, lang, coverage_tab="Produk unggulan") == []


def test_the_flagship_option_is_kept_per_event_and_shown_in_the_preview(app, app_database):
    store, event = store_and_event(app_database)
    at = open_page(app, "alokasi", lang="en", event_slug=PON)
    at = at.toggle(key=f"allocate_page.favour.{event.id}").set_value(True).run()
    assert not at.exception
    assert RegistryStore(store).favour_flagship(event.id) is True
    at = at.button(key="allocate_page.run").click().run()
    assert not at.exception
    note = next(c.value for c in at.caption if c.value.startswith("Produk unggulan favoured"))
    flagship = flagship_applicant_ids(store.state(event.id), RegistryStore(store).entries())
    assert f"{len(flagship)} applicants bring their region's produk unggulan (+1 priority)" in note
    assert store.state(event.id).assignments == ()  # a preview writes nothing
