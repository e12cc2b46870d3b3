"""Shared fixtures: configs loaded from the real config files, and one sandboxed evaluator per test module."""

from __future__ import annotations

import importlib.util
import os
import pathlib
import shutil
import tempfile

import pytest

from evojax_nas.cli import XLA_CACHE_ENV_VAR

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]


def pytest_configure(config):
    """Every test run compiles from scratch (a cache left by an earlier run would hide compile time); the
    commands it starts, and its xdist workers, share one fresh compilation cache."""
    if XLA_CACHE_ENV_VAR not in os.environ:
        os.environ[XLA_CACHE_ENV_VAR] = tempfile.mkdtemp(prefix="evojax_nas_xla_")
        config._fresh_xla_cache = os.environ[XLA_CACHE_ENV_VAR]


def pytest_unconfigure(config):
    if getattr(config, "_fresh_xla_cache", None):
        shutil.rmtree(config._fresh_xla_cache, ignore_errors=True)


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
