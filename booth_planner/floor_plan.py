"""What the floor plan page needs to know about booths and applicants, as pure functions.

The page reads the plan's selection, shows a booth's panel, offers applicants to assign and
booths to move or swap to, and explains a conflict; all of that is decided here, from an
``EventState``, so it is tested without Streamlit or a database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, process, utils

from booth_planner.charts.floor_plan import (
    ASSIGNED,
    BLOCKED,
    FREE,
    LOCKED,
    booth_status,
)
from booth_planner.core import regions
from booth_planner.core.i18n import t
from booth_planner.core.local_time import format_time
from booth_planner.core.model import Applicant, Booth, EventState

SEARCH_CUTOFF = 80
CHOICE_LIMIT = 60
KNOWN_ACTIONS = ("booth.assign", "booth.unassign", "booth.move", "booth.swap", "booth.lock",
                 "booth.unlock", "booth.blocked", "booth.available", "booth.zone", "undo",
                 "allocation.apply", "redo")


def selected_booths(selection: Mapping | None, known: Iterable[str]) -> tuple[str, ...]:
    """Booth ids picked in a Plotly selection event (click, box or lasso), in pick order.

    Streamlit's event is ``{"selection": {"points": [{"customdata": ...}, ...]}}``; a point's
    customdata is the booth id (or a list starting with it). Points that are not booths of
    ``known`` (a wall, an aisle) are ignored.
    """
    if not selection:
        return ()
    points = (selection.get("selection") or {}).get("points") or []
    known_ids = set(known)
    picked: dict[str, None] = {}
    for point in points:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if isinstance(data, str) and data in known_ids:
            picked[data] = None
    return tuple(picked)


def placed_counts(state: EventState) -> Counter:
    """How many booths each applicant holds."""
    return Counter(a.applicant_id for a in state.assignments)


@dataclass(frozen=True)
class ApplicantChoice:
    """An applicant offered for a booth, with the words the picker shows."""

    applicant_id: str
    name: str
    label: str
    placed: int
    requested: int

    @property
    def unplaced(self) -> bool:
        """True while the applicant holds fewer booths than it asked for."""
        return self.placed < self.requested


def _region_words(code: str) -> str:
    """The region and province names an organizer might type to find an applicant."""
    return regions.place_label(code)


def _search_text(applicant: Applicant) -> str:
    return " ".join(filter(None, (applicant.name, _region_words(applicant.region_code),
                                  applicant.category, applicant.product,
                                  applicant.applicant_id)))


def choice_label(applicant: Applicant, placed: int, lang: str = "id") -> str:
    """``0/1 booths · Name · Kabupaten X, Province · category · product``.

    The count comes first: a picker cuts a long label at its end, and the count is what tells
    an applicant who still needs a booth from one who has them all.
    """
    parts = [t("floor.choice.booths", lang, placed=placed,
               requested=applicant.booths_requested),
             applicant.name, regions.place_label(applicant.region_code), applicant.category]
    if applicant.product:
        parts.append(applicant.product)
    return " · ".join(parts)


def preselected(choices: Sequence[ApplicantChoice], current: str | None,
                kept: bool) -> str | None:
    """The applicant the picker shows: the organizer's own pick on this booth (``kept``), else
    the first who still needs a booth; never, unasked, one who has all their booths."""
    ids = {c.applicant_id for c in choices}
    if kept and current in ids:
        return current
    return next((c.applicant_id for c in choices if c.unplaced), None)


def extra_booth(state: EventState, applicant_id: str) -> tuple[int, int] | None:
    """(held, requested) when one more booth would give the applicant more than they asked."""
    applicant = state.applicant_by_id().get(applicant_id)
    held = placed_counts(state)[applicant_id]
    if applicant is None or held < applicant.booths_requested:
        return None
    return held, applicant.booths_requested


def _region_match(query: str) -> str | None:
    """The region code a query names (``Humbahas``, ``12.16``, ``Toba``), or None."""
    if len(query.strip()) < 3:
        return None
    try:
        return regions.resolve(query).code
    except (ValueError, KeyError, LookupError):
        return None


def search_scores(query: str, texts: Mapping[str, str]) -> dict[str, float]:
    """Keys of ``texts`` matching every word of ``query``, with their mean match score.

    Each word is matched on its own with rapidfuzz's ``partial_ratio`` (a typo or a word cut
    short still matches; word order does not matter); a text missing one word is left out.
    """
    scores: dict[str, float] | None = None
    words = utils.default_process(query).split()
    for word in words:
        found = {key: score for _, score, key in process.extract(
            word, texts, scorer=fuzz.partial_ratio, processor=utils.default_process,
            score_cutoff=SEARCH_CUTOFF, limit=None)}
        scores = found if scores is None else {k: v + found[k] for k, v in scores.items()
                                               if k in found}
    return {k: v / len(words) for k, v in (scores or {}).items()}


def applicant_choices(
    state: EventState, query: str = "", booth_id: str | None = None, lang: str = "id",
    limit: int = CHOICE_LIMIT,
) -> list[ApplicantChoice]:
    """Applicants to offer for a booth: those still short of booths first, then best match.

    ``query`` is matched fuzzily (see :func:`search_scores`) against name, region, province,
    category, product and id; a query that names a region
    (``Humbahas``, ``12.16``) also finds every applicant of that region or province. With
    ``booth_id``, only applicants the booth's zone accepts are offered.
    """
    booth = state.booth_by_id().get(booth_id) if booth_id else None
    candidates = [a for a in state.applicants if booth is None or booth.accepts(a.category)]
    placed = placed_counts(state)
    scores: dict[str, float] = {}
    if query.strip():
        scores = search_scores(query, {a.applicant_id: _search_text(a) for a in candidates})
        if code := _region_match(query):
            for a in candidates:
                if a.region_code == code or a.region_code.split(".")[0] == code:
                    scores[a.applicant_id] = 101.0
        candidates = [a for a in candidates if a.applicant_id in scores]
    candidates.sort(key=lambda a: (placed[a.applicant_id] >= a.booths_requested,
                                   -scores.get(a.applicant_id, 0), -a.priority,
                                   a.name.casefold(), a.applicant_id))
    return [ApplicantChoice(a.applicant_id, a.name, choice_label(a, placed[a.applicant_id], lang),
                            placed[a.applicant_id], a.booths_requested)
            for a in candidates[:limit]]


@dataclass(frozen=True)
class BoothPanel:
    """Everything the panel of one booth shows."""

    booth: Booth
    status: str
    applicant: Applicant | None
    region: str
    holder_booths: tuple[str, ...]

    @property
    def locked(self) -> bool:
        """True when the booth's assignment is locked."""
        return self.status == LOCKED

    @property
    def free(self) -> bool:
        """True when the booth can take an applicant now."""
        return self.status == FREE


