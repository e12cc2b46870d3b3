"""Config validation and settings shared by the tasks' evaluator-side classes."""

from __future__ import annotations

import ml_collections

from evojax_nas.optimizers import OPTIMIZERS
from evojax_nas.tasks.base import ConfigError
from evojax_nas.training import XLA_DEFAULT_OPTIMIZATION_LEVEL

SEED_BATCHING_SETTINGS = ("auto", "vmap", "unroll", "loop")


def require(condition: bool, message: str) -> None:
    """Raises `ConfigError(message)` unless `condition` holds."""
    if not condition:
        raise ConfigError(message)


def is_real_number(value) -> bool:
    """Whether a config value is an int or a float (a bool, which Python counts as an int, is not)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_non_negative_int(value) -> bool:
    """Whether a config value is an int >= 0 (a bool is not)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def require_positive_ints(section: ml_collections.ConfigDict, path: str, fields: tuple[str, ...]) -> None:
    """Checks that every one of `fields` of `section` (called `path` in messages) is a positive integer."""
    for field in fields:
        value = section[field]
        require(
            isinstance(value, int) and value > 0, f"{path}.{field} must be a positive integer, got {value!r}"
        )


def validate_train(train: ml_collections.ConfigDict, positive_int_fields: tuple[str, ...]) -> None:
    """Checks the `config.train` fields every task has: positive counts, optimiser, learning rate, batching."""
    require_positive_ints(train, "config.train", positive_int_fields)
    require(
        train.optimizer in OPTIMIZERS,
        f"config.train.optimizer must be one of {OPTIMIZERS}, got {train.optimizer!r}",
    )
    require(
        train.learning_rate > 0, f"config.train.learning_rate must be positive, got {train.learning_rate}"
    )
    max_seconds = train.get("max_seconds", 0.0)
    require(
        is_real_number(max_seconds) and max_seconds >= 0,
        f"config.train.max_seconds must be a number of seconds >= 0 (0: no limit), got {max_seconds!r}",
    )
    margin = train.get("time_projection_margin", 0.0)
    require(
        is_real_number(margin) and (margin == 0 or margin >= 1),
        "config.train.time_projection_margin must be 0 (off) or a factor >= 1 of config.train.max_seconds, "
        f"got {margin!r}",
    )
    level = train.get("cpu_optimization_level", XLA_DEFAULT_OPTIMIZATION_LEVEL)
    require(
        isinstance(level, int)
        and not isinstance(level, bool)
        and 0 <= level <= XLA_DEFAULT_OPTIMIZATION_LEVEL,
        f"config.train.cpu_optimization_level must be an XLA:CPU backend optimisation level 0-3, got {level!r}",
    )
    require(
        train.seed_batching in SEED_BATCHING_SETTINGS,
        f"config.train.seed_batching must be one of {SEED_BATCHING_SETTINGS}, got {train.seed_batching!r}",
    )


def optimizer_settings(train: ml_collections.ConfigDict) -> dict:
    """The optimiser part of a task's sandbox build config (see `evojax_nas.optimizers.make_optimizer`)."""
    return {
        "name": train.optimizer,
        "learning_rate": train.learning_rate,
        "weight_decay": train.weight_decay,
        "b1": train.b1,
        "b2": train.b2,
        "grad_clip_norm": train.grad_clip_norm,
    }


def export_platform(backend: str) -> str:
    """The `jax.export` platform name for a JAX backend name."""
    return "cuda" if backend == "gpu" else backend
