"""``python -m booth_planner allocate``: two files in, the booth list and the unplaced list out.

Everything is checked before anything is written: bad input lists every problem (file, row,
column, what) and exits 2 with no file touched. Both outputs are written to temporary files
first and moved into place together, so a failure never leaves one file new and one old.
"""

from __future__ import annotations

import argparse
import errno
import os
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

from booth_planner.allocation import AllocationResult, LockError, allocate
from booth_planner.cli.exits import EXIT_OK, fail, warn
from booth_planner.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_number, t
from booth_planner.core.model import Applicant, Booth, EventInfo, EventState
from booth_planner.lifecycle.allocation import split_by_status


def _language(args: argparse.Namespace) -> str:
    """The language asked for (``--lang`` or BOOTH_PLANNER_LANG), else the default."""
    lang = getattr(args, "lang", None) or os.environ.get("BOOTH_PLANNER_LANG") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def read_inputs(booths_path: Path, applicants_path: Path, lang: str
                ) -> tuple[list[Booth], list[Applicant], dict[str, int], list[str], list[str]]:
    """Booths, applicants, applicant rows, then the errors and the warnings found in or between
    the two files; locks are checked against the booths once both files read cleanly."""
    from booth_planner.importing import (
        cross_check,
        problem_text,
        read_applicants,
        read_booths,
    )

    lines: list[str] = []
    results = []
    for path, reader in ((booths_path, read_booths), (applicants_path, read_applicants)):
        try:
            results.append(reader(path.read_bytes(), path.name))
        except OSError as error:
            lines.append(t("allocation.cli.cannot_read", lang, file=str(path),
                           error=error.strerror or error))
            results.append(None)
    booths, applicants = results
    if booths is None or applicants is None:
        return [], [], {}, lines, []
    found = [*booths.problems, *applicants.problems]
    if not any(p.is_error for p in found):
        found.extend(cross_check(booths, applicants, booths_path.name, applicants_path.name))
    lines.extend(problem_text(p, lang) for p in found if p.is_error)
    warnings = [problem_text(p, lang) for p in found if not p.is_error]
    return list(booths.items), list(applicants.items), dict(applicants.rows), lines, warnings


def lock_problem_lines(error: LockError, applicants_file: str, rows: dict[str, int],
                       lang: str) -> list[str]:
    """Each impossible lock as 'file, row N, column locked_booth_id: what'."""
    from booth_planner.importing import Problem, problem_text

    return [problem_text(Problem(applicants_file, rows.get(p.applicant_id or ""),
                                 "locked_booth_id", p.message), lang)
            for p in error.problems]


def output_tables(booths: list[Booth], applicants: list[Applicant], result: AllocationResult
                  ) -> tuple[bytes, bytes]:
    """assignments.csv and unplaced.csv (SPEC 2) as bytes."""
    from booth_planner.exports.booth_lists import assignments_table, csv_bytes, unplaced_table

    state = EventState(event=EventInfo(id=0, slug="allocate", name="allocate"),
                       booths=tuple(booths), applicants=tuple(applicants),
                       assignments=result.assignments,
                       halls=tuple(sorted({b.hall for b in booths})))
    return (csv_bytes(assignments_table(state)),
            csv_bytes(unplaced_table(state, result.unplaced)))


def write_together(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it, then move them all into place.

    Both or neither (SPEC 4): a target that is a folder is refused before anything moves, and
    should a later move still fail, the files already moved are put back as they were.
    """
    for path in files:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    staged: list[tuple[str, Path]] = []
    moved: list[tuple[Path, bytes | None]] = []
    try:
        for path, content in files.items():
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as out:
                out.write(content)
        for temporary, path in staged:
            before = path.read_bytes() if path.exists() else None
            os.replace(temporary, path)
            moved.append((path, before))
    except OSError:
        for path, before in reversed(moved):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(before)
        raise
    finally:
        for temporary, _path in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)


def write_and_report(files: dict[Path, bytes], summary: list[str], warnings: list[str],
                     lang: str) -> int:
    """Write every output or none, then print the summary and any warnings; the exit status."""
    try:
        write_together(files)
    except OSError as error:
        return fail(t("allocation.cli.cannot_write", lang, file=error.filename or "",
                      error=error.strerror))
    for line in summary:
        print(line)
    if warnings:
        warn(t("allocation.cli.warnings", lang), warnings)
    return EXIT_OK


def summary_lines(result: AllocationResult, lang: str) -> list[str]:
    """The short summary: coverage, applicants, booths, proof or gap, layout."""
    stats = result.stats
    lines = [
        t("allocation.cli.summary_regions", lang, covered=format_number(stats.regions_covered, lang),
          applying=format_number(stats.regions_applying, lang)),
        t("allocation.cli.summary_applicants", lang,
          placed=format_number(stats.applicants_placed, lang),
          total=format_number(stats.applicants, lang)),
        t("allocation.cli.summary_booths", lang, used=format_number(stats.booths_used, lang),
          available=format_number(stats.booths_available, lang)),
    ]
    if result.unplaced:
        reasons = Counter(u.reason_code for u in result.unplaced)
        lines.append(t("allocation.cli.summary_unplaced", lang,
                       count=format_number(len(result.unplaced), lang),
                       reasons=", ".join(f"{code} {format_number(n, lang)}"
                                         for code, n in sorted(reasons.items()))))
    values = {"coverage": stats.regions_covered, "coverage_bound": stats.coverage_bound,
              "priority": stats.priority, "priority_bound": stats.priority_bound}
    if stats.proven_optimal:
        lines.append(t("allocation.cli.summary_proven", lang, **values))
    else:
        why = t("allocation.cli.time_limit", lang) if stats.time_limited else ""
        gap = f"{stats.gap[0]} / {stats.gap[1]}"
        lines.append(t("allocation.cli.summary_gap", lang, why=why, gap=gap, **values))
    lines.append(t("allocation.cli.summary_layout", lang, mode=stats.mode,
                   score=f"{stats.layout_score:.2f}"))
    return lines


def _output_problems(paths: list[Path], lang: str) -> list[str]:
    """Output paths whose folder does not exist."""
    return [t("allocation.cli.cannot_write", lang, file=str(path),
              error=t("allocation.cli.no_folder", lang))
            for path in paths if not path.parent.is_dir()]


def run_allocate(args: argparse.Namespace) -> int:
    """Run ``allocate`` (SPEC section 4); returns the exit status."""
    lang = _language(args)
    booths_path, applicants_path = Path(args.booths), Path(args.applicants)
    outputs = [Path(args.out)] + ([Path(args.unplaced)] if args.unplaced else [])
    booths, applicants, rows, problems, warnings = read_inputs(booths_path, applicants_path, lang)
    problems.extend(_output_problems(outputs, lang))
    result = None
    if not problems:
        # Only accepted applicants are allocated (SPEC 2); the others are unplaced, NOT_ACCEPTED.
        taking_part, not_accepted = split_by_status(applicants, lang)
        try:
            result = allocate(booths, taking_part, mode=args.mode,
                              time_limit=getattr(args, "time_limit", None), lang=lang)
        except LockError as error:
            problems.extend(lock_problem_lines(error, applicants_path.name, rows, lang))
        else:
            result = replace(result, unplaced=(*result.unplaced, *not_accepted))
    if problems or result is None:
        return fail(t("allocation.cli.problems", lang), problems)
    assignments_csv, unplaced_csv = output_tables(booths, applicants, result)
    files = {outputs[0]: assignments_csv}
    if args.unplaced:
        files[outputs[1]] = unplaced_csv
    return write_and_report(files, summary_lines(result, lang), warnings, lang)
