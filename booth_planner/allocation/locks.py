"""Booths that stay put: locks from applicants.csv and assignments the organizer keeps.

Every impossible lock is reported at once, before anything is allocated (SPEC 3, hard rule 4).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from booth_planner.core.geometry import Adjacency, grow_group, is_connected
from booth_planner.core.i18n import DEFAULT_LANGUAGE, t
from booth_planner.core.model import Applicant, Assignment, Booth


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
    """Booths decided before the optimiser runs, by applicant, with their assignments."""

    assignments: tuple[Assignment, ...]
    booths_of: Mapping[str, tuple[str, ...]]


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
    neighbours: Adjacency, walk_rank: Mapping[str, int], lang: str = DEFAULT_LANGUAGE,
) -> FixedBooths:
    """The booths fixed before optimising: kept ones, then locks grown to the size asked for.

    Raises LockError listing every problem when the locks and kept assignments cannot all hold.
    """
    booth_by_id = {b.booth_id: b for b in booths}
    applicant_by_id = {a.applicant_id: a for a in applicants}
    problems = _check_kept(keep, booth_by_id, applicant_by_id, lang)
    holder = {kept.booth_id: kept.applicant_id for kept in keep}
    kept_by_applicant: dict[str, list[str]] = defaultdict(list)
    for kept in keep:
        kept_by_applicant[kept.applicant_id].append(kept.booth_id)
    for applicant in applicants:
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
    taken = set(holder)
    for applicant in applicants:
        aid = applicant.applicant_id
        new_locks = [b for b in applicant.locked_booth_ids if b not in booths_of.get(aid, ())]
        assignments.extend(Assignment(b, aid, locked=True, source="lock") for b in new_locks)
        if aid in kept_by_applicant:
            booths_of[aid].extend(new_locks)
            continue
        if not new_locks:
            continue
        booths_of[aid] = list(new_locks)
    # Partial locks grow only after every lock is known, so no growth takes another's lock.
    for applicant in applicants:
        aid = applicant.applicant_id
        if aid in kept_by_applicant or not applicant.locked_booth_ids:
            continue
        missing = applicant.booths_requested - len(booths_of[aid])
        if missing <= 0:
            continue
        hall = booth_by_id[booths_of[aid][0]].hall
        allowed = {b.booth_id for b in booths if b.hall == hall and not b.is_blocked
                   and b.booth_id not in taken and b.accepts(applicant.category)}
        group = grow_group(booths_of[aid], applicant.booths_requested, allowed, neighbours,
                           key=lambda b: (walk_rank.get(b, 0), b))
        if group is None:
            problems.append(_problem("cannot_grow", lang, aid, None,
                                     requested=applicant.booths_requested))
            continue
        extra = group[len(booths_of[aid]):]
        taken.update(extra)
        booths_of[aid].extend(extra)
        assignments.extend(Assignment(b, aid, locked=False, source="auto") for b in extra)
    if problems:
        raise LockError(problems)
    return FixedBooths(tuple(assignments), {aid: tuple(ids) for aid, ids in booths_of.items()})
