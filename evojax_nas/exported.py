"""Loading `jax.export` artifacts that came back from the sandbox, with checks that they are only data.

An artifact is StableHLO produced in the sandbox. Before it is compiled here we refuse any custom call that is
not a known-safe XLA target (host callbacks would run Python in this process), and we derive every number the
framework reports (parameter counts, FLOPs, memory) from the artifacts' own shapes and XLA's analyses.
"""

from __future__ import annotations

import re

import numpy as np
from jax import export

from evojax_nas.cost_model import UnboundedCostError, analyze_exported

# Custom-call targets that are plain XLA/LAPACK kernels; everything else (notably Python callbacks) is refused.
_SAFE_CUSTOM_CALL_PREFIXES = (
    "lapack_",
    "Sharding",
    "SPMDFullToShardShape",
    "SPMDShardToFullShape",
    "cu_",
    "hip",
)
_CUSTOM_CALL = re.compile(r"stablehlo\.custom_call\s*@([\w.$-]+)|call_target_name\s*=\s*\"([^\"]+)\"")


class ArtifactError(ValueError):
    """An artifact from the sandbox is malformed, unsafe or inconsistent with its siblings."""


def load_exported(name: str, data: bytes) -> export.Exported:
    """Deserialises one artifact and refuses unsafe custom calls."""
    try:
        exported = export.deserialize(bytearray(data))
    except Exception as error:  # noqa: BLE001 - any decoding failure means a malformed artifact
        raise ArtifactError(f"artifact '{name}' cannot be deserialised: {type(error).__name__}") from None
    for match in _CUSTOM_CALL.finditer(exported.mlir_module()):
        target = match.group(1) or match.group(2)
        if not target.startswith(_SAFE_CUSTOM_CALL_PREFIXES):
            raise ArtifactError(f"artifact '{name}' contains a disallowed custom call '{target}'")
    return exported


DEFAULT_MAX_LOOP_ITERATIONS = 1_000_000


def load_artifacts(
    blobs: dict[str, bytes], required: tuple[str, ...], max_loop_iterations: int = DEFAULT_MAX_LOOP_ITERATIONS
) -> dict[str, export.Exported]:
    """Deserialises the named artifacts; every name in `required` must be present.

    Each artifact's HLO is also checked for bounded cost (`evojax_nas.cost_model`): a while loop whose trip
    count depends on data, or nested loops of more than `max_loop_iterations` iterations (0: no limit), is
    refused with an `ArtifactError` naming the loop, before anything is compiled or run.
    """
    missing = [name for name in required if name not in blobs]
    if missing:
        raise ArtifactError(f"sandbox result lacks artifacts {missing}")
    functions = {name: load_exported(name, blobs[name]) for name in required}
    for name, function in functions.items():
        try:
            analyze_exported(function, max_loop_iterations)
        except UnboundedCostError as error:
            raise ArtifactError(f"unbounded cost in '{name}': {error}") from None
    return functions


def count_elements(avals) -> int:
    """Total number of elements of a sequence of abstract arrays."""
    return int(sum(int(np.prod(aval.shape, dtype=np.int64)) for aval in avals))


def same_shapes(first, second) -> bool:
    """True when two sequences of abstract arrays agree in shape and dtype."""
    return len(first) == len(second) and all(
        a.shape == b.shape and a.dtype == b.dtype for a, b in zip(first, second, strict=True)
    )
