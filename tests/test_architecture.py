"""The layering rules of the README's code table, read from the import graph (stdlib ``ast``).

- no import circle between the project's modules, counting imports inside functions too (a
  function-level import may load something lazily, but never hide a circle);
- no module imports, or reaches into, a ``_private`` name of another module;
- only ``booth_planner/storage/`` imports SQLAlchemy or Alembic, only ``booth_planner/charts/``
  imports Plotly, and nothing under ``booth_planner/`` imports Streamlit.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SELF = {"self", "cls"}
APP_FILES = ("app.py", "app_support.py", "auth_ui.py", "live.py")
OWNED = {  # third-party package -> the only folder of booth_planner that may import it
    "sqlalchemy": "booth_planner.storage",
    "alembic": "booth_planner.storage",
    "plotly": "booth_planner.charts",
}


@dataclass(frozen=True)
class Import:
    """One imported module (and the names taken from it) in one file."""

    module: str
    names: tuple[str, ...]
    line: int


def module_name(path: Path, root: Path = ROOT) -> str:
    """``booth_planner/core/model.py`` -> ``booth_planner.core.model``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_files(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the app: the domain, the pages and the frame (migrations aside)."""
    paths = [p for p in (root / "booth_planner").rglob("*.py") if "versions" not in p.parts]
    paths += sorted((root / "pages").glob("*.py")) + [root / name for name in APP_FILES]
    return {module_name(p, root): p for p in paths if p.exists()}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(source: str, module: str, is_package: bool = False) -> list[Import]:
    """Every import the source makes at run time (``if TYPE_CHECKING:`` blocks aside)."""
    found: list[Import] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(Import(a.name, (), node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            found.append(Import(base, tuple(a.name for a in node.names), node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def graph(sources: Mapping[str, str], packages: Iterable[str] = ()) -> dict[str, set[str]]:
    """Module -> the project's modules it imports (``from pkg import mod`` counts as pkg.mod)."""
    packages = set(packages)
    edges: dict[str, set[str]] = {}
    for module, source in sources.items():
        targets = set()
        for imp in imports_of(source, module, module in packages):
            subs = [f"{imp.module}.{n}" for n in imp.names if f"{imp.module}.{n}" in sources]
            targets.update(subs)
            if imp.module in sources and len(subs) < len(imp.names or (None,)):
                targets.add(imp.module)
        edges[module] = targets - {module}
    return edges


def circles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Import circles: each strongly connected group of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def private_imports(sources: Mapping[str, str]) -> list[str]:
    """``from other import _name`` across modules (a module's own package's ``__init__`` aside)."""
    found = []
    for module, source in sources.items():
        for imp in imports_of(source, module):
            for name in imp.names:
                if name.startswith("_") and not name.startswith("__") and imp.module != module:
                    found.append(f"{module}:{imp.line} imports {name} from {imp.module}")
    return found


def _own_private_names(tree: ast.AST) -> set[str]:
    """The ``_names`` a module defines itself (functions, classes, attributes it assigns)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return {n for n in names if n.startswith("_")}


def private_reach_ins(sources: Mapping[str, str]) -> list[str]:
    """``thing._name`` where ``_name`` is not defined in the module that uses it (``self`` aside)."""
    found = []
    for module, source in sources.items():
        tree = ast.parse(source)
        own = _own_private_names(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and node.attr not in own
                    and not (isinstance(node.value, ast.Name) and node.value.id in SELF)):
                found.append(f"{module}:{node.lineno} uses .{node.attr}")
    return found


def misplaced_imports(sources: Mapping[str, str]) -> list[str]:
    """SQLAlchemy outside storage, Plotly outside charts, Streamlit inside booth_planner."""
    found = []
    for module, source in sources.items():
        for imp in imports_of(source, module):
            top = imp.module.split(".")[0]
            home = OWNED.get(top)
            if home and not (module == home or module.startswith(home + ".")):
                found.append(f"{module}:{imp.line} imports {top} (only {home} may)")
            if top == "streamlit" and module.split(".")[0] == "booth_planner":
                found.append(f"{module}:{imp.line} imports streamlit")
    return found


@pytest.fixture(scope="module")
def project() -> tuple[dict[str, str], set[str]]:
    files = project_files()
    sources = {m: p.read_text(encoding="utf-8") for m, p in files.items()}
    return sources, {m for m, p in files.items() if p.name == "__init__.py"}


def test_the_project_has_no_import_circle(project):
    sources, packages = project
    assert circles(graph(sources, packages)) == []


def test_no_module_imports_a_private_name_of_another(project):
    assert private_imports(project[0]) == []


def test_no_module_reaches_into_another_modules_private_names(project):
    assert private_reach_ins(project[0]) == []


def test_sqlalchemy_plotly_and_streamlit_stay_in_their_layers(project):
    assert misplaced_imports(project[0]) == []


def test_the_graph_reader_sees_every_package_of_the_domain(project):
    sources, _ = project
    layers = {m.split(".")[1] for m in sources if m.startswith("booth_planner.")}
    assert {"core", "storage", "accounts", "importing", "setup", "allocation", "exports",
            "charts", "demo", "cli"} <= layers


# The checks themselves, on small made-up modules: each finds what it is meant to find.

def test_a_circle_through_a_function_level_import_is_found():
    sources = {
        "pkg.a": "from pkg.b import f\n",
        "pkg.b": "def f():\n    from pkg.c import g\n    return g()\n",
        "pkg.c": "import pkg.a\n",
        "pkg.d": "from pkg import a\n",
    }
    assert circles(graph(sources)) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_a_type_checking_import_is_no_circle():
    sources = {
        "pkg.a": "from pkg.b import f\n",
        "pkg.b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import X\n",
    }
    assert circles(graph(sources)) == []


def test_relative_imports_resolve_to_the_package():
    assert imports_of("from .model import Booth\n", "pkg.core.regions")[0].module == \
        "pkg.core.model"
    assert imports_of("from . import model\n", "pkg.core", is_package=True)[0].module == \
        "pkg.core"


def test_a_private_import_and_a_private_reach_in_are_found():
    sources = {"pkg.a": "from pkg.b import _secret\n",
               "pkg.c": "def f(store):\n    return store._read()\n",
               "pkg.d": "class S:\n    def _read(self):\n        return self._x\n"}
    assert private_imports(sources) == ["pkg.a:1 imports _secret from pkg.b"]
    assert private_reach_ins(sources) == ["pkg.c:2 uses ._read"]


def test_a_library_outside_its_layer_is_found():
    sources = {"booth_planner.setup.halls": "import plotly.graph_objects as go\n",
               "booth_planner.charts.x": "import plotly.graph_objects as go\n",
               "booth_planner.coverage": "def f():\n    from sqlalchemy import select\n",
               "booth_planner.core.i18n": "import streamlit as st\n",
               "pages.home": "import streamlit as st\n"}
    assert misplaced_imports(sources) == [
        "booth_planner.setup.halls:1 imports plotly (only booth_planner.charts may)",
        "booth_planner.coverage:2 imports sqlalchemy (only booth_planner.storage may)",
        "booth_planner.core.i18n:1 imports streamlit",
    ]
