"""Entry point for ``python -m booth_planner``."""

import sys

from booth_planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
