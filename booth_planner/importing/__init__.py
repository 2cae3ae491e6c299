"""Reading organizers' spreadsheets (SPEC section 2), with one front door.

``read_booths`` / ``read_applicants`` read a CSV or .xlsx file into model values and problems
(each with file, row, column and a fix); ``cross_check`` finds what is wrong between the two;
``preview_import`` shows what saving would change; ``apply_import`` saves it in one transaction;
``template_bytes`` gives an empty file to fill in. Inside: ``spreadsheet`` (files to tables),
``readers`` (columns and rows), ``problems``, ``preview``, ``apply``, ``templates``.
"""

from booth_planner.importing.apply import ImportRefused, apply_import, remember_region_choice
from booth_planner.importing.preview import FieldChange, ImportPreview, ItemChange, preview_import
from booth_planner.importing.problems import (
    Problem,
    has_errors,
    problem_message,
    problem_suggestion,
    problem_text,
)
from booth_planner.importing.readers import (
    APPLICANT_COLUMNS,
    BOOTH_COLUMNS,
    ImportResult,
    cross_check,
    describe_region,
    read_applicants,
    read_booths,
)
from booth_planner.importing.templates import template_bytes, template_file_name

__all__ = [
    "APPLICANT_COLUMNS", "BOOTH_COLUMNS", "FieldChange", "ImportPreview", "ImportRefused",
    "ImportResult", "ItemChange", "Problem", "apply_import", "cross_check", "describe_region",
    "has_errors", "preview_import", "problem_message", "problem_suggestion", "problem_text",
    "read_applicants", "read_booths", "remember_region_choice", "template_bytes",
    "template_file_name",
]
