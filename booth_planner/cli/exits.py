"""Exit statuses and the one way every command reports bad input (SPEC section 4)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def warn(message: str, details: Sequence[str] = ()) -> None:
    """Print ``message`` and its indented ``details`` to stderr."""
    print(message, file=sys.stderr)
    for line in details:
        print(f"  {line}", file=sys.stderr)


def fail(message: str, details: Sequence[str] = ()) -> int:
    """Say what was wrong on stderr (with indented ``details``); the status for bad input."""
    warn(message, details)
    return EXIT_BAD_INPUT
