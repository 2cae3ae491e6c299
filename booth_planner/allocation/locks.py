"""Booths that stay put: locks from applicants.csv and assignments the organizer keeps.

Every impossible lock is reported at once, before anything is allocated (SPEC 3, hard rule 4).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from booth_planner.core.geometry import Adjacency, is_connected
from booth_planner.core.i18n import DEFAULT_LANGUAGE, t
from booth_planner.core.model import Applicant, Assignment, Booth

# Steps of the quick search for disjoint lock groups before the exact model is asked.
SEARCH_STEPS = 2_000


@dataclass(frozen=True, slots=True)
class LockProblem:
    """One impossible lock or kept assignment: whose, which booth, what is wrong."""

    applicant_id: str | None
    booth_id: str | None
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


class LockError(ValueError):
    """Locks or kept assignments that cannot all hold; ``problems`` lists every one."""

    def __init__(self, problems: Sequence[LockProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True, slots=True)
class FixedBooths:
    """Booths decided before the optimiser runs: complete applicants, and partial locks."""

    assignments: tuple[Assignment, ...]
    booths_of: Mapping[str, tuple[str, ...]]
    partial: Mapping[str, tuple[str, ...]]


def _problem(code: str, lang: str, applicant_id: str | None, booth_id: str | None,
             **values: object) -> LockProblem:
    """A problem with its message in ``lang``."""
    message = t(f"allocation.lock.{code}", lang, applicant=applicant_id or "", booth=booth_id or "",
                **values)
    return LockProblem(applicant_id, booth_id, code, message)


def _check_kept(
    keep: Sequence[Assignment], booths: Mapping[str, Booth], applicants: Mapping[str, Applicant],
    lang: str,
) -> list[LockProblem]:
    """Problems with the assignments the organizer keeps."""
    problems: list[LockProblem] = []
    holder: dict[str, str] = {}
    for kept in keep:
        booth = booths.get(kept.booth_id)
        applicant = applicants.get(kept.applicant_id)
        if applicant is None:
            problems.append(_problem("unknown_applicant", lang, kept.applicant_id, kept.booth_id))
        if booth is None:
            problems.append(_problem("unknown_booth", lang, kept.applicant_id, kept.booth_id))
            continue
        if booth.is_blocked:
            problems.append(_problem("blocked_booth", lang, kept.applicant_id, kept.booth_id))
        if applicant is not None and not booth.accepts(applicant.category):
            problems.append(_problem("zone_mismatch", lang, kept.applicant_id, kept.booth_id,
                                     zone=booth.zone, category=applicant.category))
        other = holder.setdefault(kept.booth_id, kept.applicant_id)
        if other != kept.applicant_id:
            problems.append(_problem("booth_twice", lang, kept.applicant_id, kept.booth_id,
                                     other=other))
    return problems


def _check_locks(
    applicant: Applicant, booths: Mapping[str, Booth], neighbours: Adjacency, lang: str
) -> list[LockProblem]:
    """Problems with one applicant's own locks."""
    problems: list[LockProblem] = []
    aid = applicant.applicant_id
    known: list[Booth] = []
    for booth_id in applicant.locked_booth_ids:
        booth = booths.get(booth_id)
        if booth is None:
            problems.append(_problem("unknown_booth", lang, aid, booth_id))
            continue
        known.append(booth)
        if booth.is_blocked:
            problems.append(_problem("blocked_booth", lang, aid, booth_id))
        if not booth.accepts(applicant.category):
            problems.append(_problem("zone_mismatch", lang, aid, booth_id, zone=booth.zone,
                                     category=applicant.category))
    locked = applicant.locked_booth_ids
    if len(set(locked)) != len(locked):
        problems.append(_problem("duplicate_lock", lang, aid, None))
    if len(locked) > applicant.booths_requested:
        problems.append(_problem("too_many_locks", lang, aid, None, count=len(locked),
                                 requested=applicant.booths_requested))
    halls = sorted({booth.hall for booth in known})
    if len(halls) > 1:
        problems.append(_problem("halls_differ", lang, aid, None, halls=", ".join(halls)))
    elif len(known) > 1 and not is_connected([b.booth_id for b in known], neighbours):
        problems.append(_problem("not_adjacent", lang, aid, None,
                                 booths=", ".join(b.booth_id for b in known)))
    return problems


