"""The change history as organizers read it: local times, actions in words, booths touched.

Times are stored in UTC; organizers read them in an Indonesian time zone (WIB by default), with
dates written the way the chosen language writes them (``booth_planner.core.local_time``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from booth_planner.core.i18n import catalogue, t
from booth_planner.core.local_time import DEFAULT_TIME_ZONE, format_time
from booth_planner.storage import Change

ALLOCATION_ACTION = "allocation.apply"
CHANGE_COLUMNS = ("id", "time", "user", "action", "summary", "booths", "state")
BOOTH_COLUMNS = ("booth_id", "before", "after", "status_before", "status_after")
REMOVED = "removed"
# An undo touching more booths than this, or undoing anything but a booth edit, asks first.
HANDFUL = 5
BOOTH_EDIT_PREFIX = "booth."


def action_label(action: str, lang: str) -> str:
    """An action in words (``booth.assign`` -> ``Stand diberikan``); the code itself if unknown."""
    key = f"history.action.{action}"
    return t(key, lang) if key in catalogue() else action


_UNDONE = re.compile(r"#(?P<id>\d+) (?P<action>[\w.]+)")


def summary_text(change: Change, lang: str) -> str:
    """What a change did, in ``lang`` where its figures were recorded; else its summary."""
    counts = change.details
    if change.action == "undo" and (undone := _UNDONE.match(change.summary)):
        # Stored as "#10 allocation.apply ..." (the code); shown as the undone change in words.
        return t("history.summary.undo", lang, id=undone["id"],
                 action=action_label(undone["action"], lang))
    figures = ("mode", "regions_covered", "regions_applying", "applicants_placed", "applicants",
               "booths_changed")
    if change.action == ALLOCATION_ACTION and all(k in counts for k in figures):
        mode_key = f"history.mode.{counts['mode']}"
        mode = t(mode_key, lang) if mode_key in catalogue() else str(counts["mode"])
        return t("history.summary.allocation", lang, **{**{k: counts[k] for k in figures},
                                                        "mode": mode})
    if all(isinstance(counts.get(k), int) for k in ("added", "updated", "removed")):
        return t("history.summary.counts", lang, added=counts["added"],
                 updated=counts["updated"], removed=counts["removed"])
    return change.summary


def change_state(change: Change, lang: str) -> str:
    """Whether a change can still be undone, was undone, or cannot be."""
    if change.undone_by is not None:
        return t("history.state.undone", lang, id=change.undone_by)
    return t("history.state.undoable" if change.undoable else "history.state.final", lang)


def changes_frame(changes: Iterable[Change], lang: str,
                  time_zone: str = DEFAULT_TIME_ZONE) -> pd.DataFrame:
    """One row per change, newest first as given: time, who, action, summary, booths, state."""
    rows = [
        {"id": c.id, "time": format_time(c.at, lang, time_zone), "user": c.user,
         "action": action_label(c.action, lang), "summary": summary_text(c, lang),
         "booths": c.booth_count, "state": change_state(c, lang)}
        for c in changes
    ]
    return pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))


def _holder(state: dict | None) -> str:
    """A booth's holder as the history shows it, with a lock mark."""
    if not state or not state.get("applicant_id"):
        return ""
    return f"{state['applicant_id']} 🔒" if state.get("locked") else state["applicant_id"]


def status_label(status: str | None, lang: str) -> str:
    """A booth status in words (``blocked`` -> ``diblokir``); empty for none."""
    if not status:
        return ""
    key = f"history.status.{status}"
    return t(key, lang) if key in catalogue() else status


def touched_count(change: Change) -> int:
    """How many booths a change touched, removed ones included."""
    return change.booth_count + len(change.details.get("removed_booths", ()))


def booths_touched(change: Change, lang: str) -> pd.DataFrame:
    """The booths a change touched: holder and status before and after, by booth_id."""
    rows = [
        {"booth_id": booth_id, "before": _holder(s.get("before")), "after": _holder(s.get("after")),
         "status_before": status_label((s.get("before") or {}).get("status"), lang),
         "status_after": status_label((s.get("after") or {}).get("status"), lang)}
        for booth_id, s in sorted(change.details.get("booths", {}).items())
    ]
    # Booths an edit removed have no "after"; their holder is kept as "P-1 (AA-01)" text.
    holders = dict(entry.rstrip(")").split(" (") for entry in change.details.get(
        "freed_by_removal", ()) if " (" in entry)
    rows += [{"booth_id": booth_id, "before": holders.get(booth_id, ""), "after": "",
              "status_before": "", "status_after": status_label(REMOVED, lang)}
             for booth_id in sorted(change.details.get("removed_booths", ()))]
    return pd.DataFrame(rows, columns=list(BOOTH_COLUMNS))


def last_undoable(changes: Sequence[Change]) -> Change | None:
    """The newest change that can still be undone (what "undo" would take back)."""
    return next((c for c in changes if c.undoable and c.undone_by is None), None)


def restorable_allocations(changes: Iterable[Change]) -> list[Change]:
    """Automatic allocations whose state before can still be restored, newest first."""
    return [c for c in changes
            if c.action == ALLOCATION_ACTION and c.undoable and c.undone_by is None]


def last_redoable(changes: Sequence[Change]) -> Change | None:
    """The newest undo that has not been taken back, when nothing undoable came after it."""
    for change in changes:
        if change.action == "undo" and change.undone_by is None:
            return change
        if change.undoable and change.undone_by is None:
            return None
    return None


def needs_confirmation(change: Change) -> bool:
    """True for an undo (or redo) that must be confirmed: not a booth edit, or many booths."""
    return not change.action.startswith(BOOTH_EDIT_PREFIX) or touched_count(change) > HANDFUL


def undo_effect(change: Change, *, redo: bool = False) -> dict[str, int]:
    """What taking ``change`` back does to booths, in numbers.

    ``freed``: booths that lose their exhibitor; ``given_back``: free booths that get one back;
    ``reassigned``: booths that change exhibitor; ``other``: lock, block or zone only. With
    ``redo``, ``change`` is an undo and the numbers are for taking the undo back.
    """
    effect = {"booths": 0, "freed": 0, "given_back": 0, "reassigned": 0, "other": 0}
    for states in change.details.get("booths", {}).values():
        now, then = (states.get("before"), states.get("after")) if redo else \
            (states.get("after"), states.get("before"))
        held_now = (now or {}).get("applicant_id")
        held_then = (then or {}).get("applicant_id")
        effect["booths"] += 1
        if held_now and not held_then:
            effect["freed"] += 1
        elif held_then and not held_now:
            effect["given_back"] += 1
        elif held_now != held_then:
            effect["reassigned"] += 1
        else:
            effect["other"] += 1
    return effect


def effect_text(effect: dict[str, int], lang: str) -> str:
    """``47 booths change: 40 become free, 7 get their exhibitor back`` in ``lang``."""
    parts = [t(f"undo.effect.{k}", lang, count=effect[k])
             for k in ("freed", "given_back", "reassigned", "other") if effect[k]]
    return t("undo.effect", lang, booths=effect["booths"], parts=", ".join(parts) or "–")
