"""Shared fixtures: configs loaded from the real config files, and one sandboxed evaluator per test module."""

from __future__ import annotations

import importlib.util
import pathlib

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_config(name: str, preset: str | None = None):
    """Loads `configs/<name>.py` and returns `get_config(preset)`."""
    spec = importlib.util.spec_from_file_location(f"config_{name}", REPO_ROOT / "configs" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.get_config(preset)


@pytest.fixture(scope="module")
def smoke_config():
    config = load_config("mnist1d", "smoke")
    config.sandbox.wall_seconds = 15.0
    config.sandbox.cpu_seconds = 30
    return config


@pytest.fixture(scope="module")
def evaluator(smoke_config):
    from evojax_nas.evaluator import Evaluator

    with Evaluator(smoke_config) as instance:
        yield instance