def booth_panel(state: EventState, booth_id: str) -> BoothPanel:
    """One booth's status and holder, and the other booths that holder has; KeyError if none."""
    booth = state.booth_by_id()[booth_id]
    assignment = state.assignment_by_booth().get(booth_id)
    applicant = state.applicant_by_id().get(assignment.applicant_id) if assignment else None
    status = booth_status(booth, assignment.applicant_id if assignment else None,
                          bool(assignment and assignment.locked))
    holder_booths: tuple[str, ...] = ()
    if applicant is not None:
        holder_booths = tuple(a.booth_id for a in state.assignments
                              if a.applicant_id == applicant.applicant_id)
    return BoothPanel(booth, status, applicant,
                      regions.place_label(applicant.region_code) if applicant else "", holder_booths)


def _hall_first(state: EventState, booth: Booth, ids: Iterable[str]) -> list[str]:
    """Booth ids with those of ``booth``'s hall first, nearest first, then the other halls."""
    by_id = state.booth_by_id()

    def key(other_id: str) -> tuple:
        other = by_id[other_id]
        distance = abs(other.x - booth.x) + abs(other.y - booth.y)
        return (other.hall != booth.hall, other.hall, distance, other_id)

    return sorted(ids, key=key)


def move_targets(state: EventState, booth_id: str, limit: int | None = None) -> list[str]:
    """Free booths the holder of ``booth_id`` may move to (zone rule kept), nearest first."""
    panel = booth_panel(state, booth_id)
    if panel.applicant is None:
        return []
    held = state.assignment_by_booth()
    category = panel.applicant.category
    free = [b.booth_id for b in state.booths
            if b.booth_id not in held and not b.is_blocked and b.accepts(category)]
    return _hall_first(state, panel.booth, free)[:limit]


def swap_targets(state: EventState, booth_id: str, limit: int | None = None) -> list[str]:
    """Assigned booths whose holder may trade places with this booth's holder, nearest first."""
    panel = booth_panel(state, booth_id)
    if panel.applicant is None:
        return []
    booths = state.booth_by_id()
    applicants = state.applicant_by_id()
    mine = panel.applicant
    found = []
    for assignment in state.assignments:
        other = applicants[assignment.applicant_id]
        if other.applicant_id == mine.applicant_id:
            continue
        if booths[assignment.booth_id].accepts(mine.category) and \
                panel.booth.accepts(other.category):
            found.append(assignment.booth_id)
    return _hall_first(state, panel.booth, found)[:limit]


RELOCATIONS = ("move", "swap", "same", "origin_free", "blocked", "zone", "same_holder")


