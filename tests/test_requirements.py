"""Every third-party import of the project is declared in a requirements file."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("tests", "bench", "scripts", "booth_planner", "pages")
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


def _python_files() -> list[Path]:
    """The project's own Python files: the folders above and the top-level modules."""
    files = [path for folder in SCANNED for path in (ROOT / folder).rglob("*.py")]
    return files + sorted(ROOT.glob("*.py"))


def _top_level_imports(path: Path) -> set[str]:
    """The top-level names of the absolute imports in one file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _local_names() -> set[str]:
    """Names that are the project's own modules and packages."""
    return {path.stem for path in ROOT.glob("*.py")} | {
        path.name for path in ROOT.iterdir() if (path / "__init__.py").exists()
    } | set(SCANNED)


def _normalise(name: str) -> str:
    """A distribution name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_distributions() -> set[str]:
    """The distributions named in the requirements files (extras and versions dropped)."""
    declared: set[str] = set()
    for file in REQUIREMENTS:
        for line in (ROOT / file).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("-"):
                continue
            declared.add(_normalise(re.split(r"[\s\[<>=!~;]", line, maxsplit=1)[0]))
    return declared


def test_every_third_party_import_is_declared_in_a_requirements_file():
    local = _local_names()
    imported: dict[str, set[str]] = {}
    for path in _python_files():
        for name in _top_level_imports(path):
            if name not in sys.stdlib_module_names and name not in local:
                imported.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    providers = packages_distributions()
    declared = declared_distributions()
    missing = {}
    for name, files in sorted(imported.items()):
        distributions = {_normalise(d) for d in providers.get(name, [])}
        if not distributions & declared:
            missing[name] = (sorted(distributions) or ["not installed"], sorted(files)[:3])
    assert not missing, f"imported but not in {' or '.join(REQUIREMENTS)}: {missing}"


def test_the_scan_sees_the_known_third_party_imports():
    names = set().union(*(_top_level_imports(path) for path in _python_files()))
    assert {"streamlit", "sqlalchemy", "scipy", "pytest"} <= names
