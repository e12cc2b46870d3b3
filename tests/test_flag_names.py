"""absl flags are global: two modules that define one flag name at import time cannot live in one process."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]


def project_modules_the_tests_import() -> list[str]:
    """Every `evojax_nas` module any test file imports, at its top or inside a test."""
    names = set()
    for path in sorted((REPO_ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return sorted(name for name in names if name.split(".")[0] == "evojax_nas")


def test_the_modules_tests_import_define_no_flag_twice():
    """One pytest process imports all of them (the suite once failed on two tools' `--output`)."""
    modules = project_modules_the_tests_import()
    assert "evojax_nas.tools.mix_adapters" in modules and "evojax_nas.tasks.clrs.report" in modules
    code = (
        "import importlib\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ModuleNotFoundError as error:\n"
        "        if error.name != name:\n"  # `from module import function` names a function, not a module
        "            raise\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=180
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