def fix_booths(
    booths: Sequence[Booth], applicants: Sequence[Applicant], keep: Sequence[Assignment],
    neighbours: Adjacency, lang: str = DEFAULT_LANGUAGE,
) -> FixedBooths:
    """The booths fixed before optimising: kept ones and locked ones.

    An applicant with fewer locks than booths requested is ``partial``: the model decides the
    rest together with everything else. Raises LockError listing every problem found.
    """
    booth_by_id = {b.booth_id: b for b in booths}
    applicant_by_id = {a.applicant_id: a for a in applicants}
    problems = _check_kept(keep, booth_by_id, applicant_by_id, lang)
    holder = {kept.booth_id: kept.applicant_id for kept in keep}
    kept_by_applicant: dict[str, list[str]] = defaultdict(list)
    for kept in keep:
        kept_by_applicant[kept.applicant_id].append(kept.booth_id)
    for applicant in applicants:
        if not applicant.locked_booth_ids:
            continue
        problems.extend(_check_locks(applicant, booth_by_id, neighbours, lang))
        for booth_id in applicant.locked_booth_ids:
            other = holder.setdefault(booth_id, applicant.applicant_id)
            if other != applicant.applicant_id:
                problems.append(_problem("booth_twice", lang, applicant.applicant_id, booth_id,
                                         other=other))
    if problems:
        raise LockError(problems)

    assignments = list(keep)
    booths_of: dict[str, list[str]] = {aid: list(ids) for aid, ids in kept_by_applicant.items()}
    partial: dict[str, tuple[str, ...]] = {}
    for applicant in applicants:
        aid = applicant.applicant_id
        if not applicant.locked_booth_ids:
            continue
        new_locks = [b for b in applicant.locked_booth_ids if b not in booths_of.get(aid, ())]
        assignments.extend(Assignment(b, aid, locked=True, source="lock") for b in new_locks)
        if aid in kept_by_applicant:
            booths_of[aid].extend(new_locks)
        elif len(new_locks) >= applicant.booths_requested:
            booths_of[aid] = list(new_locks)
        elif new_locks:
            partial[aid] = tuple(new_locks)
    return FixedBooths(tuple(assignments), {aid: tuple(ids) for aid, ids in booths_of.items()},
                       partial)


def check_partial_locks(
    options: Mapping[str, Sequence[tuple[str, ...]]], requested: Mapping[str, int],
    lang: str = DEFAULT_LANGUAGE,
) -> dict[str, tuple[str, ...]]:
    """One group per partial lock, all disjoint; LockError naming the locks that conflict.

    ``options`` holds every group each lock could grow into. Locks whose options share no booth
    are independent, so each cluster of overlapping ones is solved on its own, and a cluster
    with no answer is cut down to a smallest set of locks that still has none.
    """
    problems = [_problem("cannot_grow", lang, aid, None, requested=requested[aid])
                for aid in sorted(options) if not options[aid]]
    if problems:
        raise LockError(problems)
    chosen: dict[str, tuple[str, ...]] = {}
    for cluster in _clusters(options):
        answer = _disjoint_choice(cluster, options)
        if answer is None:
            conflict = _smallest_conflict(cluster, options)
            for aid in conflict:
                others = ", ".join(o for o in conflict if o != aid)
                problems.append(_problem("conflict", lang, aid, None, others=others,
                                         requested=requested[aid]))
            continue
        chosen.update(answer)
    if problems:
        raise LockError(problems)
    return chosen


def _clusters(options: Mapping[str, Sequence[tuple[str, ...]]]) -> list[list[str]]:
    """Locks linked by options that share a booth, each cluster sorted."""
    parent = {aid: aid for aid in options}

    def root(aid: str) -> str:
        while parent[aid] != aid:
            parent[aid] = parent[parent[aid]]
            aid = parent[aid]
        return aid

    first_at: dict[str, str] = {}
    for aid in sorted(options):
        for group in options[aid]:
            for booth in group:
                other = first_at.setdefault(booth, aid)
                parent[root(other)] = root(aid)
    clusters: dict[str, list[str]] = defaultdict(list)
    for aid in sorted(options):
        clusters[root(aid)].append(aid)
    return sorted(clusters.values())


def _disjoint_choice(cluster: Sequence[str], options: Mapping[str, Sequence[tuple[str, ...]]]
                     ) -> dict[str, tuple[str, ...]] | None:
    """Disjoint groups, one per lock of ``cluster``; None when there are none."""
    quick = _search(list(cluster), options, set(), SEARCH_STEPS)
    if quick is not None:
        return quick
    import numpy as np

    from booth_planner.allocation.milp import Model

    model = Model()
    columns: list[tuple[str, tuple[str, ...]]] = []
    at_booth: dict[str, list[int]] = defaultdict(list)
    for aid in cluster:
        terms = []
        for group in options[aid]:
            col = model.column(1)
            columns.append((aid, group))
            terms.append((col, 1.0))
            for booth in group:
                at_booth[booth].append(col)
        model.row(terms, 1.0, 1.0)
    for cols in at_booth.values():
        if len(cols) > 1:
            model.row([(c, 1.0) for c in cols], 0.0, 1.0)
    outcome = model.maximise(np.zeros(len(columns)))
    if not len(outcome.values):
        return None
    return {aid: group for (aid, group), value in zip(columns, outcome.values, strict=True)
            if value > 0.5}


def _search(left: list[str], options: Mapping[str, Sequence[tuple[str, ...]]], taken: set[str],
            budget: int) -> dict[str, tuple[str, ...]] | None:
    """Disjoint groups by a short backtracking search; None when none or the budget runs out
    (the exact model then decides)."""
    steps = [budget]

    def step(index: int) -> dict[str, tuple[str, ...]] | None:
        if index == len(left):
            return {}
        for group in options[left[index]]:
            steps[0] -= 1
            if steps[0] < 0:
                return None
            if taken.isdisjoint(group):
                taken.update(group)
                rest = step(index + 1)
                taken.difference_update(group)
                if rest is not None:
                    return {left[index]: group, **rest}
        return None

    return step(0)


def _smallest_conflict(cluster: Sequence[str],
                       options: Mapping[str, Sequence[tuple[str, ...]]]) -> list[str]:
    """A set of locks without an answer from which no lock can be left out (deletion filter)."""
    conflict = list(cluster)
    for aid in list(cluster):
        rest = [a for a in conflict if a != aid]
        if rest and _disjoint_choice(rest, options) is None:
            conflict = rest
    return conflict
