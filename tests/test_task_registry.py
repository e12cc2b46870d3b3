"""The task plug-ins: the registry finds every package that names TASK and BUILDER, each builder meets the
contract of `evojax_nas.tasks.base`, and the builders stay light enough for the sandbox worker."""

from __future__ import annotations

import subprocess
import sys

import pytest

from evojax_nas.tasks.base import BUILDER_NAMES, Task
from evojax_nas.tasks.registry import builder_module_name, get_task, load_builder, task_names
from tests.conftest import REPO_ROOT


def test_the_task_packages_are_found_and_shared_code_is_not_a_task():
    names = task_names()
    assert {"mnist1d", "clrs"} <= set(names)
    assert "classifier" not in names
    assert list(names) == sorted(names)


@pytest.mark.parametrize("name", task_names())
def test_every_task_meets_the_contract(name):
    task = get_task(name)
    builder = load_builder(name)
    assert isinstance(task, Task) and task.name == name
    assert all(hasattr(builder, attribute) for attribute in BUILDER_NAMES)
    assert task.program_header == builder.PROGRAM_HEADER
    assert task.policy is builder.POLICY
    rules, crossover = task.mutation_rules()
    assert rules and callable(crossover)
    assert (REPO_ROOT / "seeds" / name).is_dir()


def test_an_unknown_task_is_named_with_the_known_ones():
    with pytest.raises(ValueError, match="unknown task 'mnist2d'; known tasks: .*mnist1d"):
        get_task("mnist2d")


def test_builders_import_no_evaluator_side_module():
    """The sandbox worker imports only the builder: no trainer, evaluator, search or LM comes with it."""
    builders = sorted({builder_module_name(name) for name in task_names()})
    code = (
        "import importlib, sys\n"
        f"for name in {builders!r}:\n"
        "    importlib.import_module(name)\n"
        "heavy = ('evojax_nas.training', 'evojax_nas.evaluator', 'evojax_nas.search', 'evojax_nas.lm', "
        "'evojax_nas.tasks.classifier.training', 'evojax_nas.tasks.clrs.training', 'mnist1d', 'tensorflow')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "assert not loaded, loaded\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
