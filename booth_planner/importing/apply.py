"""Applying a previewed import to an event in the store: all in one transaction, or nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from booth_planner.importing.preview import ImportPreview, state_fingerprint

if TYPE_CHECKING:
    from booth_planner.storage import Store


class ImportRefused(Exception):
    """The import was not applied; ``code`` says why (texts ``importer.refused.<code>``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def apply_import(store: Store, event_id: int, preview: ImportPreview, user: str) -> dict[str, int]:
    """Save the previewed items (merge or replace) as one change; counts of added/updated/removed.

    Refused when the preview has errors, or when the event changed since the preview was made
    (someone else imported or assigned meanwhile): the organizer previews again.
    """
    if not preview.ok:
        raise ImportRefused("has_errors", "the import has errors; nothing was written")
    if state_fingerprint(store.state(event_id), preview.kind) != preview.basis:
        raise ImportRefused("stale", "the event changed since the preview; nothing was written")
    replace = preview.mode == "replace"
    if preview.kind == "booths":
        return store.save_booths(event_id, preview.items, user=user, replace=replace,
                                 action="import.booths")
    return store.save_applicants(event_id, preview.items, user=user, replace=replace,
                                 action="import.applicants")


def remember_region_choice(store: Store, event_id: int, text: str, region_code: str,
                           user: str) -> str:
    """Remember that ``text`` means ``region_code`` in this event; returns the alias key stored."""
    from booth_planner.core.regions import normalize, region

    region(region_code)  # refuses a code that is not in the official list
    alias = normalize(text) or text.strip()
    store.remember_region_alias(event_id, alias, region_code, user=user)
    return alias
