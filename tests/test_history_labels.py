"""Every action the domain records in the history has words in both languages."""

import re
from pathlib import Path

from booth_planner.history import action_label

PACKAGE = Path(__file__).resolve().parents[1] / "booth_planner"
ACTION = re.compile(r"""action\s*=\s*["']([a-z_]+\.[a-z_.]+|undo)["']""")


def recorded_actions() -> set[str]:
    """The literal action names passed anywhere in the domain's code."""
    return {m for path in PACKAGE.rglob("*.py") for m in ACTION.findall(path.read_text("utf-8"))}


def test_every_recorded_action_has_a_label_in_both_languages():
    actions = recorded_actions()
    assert {"booth.assign", "allocation.apply", "backup.restore"} <= actions
    for action in sorted(actions):
        for lang in ("id", "en"):
            assert action_label(action, lang) != action, f"{action} has no {lang} label"
