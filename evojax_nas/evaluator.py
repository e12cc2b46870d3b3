"""Evaluates candidate programs from their source text: policy, sandboxed build, budget checks, training.

    evaluator = Evaluator(config)
    result = evaluator.evaluate(source, key)   # dict with status, reason, num_params, val_accuracy, ...
    evaluator.close()

A bad program never raises: it comes back with status "rejected" (breaks the contract, the policy or the
budget) or "failed" (crashed, timed out, diverged), and a one-line reason.
"""

from __future__ import annotations

import dataclasses
import time

import jax
import ml_collections

from evojax_nas.evaluation_result import make_result
from evojax_nas.exported import ArtifactError
from evojax_nas.programs import program_key
from evojax_nas.sandbox.client import SandboxClient
from evojax_nas.sandbox.isolation import SandboxLimits
from evojax_nas.sandbox.policy import PolicyViolation, check_program
from evojax_nas.tasks.registry import get_task
from evojax_nas.training import CandidateFailed


def sandbox_limits(config: ml_collections.ConfigDict) -> SandboxLimits:
    """The sandbox limits from `config.sandbox`."""
    sandbox = config.sandbox
    return SandboxLimits(
        wall_seconds=float(sandbox.wall_seconds),
        cpu_seconds=int(sandbox.cpu_seconds),
        address_space_bytes=int(sandbox.address_space_bytes),
        file_size_bytes=int(sandbox.file_size_bytes),
        scratch_bytes=int(sandbox.scratch_bytes),
        max_result_bytes=int(sandbox.max_result_bytes),
    )


class Evaluator:
    """Turns program source texts into measured metrics, safely. Not thread-safe; one build at a time."""

    def __init__(self, config: ml_collections.ConfigDict):
        self.config = config
        self.task = get_task(config.task.name)
        self.task.validate_config(config)
        self.policy = dataclasses.replace(self.task.policy, max_source_chars=config.sandbox.max_source_chars)
        self.sandbox = SandboxClient(self.task.name, sandbox_limits(config))

    def evaluate(self, source: str, key: jax.Array, *, dry_run: bool = False, progress: bool = False) -> dict:
        """Evaluates one program; see the module docstring."""
        common = {"program_key": program_key(source), "num_seeds": self.config.train.num_seeds}
        try:
            check_program(source, self.policy)
        except PolicyViolation as error:
            return make_result(status="rejected", reason=f"policy: {error}", **common)
        build = self.sandbox.build(source, self.task.build_config(self.config))
        common["sandbox_seconds"] = build.seconds
        if build.status != "ok":
            return make_result(status=build.status, reason=build.reason, **common)
        started = time.perf_counter()
        try:
            metrics = self.task.score(
                build.metadata, build.artifacts, self.config, key, dry_run=dry_run, progress=progress
            )
        except ArtifactError as error:
            return make_result(status="rejected", reason=f"unsafe or malformed artifact: {error}", **common)
        except CandidateFailed as error:
            return make_result(status="failed", reason=str(error), **common)
        except Exception as error:  # noqa: BLE001 - XLA errors on a candidate's program are its failure
            message = " ".join(f"{type(error).__name__}: {error}".split())[:500]
            return make_result(status="failed", reason=f"training failed: {message}", **common)
        metrics.setdefault("score_seconds", time.perf_counter() - started)
        return make_result(**common, **metrics)

    def close(self) -> None:
        """Stops the sandbox worker."""
        self.sandbox.close()

    def __enter__(self) -> Evaluator:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