def relocation(state: EventState, origin: str, target: str) -> str:
    """What sending ``origin``'s exhibitor to ``target`` means: ``move``, ``swap``, or why not.

    The reasons are ``same`` (the same booth), ``origin_free`` (nobody to send),
    ``blocked``, ``zone`` (a zone would not take one of the two) and ``same_holder``.
    """
    if origin == target:
        return "same"
    panel = booth_panel(state, origin)
    if panel.applicant is None:
        return "origin_free"
    booth = state.booth_by_id()[target]
    if booth.is_blocked:
        return "blocked"
    held = state.assignment_by_booth().get(target)
    if held is None:
        return "move" if booth.accepts(panel.applicant.category) else "zone"
    if held.applicant_id == panel.applicant.applicant_id:
        return "same_holder"
    other = state.applicant_by_id()[held.applicant_id]
    if booth.accepts(panel.applicant.category) and panel.booth.accepts(other.category):
        return "swap"
    return "zone"


def booth_labels(state: EventState, booth_ids: Iterable[str]) -> dict[str, str]:
    """``B-03 · Exhibitor name`` for assigned booths, ``B-03`` for free ones, by booth id."""
    held = state.assignment_by_booth()
    names = {a.applicant_id: a.name for a in state.applicants}
    labels = {}
    for booth_id in booth_ids:
        assignment = held.get(booth_id)
        labels[booth_id] = booth_id if assignment is None else \
            f"{booth_id} · {names.get(assignment.applicant_id, assignment.applicant_id)}"
    return labels


def selection_summary(state: EventState, booth_ids: Sequence[str]) -> dict[str, list[str]]:
    """The selected booths grouped by status: free, assigned, locked, blocked."""
    groups: dict[str, list[str]] = {FREE: [], ASSIGNED: [], LOCKED: [], BLOCKED: []}
    booths = state.booth_by_id()
    held = state.assignment_by_booth()
    for booth_id in booth_ids:
        assignment = held.get(booth_id)
        status = booth_status(booths[booth_id], assignment.applicant_id if assignment else None,
                              bool(assignment and assignment.locked))
        groups[status].append(booth_id)
    return groups


def blocking_problems(state: EventState, booth_ids: Sequence[str]) -> list[str]:
    """The booths among ``booth_ids`` that hold an applicant, so cannot be blocked yet."""
    held = state.assignment_by_booth()
    return [b for b in booth_ids if b in held]


def zoning_problems(state: EventState, booth_ids: Sequence[str], zone: str | None) -> list[str]:
    """The booths among ``booth_ids`` whose holder's category the zone would not accept."""
    if not zone:
        return []
    held = state.assignment_by_booth()
    applicants = state.applicant_by_id()
    wanted = zone.strip().casefold()
    return [b for b in booth_ids if b in held
            and applicants[held[b].applicant_id].category.strip().casefold() != wanted]


def categories(state: EventState) -> list[str]:
    """The event's categories (applicants' and existing zones'), sorted, as zone choices."""
    found = {a.category.strip() for a in state.applicants}
    found |= {b.zone.strip() for b in state.booths if b.zone}
    return sorted(found, key=str.casefold)


def format_moment(moment: datetime | None, lang: str = "id") -> str:
    """``23 November 2026 16.41 WIB``: when a change was made, on the organizers' clock."""
    return "" if moment is None else format_time(moment, lang)


def conflict_message(state: EventState, booth_id: str, changed_by: str | None,
                     changed_at: datetime | None, holder_id: str | None,
                     lang: str = "id") -> str:
    """Why nothing was written: who changed the booth, when, and who holds it now."""
    who = changed_by or t("floor.conflict.someone", lang)
    applicant = state.applicant_by_id().get(holder_id) if holder_id else None
    now = applicant.name if applicant else (holder_id or t("floor.conflict.nobody", lang))
    return t("floor.conflict", lang, booth=booth_id, user=who,
             when=format_moment(changed_at, lang), holder=now)


def last_undoable_change(history: Iterable, user: str):
    """The newest booth edit of ``user`` still in force (history is newest first).

    The floor plan's undo takes back the organizer's own booth edits only: it passes over their
    undos and the edits those undid, and stops at anything else of theirs (an allocation, an
    import), which is undone on the History page, never by a stray click here.
    """
    for change in history:
        if change.user != user or change.action in ("undo", "redo"):
            continue
        if change.undoable and change.undone_by is None:
            return change if change.action.startswith("booth.") else None
        if not change.action.startswith("booth."):
            return None
    return None


def last_redoable_undo(history: Iterable, user: str):
    """The undo ``user`` made last, when it is their newest change and can be taken back."""
    for change in history:
        if change.user != user or change.action == "redo":
            continue
        return change if change.action == "undo" and change.undone_by is None else None
    return None


def change_label(change, lang: str = "id") -> str:
    """``#12 Assign: A-01 → P-003``: a history entry in words."""
    from booth_planner.history import action_label, summary_text

    action = t(f"floor.action.{change.action}", lang) if change.action in KNOWN_ACTIONS \
        else action_label(change.action, lang)
    return f"#{change.id} {action}: {summary_text(change, lang)}".rstrip(": ")
