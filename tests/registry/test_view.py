"""The registry's editable table: rows added, changed and removed become registry changes."""

import pytest

from booth_planner.registry.entries import Entry, Marks, RegistryError, Source
from booth_planner.registry.view import entries_frame, table_edits

ENTRIES = [Entry("12.12", "Ulos Batak Toba", "tenun", marks=Marks(ovop_stars=4),
                 sources=(Source("SK", None),), entry_id=1, version=2),
           Entry("12.04", "Tikar pandan", "anyaman", entry_id=2, version=1)]


def test_an_untouched_table_changes_nothing():
    assert table_edits(ENTRIES, entries_frame(ENTRIES)).empty


def test_added_changed_and_removed_rows_are_told_apart():
    frame = entries_frame(ENTRIES)
    frame.loc[0, "ovop_stars"] = 5
    frame.loc[0, "halal"] = True
    frame = frame.drop(index=1)
    frame.loc[5] = ["Kabupaten Samosir", "Ulos Samosir", "tenun", "", "", "", "", None, False,
                    "", "", None]
    edits = table_edits(ENTRIES, frame)
    assert [(e.region_code, e.name) for e in edits.added] == [("12.17", "Ulos Samosir")]
    assert [(e.entry_id, e.version, e.marks.ovop_stars, e.marks.halal) for e in edits.updated] == \
        [(1, 2, 5, True)]
    assert edits.updated[0].sources == (Source("SK", None),)
    assert edits.deleted == {2: 1}


def test_a_new_row_with_an_unknown_region_names_its_row():
    frame = entries_frame(ENTRIES)
    frame.loc[5] = ["Atlantis", "Ulos", "", "", "", "", "", None, False, "", "", None]
    with pytest.raises(RegistryError) as caught:
        table_edits(ENTRIES, frame)
    assert caught.value.code == "registry_row_region" and caught.value.params["row"] == "3"
