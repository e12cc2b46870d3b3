"""Finds the tasks: every package `evojax_nas/tasks/<name>/` whose `__init__` names `TASK` and `BUILDER`.

Each task has an evaluator-side class (data, training, scoring), named by `TASK` as `"module:Class"`, and a
builder module that runs inside the sandbox worker (program contract, tracing and export), named by `BUILDER`
(the contract is in `evojax_nas.tasks.base`). Reading the names imports only the package's `__init__`, so the
worker, which imports only the builder, stays light. Packages without `TASK` (shared code such as
`evojax_nas.tasks.classifier`) are not tasks.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import types

from evojax_nas import tasks
from evojax_nas.tasks.base import BUILDER_NAMES, Task


@functools.cache
def _entries() -> dict[str, tuple[str, str]]:
    entries = {}
    for info in pkgutil.iter_modules(tasks.__path__):
        if not info.ispkg:
            continue
        package = importlib.import_module(f"{tasks.__name__}.{info.name}")
        task, builder = getattr(package, "TASK", None), getattr(package, "BUILDER", None)
        if task is None:
            continue
        if not (isinstance(task, str) and task.count(":") == 1 and isinstance(builder, str)):
            raise TypeError(
                f"task package {package.__name__} must name TASK = 'module:Class' and BUILDER = 'module'"
            )
        entries[info.name] = (task, builder)
    return dict(sorted(entries.items()))


def task_names() -> tuple[str, ...]:
    """The names accepted by `config.task.name`, in name order."""
    return tuple(_entries())


def _entry(name: str) -> tuple[str, str]:
    entries = _entries()
    if name not in entries:
        raise ValueError(f"unknown task '{name}'; known tasks: {', '.join(task_names())}")
    return entries[name]


def builder_module_name(name: str) -> str:
    """The module the sandbox worker imports to build programs of task `name`."""
    return _entry(name)[1]


def load_builder(name: str) -> types.ModuleType:
    """The builder module of task `name`, checked to define what the builder contract requires."""
    module = importlib.import_module(builder_module_name(name))
    missing = [attribute for attribute in BUILDER_NAMES if not hasattr(module, attribute)]
    if missing:
        raise TypeError(f"builder {module.__name__} of task '{name}' lacks {', '.join(missing)}")
    return module


def get_task(name: str) -> Task:
    """An instance of the evaluator-side task class for `name`."""
    module_name, class_name = _entry(name)[0].split(":")
    task = getattr(importlib.import_module(module_name), class_name)()
    if task.name != name:
        raise TypeError(f"{module_name}.{class_name}.name is '{task.name}', but its package is '{name}'")
    return task
