"""Names of the tasks and where their two halves live.

Each task has an evaluator-side class (data, training, scoring) and a builder module that runs inside the
sandbox worker (program contract, tracing and export). The worker imports only the builder, so it stays light.
"""

from __future__ import annotations

import importlib

_TASKS = {
    "mnist1d": ("evojax_nas.tasks.mnist1d", "MNIST1DTask", "evojax_nas.tasks.mnist1d_build"),
    "clrs": ("evojax_nas.tasks.clrs", "ClrsTask", "evojax_nas.tasks.clrs_build"),
}


def task_names() -> tuple[str, ...]:
    """The names accepted by `config.task.name`."""
    return tuple(_TASKS)


def _entry(name: str) -> tuple[str, str, str]:
    if name not in _TASKS:
        raise ValueError(f"unknown task '{name}'; known tasks: {', '.join(task_names())}")
    return _TASKS[name]


def builder_module_name(name: str) -> str:
    """The module the sandbox worker imports to build programs of task `name`."""
    return _entry(name)[2]


def get_task(name: str):
    """An instance of the evaluator-side task class for `name`."""
    module_name, class_name, _ = _entry(name)
    return getattr(importlib.import_module(module_name), class_name)()
