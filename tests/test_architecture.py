"""The package's shape: small modules, no import cycle, the package's own modules imported
at module level (a function-level import is only for an optional or heavy third-party
library). The import graph is read from the source (tests/import_graph.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from import_graph import find_cycle, module_imports

PACKAGE = Path(__file__).resolve().parents[1] / "nghiquyet_parser"
MAX_LINES = 500
# What a function may import: the optional extras, underthesea, whose CRF takes a
# second to load and is needed only by lines that can hold a fact, and pandas (0.6 s),
# needed by tables/build.py only when a table is made: `import nghiquyet_parser` reaches
# that module through convert_folder and load_results and must not pay for pandas.
LAZY_ALLOWED = {"docx", "pypdf", "lxml", "viparse", "dask", "distributed", "pyarrow", "underthesea", "pandas"}
# The command line imports each command's modules (the package's own, and rich) when
# the command runs: parse needs spaCy, batch pandas, and `nghiquyet --version` or
# `nghiquyet schema` neither (tests/test_lazy_imports.py checks the imports).
LAZY_ALLOWED_IN = {"cli.py": {".", "rich"}}


def _function_level_imports(path: Path) -> list[str]:
    """The top-level names a module imports inside functions ('.' for its own package)."""
    found = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                found.extend(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                found.append("." if node.level else (node.module or "").split(".")[0])
    return found


def test_no_import_cycle_in_the_package() -> None:
    cycle = find_cycle(module_imports(PACKAGE))
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_imports_inside_functions_are_only_optional_or_heavy_libraries() -> None:
    lazy = sorted(f"{path.relative_to(PACKAGE)}: {name}" for path in PACKAGE.rglob("*.py")
                  for name in _function_level_imports(path)
                  if name not in LAZY_ALLOWED | LAZY_ALLOWED_IN.get(str(path.relative_to(PACKAGE)), set()))
    assert lazy == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_is_over_500_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines"
