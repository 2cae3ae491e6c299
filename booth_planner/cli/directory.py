"""``python -m booth_planner cards`` and ``directory`` (SPEC section 6).

Both read the booth list and the applicants file, check everything first, and with bad input
print every problem (file, row, column, what) and exit 2 without writing anything.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from booth_planner.cli.exits import EXIT_BAD_INPUT, EXIT_OK, fail
from booth_planner.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_number, t


def language() -> str:
    """The language of messages and printed words: BOOTH_PLANNER_LANG, else Indonesian."""
    lang = os.environ.get("BOOTH_PLANNER_LANG") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _read(args: argparse.Namespace, lang: str, extra: list[str]):  # noqa: ANN202
    """The directory of the two files, or None after printing every problem."""
    from booth_planner.directory.files import read_directory
    from booth_planner.importing.readers import problem_text

    result = read_directory(Path(args.assignments), Path(args.applicants), args.event or "")
    lines = [problem_text(p, lang) for p in result.problems if p.is_error] + extra
    if lines or not result.ok:
        fail(t("allocation.cli.problems", lang), lines)
        return None
    return result.directory


def run_cards(args: argparse.Namespace) -> int:
    """Write one card per assigned booth into a PDF (SPEC 6)."""
    from booth_planner.cli.allocate import write_together
    from booth_planner.directory.cards import card_texts, cards_pdf, plan_cards
    from booth_planner.directory.profile import ProfileError, normalise_base_url

    lang = language()
    out = Path(args.out)
    extra = []
    base_url = None
    try:
        base_url = normalise_base_url(args.base_url or "")
    except ProfileError as error:
        extra.append(t("directory.cli.bad_base_url", lang, value=error.value))
    if not out.parent.is_dir():
        extra.append(t("allocation.cli.cannot_write", lang, file=str(out),
                       error=t("allocation.cli.no_folder", lang)))
    directory = _read(args, lang, extra)
    if directory is None:
        return EXIT_BAD_INPUT
    started = time.perf_counter()
    cards = plan_cards(directory.entries, base_url)
    pdf = cards_pdf(cards, args.event or "", args.size, card_texts(lang))
    try:
        write_together({out: pdf})
    except OSError as error:
        print(t("allocation.cli.cannot_write", lang, file=str(out), error=error.strerror),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    without = sum(1 for c in cards if c.qr is None)
    print(t("directory.cli.cards_written", lang, cards=format_number(len(cards), lang),
            file=str(out), seconds=f"{time.perf_counter() - started:.1f}"))
    if without:
        print(t("directory.cli.cards_without_qr", lang, count=format_number(without, lang)))
    return EXIT_OK


def run_directory(args: argparse.Namespace) -> int:
    """Write the self-contained visitor directory folder (SPEC 6)."""
    from booth_planner.directory.static_site import write_site

    lang = language()
    out = Path(args.out)
    extra = []
    if out.exists() and not out.is_dir():
        extra.append(t("directory.cli.not_a_folder", lang, file=str(out)))
    directory = _read(args, lang, extra)
    if directory is None:
        return EXIT_BAD_INPUT
    try:
        stats = write_site(directory, out, lang)
    except OSError as error:
        print(t("allocation.cli.cannot_write", lang, file=str(out), error=error.strerror),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    print(t("directory.cli.directory_written", lang, entries=format_number(stats.entries, lang),
            halls=stats.halls, folder=str(out), kb=format_number(stats.bytes / 1024, lang)))
    if not stats.halls:
        print(t("directory.cli.no_plans", lang))
    return EXIT_OK


def add_commands(commands) -> None:  # noqa: ANN001
    """Register ``cards`` and ``directory`` on the main parser's sub-commands."""
    from booth_planner.directory.card_sizes import DEFAULT_SIZE, SIZES

    cards = commands.add_parser("cards", help="printable booth cards with QR codes (PDF)")
    directory = commands.add_parser("directory", help="a static visitor directory folder")
    for parser in (cards, directory):
        parser.add_argument("--assignments", required=True, help="assignments.csv (booth list)")
        parser.add_argument("--applicants", required=True, help="applicants.csv or .xlsx")
        parser.add_argument("--event", default="", help="the event's name, printed on each page")
    cards.add_argument("--out", required=True, help="where to write cards.pdf")
    cards.add_argument("--base-url", default="", help="where the directory is published")
    cards.add_argument("--size", choices=tuple(SIZES), default=DEFAULT_SIZE)
    cards.set_defaults(handler=run_cards)
    directory.add_argument("--out", required=True, metavar="DIR", help="folder to write")
    directory.set_defaults(handler=run_directory)
