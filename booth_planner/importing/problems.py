"""What is wrong with an imported file, where, and how to fix it, in both languages.

Every problem has a stable ``code``; its message and suggestion are the templates
``importer.<code>`` and ``importer.<code>.fix`` in ``locales/importer.json``, filled from the
problem's ``params``. The English rendering is kept on the problem itself (what the command line
prints); ``problem_text`` renders it in the app's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from booth_planner.core.i18n import catalogue, t

ERROR = "error"
WARNING = "warning"
# Accepted column names travel as 'booth_id|kode_stand' and are shown joined by "or"/"atau".
NAME_SEPARATOR = "|"
_NAME_PARAMS = ("names", "expected")


def _filled(values: dict[str, str], lang: str) -> dict[str, str]:
    """``values`` with the alternative column names joined by the word for "or" in ``lang``."""
    word = f" {t('importer.or', lang)} "
    return {key: value.replace(NAME_SEPARATOR, word) if key in _NAME_PARAMS else value
            for key, value in values.items()}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import; ``row`` is the row number seen in Excel or an editor."""

    file: str
    row: int | None
    column: str | None
    message: str
    suggestion: str | None = None
    code: str = ""
    severity: str = ERROR
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return _render(self, self.message, self.suggestion, "en")

    @property
    def is_error(self) -> bool:
        """True when the problem stops the import (warnings only need a look)."""
        return self.severity == ERROR


def problem(file: str, row: int | None, column: str | None, code: str,
            severity: str = ERROR, /, **params: object) -> Problem:
    """A problem whose English message and suggestion come from the locale templates."""
    values = {key: str(value) for key, value in params.items()}
    return Problem(
        file=file, row=row, column=column,
        message=t(f"importer.{code}", "en", **_filled(values, "en")),
        suggestion=_suggestion(code, "en", values),
        code=code, severity=severity, params=tuple(sorted(values.items())),
    )


def _suggestion(code: str, lang: str, values: dict[str, str]) -> str | None:
    """The fix to suggest for ``code``, or None when the locale has none."""
    key = f"importer.{code}.fix"
    return t(key, lang, **_filled(values, lang)) if key in catalogue() else None


def _render(item: Problem, message: str, suggestion: str | None, lang: str) -> str:
    """'file, row 7, column width_m: message (suggestion)' in ``lang``."""
    where = [item.file]
    if item.row is not None:
        where.append(t("importer.where.row", lang, row=item.row))
    if item.column:
        where.append(t("importer.where.column", lang, column=item.column))
    text = f"{', '.join(where)}: {message}"
    if item.severity == WARNING:
        text = f"{t('importer.where.warning', lang)}: {text}"
    return f"{text} ({suggestion})" if suggestion else text


def problem_message(item: Problem, lang: str) -> str:
    """The problem's message alone, in ``lang`` (the English one for an unknown code)."""
    key = f"importer.{item.code}"
    return t(key, lang, **_filled(dict(item.params), lang)) if key in catalogue() else item.message


def problem_suggestion(item: Problem, lang: str) -> str | None:
    """The problem's suggestion alone, in ``lang``."""
    if f"importer.{item.code}" not in catalogue():
        return item.suggestion
    return _suggestion(item.code, lang, dict(item.params))


def problem_text(item: Problem, lang: str) -> str:
    """The whole problem as one line in ``lang``: where, what, and the fix."""
    return _render(item, problem_message(item, lang), problem_suggestion(item, lang), lang)


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any of ``problems`` stops an import."""
    return any(p.is_error for p in problems)
