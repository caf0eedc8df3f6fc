"""The import graph of a package, read from its source (nothing is imported).

    graph = module_imports(Path("nghiquyet_parser/extract"))
    assert find_cycle(graph) is None

Every `import` and `from ... import` counts, wherever it stands: at the top of a
module, inside a function (a lazy import still closes a cycle at run time), or under
`if TYPE_CHECKING:`. Only modules of the same top-level package are kept as edges.
Importing a submodule also runs its parent package's `__init__`; that implicit edge
is not recorded, as in pylint's cyclic-import check, or every package importing
its own submodules would be a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Optional

Graph = dict[str, set[str]]


def _module_name(path: Path, root: Path) -> str:
    """'nghiquyet_parser.extract.targets' for root/nghiquyet_parser/extract/targets.py."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _package_root(package_dir: Path) -> Path:
    """The folder above the top-level package that holds `package_dir`."""
    root = package_dir.resolve()
    while (root / "__init__.py").exists():
        root = root.parent
    return root


def _imported(node: ast.AST, module: str, is_package: bool, known: set[str]) -> list[str]:
    """The modules one import statement names, resolved to absolute names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base_parts = module.split(".") if is_package else module.split(".")[:-1]
        base_parts = base_parts[: len(base_parts) - (node.level - 1)]
        base = ".".join(base_parts + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    # `from . import citations` names a submodule; `from .fields import period_in` a name in one
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]


def module_imports(package_dir: Path) -> Graph:
    """Each module below `package_dir` (itself included) → the modules of the same
    top-level package it imports."""
    root = _package_root(package_dir)
    files = sorted(Path(package_dir).resolve().rglob("*.py"))
    names = {_module_name(path, root): path for path in files}
    top = next(iter(names)).split(".")[0] if names else ""
    # modules outside package_dir are edges too (so a cycle through them can be found
    # when they are scanned); any module file of the top-level package is known
    known = {_module_name(path, root) for path in (root / top).rglob("*.py")} if top else set()
    graph: Graph = {}
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        graph[name] = {
            target
            for node in ast.walk(tree)
            for target in _imported(node, name, is_package, known)
            if (target == top or target.startswith(top + ".")) and target != name
        }
    return graph


def find_cycle(graph: Graph) -> Optional[list[str]]:
    """One import cycle as [a, b, ..., a], or None when the graph is a DAG."""
    state: dict[str, str] = {}  # "open" while on the path, "done" when fully explored
    path: list[str] = []

    def visit(module: str) -> Optional[list[str]]:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)) is not None:
            return cycle
    return None
