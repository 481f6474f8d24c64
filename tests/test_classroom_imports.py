"""core.classroom keeps records and runs no model: it never imports core.engine, not even lazily."""

import ast
import pkgutil
from pathlib import Path

import core.classroom
from tests.test_core_imports import _imported_after

CLASSROOM = Path(core.classroom.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (``from core import engine`` counts)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_no_classroom_module_names_the_engine():
    files = [p for p in CLASSROOM.rglob("*.py") if "migrations" not in p.parts]
    assert len(files) >= 20
    named = {str(p.relative_to(CLASSROOM)): sorted(m for m in _imports(p) if m.startswith("core.engine")) for p in files}
    assert {name: modules for name, modules in named.items() if modules} == {}


def test_importing_every_classroom_module_loads_no_engine():
    modules = [m.name for m in pkgutil.walk_packages(core.classroom.__path__, "core.classroom.") if ".migrations" not in m.name]
    assert "core.classroom.leaderboard" in modules and "core.classroom.recorders" in modules
    assert [name for name in _imported_after(modules, ("core.engine",)) if name] == []
