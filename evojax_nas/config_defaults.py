"""Config sections shared by every task's config file (`configs/*.py`)."""

from __future__ import annotations

import ml_collections


def sandbox_config(**overrides) -> ml_collections.ConfigDict:
    """Limits of the sandbox that builds untrusted programs; keyword arguments override the defaults."""
    sandbox = ml_collections.ConfigDict()
    sandbox.wall_seconds = 120.0  # per program build, enforced by the worker (kills the build)
    sandbox.cpu_seconds = 240
    sandbox.address_space_bytes = 16 * 1024**3
    sandbox.file_size_bytes = 64 * 1024**2
    sandbox.scratch_bytes = 64 * 1024**2  # private tmpfs on /tmp, /var/tmp, /dev/shm
    sandbox.max_result_bytes = 256 * 1024**2
    sandbox.max_source_chars = 20_000
    for name, value in overrides.items():
        if name not in sandbox:
            raise KeyError(f"unknown sandbox setting '{name}'")
        sandbox[name] = value
    return sandbox
