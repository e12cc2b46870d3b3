"""Layering: `evojax_nas.lm` imports nothing from the rest of the package (the tools that combine the LM with
corpora, tasks and the evaluator live in `evojax_nas.tools`), and its modules import each other without cycles."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

from tests.conftest import REPO_ROOT

LM_ROOT = REPO_ROOT / "evojax_nas" / "lm"


def _package_imports(path: pathlib.Path) -> set[str]:
    """Every `evojax_nas...` module a file imports, at module level or inside functions."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] == "evojax_nas"}


def test_lm_imports_only_lm():
    outside = {
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for path in LM_ROOT.rglob("*.py")
        for name in _package_imports(path)
        if not name.startswith("evojax_nas.lm.") and name != "evojax_nas.lm"
    }
    assert not outside, f"evojax_nas.lm imports from the rest of the package: {sorted(outside)}"


def test_lm_modules_form_no_cycle_and_load_alone():
    modules = {path.stem for path in LM_ROOT.glob("*.py") if path.stem != "__init__"}
    edges = {
        module: {
            name.split(".")[2]
            for name in _package_imports(LM_ROOT / f"{module}.py")
            if name.count(".") >= 2 and name.split(".")[2] in modules and name.split(".")[2] != module
        }
        for module in modules
    }
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import cycle in evojax_nas.lm: {' -> '.join(path + (module,))}"
        if module in done:
            return
        for other in edges[module]:
            visit(other, path + (module,))
        done.add(module)

    for module in sorted(modules):
        visit(module, ())
    # Importing every lm module loads no other module of the package.
    code = (
        "import importlib, sys\n"
        f"for name in {sorted(modules)!r}: importlib.import_module('evojax_nas.lm.' + name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('evojax_nas.') and not m.startswith('evojax_nas.lm')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
