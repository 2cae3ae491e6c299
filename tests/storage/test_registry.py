"""The registry in the database (SQLite and PostgreSQL): rules, versions, history, undo."""

from datetime import date

import pytest

from booth_planner.registry.entries import Entry, Marks, Source
from booth_planner.storage import open_store
from booth_planner.storage.registry import RegistryConflict, RegistryRuleError, RegistryStore

SK = Source("SK Bupati Toba 2023", date(2023, 5, 2))


@pytest.fixture
def registry(database_url):
    store = open_store(database_url)
    yield RegistryStore(store)
    store.engine.dispose()


def test_an_entry_is_kept_with_its_marks_and_sources(registry):
    stored = registry.add(Entry("12.12", " Ulos  Batak Toba", "Tenun", "Tenun ikat", "benang kapas",
                                "Sentra Balige", Marks("ID G 000000012", 4, True, "P-IRT 123"),
                                (SK,)), user="ana")
    assert registry.entries() == [stored]
    assert stored.name == "Ulos Batak Toba" and stored.category == "tenun"
    assert stored.marks == Marks("IDG000000012", 4, True, "P-IRT 123")
    assert stored.sources == (SK,) and stored.version == 1


def test_a_second_entry_of_one_product_in_one_region_is_refused(registry):
    registry.add(Entry("12.12", "Ulos Batak Toba"), user="ana")
    with pytest.raises(RegistryRuleError) as caught:
        registry.add(Entry("12.12", "ulos batak-toba"), user="budi")
    assert caught.value.code == "registry_duplicate_entry"
    assert caught.value.params["name"] == "Ulos Batak Toba"
    registry.add(Entry("12.16", "Ulos Batak Toba"), user="budi")  # another region may
    renamed = registry.add(Entry("12.12", "Songket"), user="budi")
    with pytest.raises(RegistryRuleError):
        registry.update(Entry("12.12", "Ulos batak toba", entry_id=renamed.entry_id,
                              version=renamed.version), user="budi")
    assert len(registry.entries()) == 3


def test_a_change_on_an_old_version_is_refused_and_writes_nothing(registry):
    entry = registry.add(Entry("12.04", "Tikar pandan"), user="ana")
    from dataclasses import replace
    registry.update(replace(entry, description="dari Gunungsitoli"), user="ana")
    with pytest.raises(RegistryConflict) as caught:
        registry.update(replace(entry, description="lain"), user="budi")
    assert caught.value.changed_by == "ana"
    with pytest.raises(RegistryConflict):
        registry.delete(entry.entry_id, entry.version, user="budi")
    assert registry.entries()[0].description == "dari Gunungsitoli"


def test_a_merge_keeps_both_sources_and_undo_brings_both_entries_back(registry):
    keep = registry.add(Entry("12.04", "Tikar pandan", sources=(SK,)), user="ana")
    other = registry.add(Entry("12.04", "Tikar anyaman pandan", marks=Marks(ovop_stars=3),
                               sources=(Source("Peserta: PON 2024 (3)", None),)), user="ana")
    merged = registry.merge(keep, other, user="ana")
    assert [e.name for e in registry.entries()] == ["Tikar pandan"]
    assert merged.sources == (SK, Source("Peserta: PON 2024 (3)", None))
    assert merged.marks.ovop_stars == 3
    change = registry.history()[0]
    assert change.action == "registry.merge" and change.entry_count == 2
    registry.undo(change.id, user="ana")
    assert sorted(e.name for e in registry.entries()) == ["Tikar anyaman pandan", "Tikar pandan"]
    assert registry.history()[1].undone_by == registry.history()[0].id


def test_undo_is_refused_when_the_entry_changed_since(registry):
    entry = registry.add(Entry("12.04", "Tikar pandan"), user="ana")
    from dataclasses import replace
    registry.update(replace(entry, category="anyaman"), user="budi")
    first_add = registry.history()[-1]
    with pytest.raises(RegistryConflict):
        registry.undo(first_add.id, user="ana")
    assert registry.entries()[0].category == "anyaman"


def test_an_import_adds_new_entries_and_merges_known_ones(registry):
    registry.add(Entry("12.12", "Ulos Batak Toba", sources=(SK,)), user="ana")
    counts = registry.import_entries([
        Entry("12.12", "ULOS batak toba", description="Tenun ikat", sources=(
            Source("registry.xlsx", date(2024, 2, 1)),)),
        Entry("12.04", "Tikar pandan"),
    ], user="ana")
    assert (counts.added, counts.merged, counts.unchanged) == (1, 1, 0)
    ulos = next(e for e in registry.entries() if e.region_code == "12.12")
    assert ulos.name == "Ulos Batak Toba" and ulos.description == "Tenun ikat"
    assert ulos.sources == (Source("registry.xlsx", date(2024, 2, 1)), SK)
    again = registry.import_entries([Entry("12.04", "tikar pandan")], user="ana")
    assert (again.added, again.merged, again.unchanged) == (0, 0, 1)


def test_the_flagship_option_is_per_event_and_in_its_history(registry):
    store = registry.store
    event = store.create_event("PON", slug="pon", user="ana")
    assert registry.favour_flagship(event.id) is False
    registry.set_favour_flagship(event.id, True, user="ana")
    assert registry.favour_flagship(event.id) is True
    assert store.history(event.id)[0].action == "event.favour_flagship"
