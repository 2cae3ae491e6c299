"""``python -m booth_planner rotate``: spaces, members and periods in; roster and ledger out.

Everything is checked before anything is written: bad input lists every problem (file, row,
column, what) and exits 2 with no file touched; both outputs are moved into place together.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from booth_planner.cli.allocate import write_and_report
from booth_planner.cli.exits import fail
from booth_planner.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_number, t
from booth_planner.core.regions import RegionError, resolve
from booth_planner.exports.booth_lists import csv_bytes
from booth_planner.importing.problems import Problem, problem_text
from booth_planner.importing.readers import ImportResult, cross_check, read_booths
from booth_planner.rotation.ledger import ledger_table, roster_table
from booth_planner.rotation.members import read_members
from booth_planner.rotation.model import DEFAULT_MAX_CONSECUTIVE, RotationResult
from booth_planner.rotation.periods import read_periods
from booth_planner.rotation.planner import RotationInputError, plan_rotation


def _language(args: argparse.Namespace) -> str:
    """The language asked for (``--lang`` or BOOTH_PLANNER_LANG), else the default."""
    lang = getattr(args, "lang", None) or os.environ.get("BOOTH_PLANNER_LANG") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _home(text: str | None, lines: list[str], lang: str) -> str | None:
    """The home kabupaten/kota's code; a problem line when it is not one."""
    if not text:
        return None
    try:
        found = resolve(text)
    except RegionError as error:
        lines.append(f"--home: {error.message(lang)}")
        return None
    if found.is_province:
        lines.append(t("rotation.cli.home_not_kabupaten", lang, text=text))
        return None
    return found.code


def _read(args: argparse.Namespace, lang: str):
    """Spaces, members, periods and every problem line (errors), plus warning lines."""
    lines: list[str] = []
    if args.max_consecutive < 1:
        lines.append(t("rotation.cli.bad_max_consecutive", lang, value=args.max_consecutive))
    home = _home(args.home, lines, lang)
    found: list[Problem] = []
    contents = {}
    for key in ("spaces", "members", "periods"):
        path = Path(getattr(args, key))
        try:
            contents[key] = path.read_bytes()
        except OSError as error:
            lines.append(t("allocation.cli.cannot_read", lang, file=str(path),
                           error=error.strerror or error))
    if len(contents) < 3:
        return None, lines, []
    names = {key: Path(getattr(args, key)).name for key in contents}
    spaces = read_booths(contents["spaces"], names["spaces"])
    periods = read_periods(contents["periods"], names["periods"])
    period_ids = [p.period_id for p in periods.items] if periods.ok else None
    members = read_members(contents["members"], names["members"], home, period_ids)
    found.extend([*spaces.problems, *members.problems, *periods.problems])
    if spaces.ok and members.ok:
        applicants = ImportResult("applicants", members.file,
                                  tuple(m.applicant for m in members.items), rows=members.rows)
        found.extend(cross_check(spaces, applicants, names["spaces"], names["members"]))
    lines.extend(problem_text(p, lang) for p in found if p.is_error)
    warnings = [problem_text(p, lang) for p in found if not p.is_error]
    return (spaces, members, periods), lines, warnings


def summary_lines(result: RotationResult, lang: str) -> list[str]:
    """Members, smallest and largest total, members with no turn, regions per period, proof."""
    stats = result.stats
    lines = [
        t("rotation.cli.summary_members", lang, members=format_number(stats.members, lang),
          counted=format_number(stats.members_counted, lang),
          periods=format_number(stats.periods, lang)),
        t("rotation.cli.summary_totals", lang, low=stats.min_total, at_min=stats.at_min,
          high=stats.max_total),
        t("rotation.cli.summary_no_turn", lang, count=format_number(stats.no_turn, lang)),
        t("rotation.cli.summary_regions", lang, average=f"{stats.regions_per_period:.2f}",
          shown=stats.regions_shown),
    ]
    values = {"low": stats.min_total, "low_bound": stats.min_total_bound,
              "at_min": stats.at_min, "at_min_bound": stats.at_min_bound,
              "shown": stats.regions_shown, "shown_bound": stats.regions_bound,
              "priority": stats.priority, "priority_bound": stats.priority_bound}
    key = "rotation.cli.summary_proven" if stats.proven_optimal else "rotation.cli.summary_gap"
    why = t("allocation.cli.time_limit", lang) if stats.time_limited else ""
    lines.append(t(key, lang, why=why, **values))
    return lines


def run_rotate(args: argparse.Namespace) -> int:
    """Run ``rotate`` (SPEC 5); returns the exit status."""
    lang = _language(args)
    if args.max_consecutive is None:
        args.max_consecutive = DEFAULT_MAX_CONSECUTIVE
    outputs = [Path(args.out)] + ([Path(args.ledger)] if args.ledger else [])
    read, problems, warnings = _read(args, lang)
    problems.extend(t("allocation.cli.cannot_write", lang, file=str(path),
                      error=t("allocation.cli.no_folder", lang))
                    for path in outputs if not path.parent.is_dir())
    result = None
    if not problems and read is not None:
        spaces, members, periods = read
        try:
            result = plan_rotation(spaces.items, members.items, periods.items,
                                   max_consecutive=args.max_consecutive,
                                   time_limit=args.time_limit, lang=lang)
        except RotationInputError as error:
            problems.extend(
                f"{members.file}, {t('importer.where.row', lang, row=members.rows.get(who, '?'))}"
                f", locked_booth_id: {what}" for who, what in error.problems)
    if problems or result is None:
        return fail(t("allocation.cli.problems", lang), problems)
    files = {outputs[0]: csv_bytes(roster_table(spaces.items, members.items, periods.items,
                                                result.turns))}
    if args.ledger:
        files[outputs[1]] = csv_bytes(ledger_table(members.items, periods.items, result))
    return write_and_report(files, summary_lines(result, lang), warnings, lang)
