"""The `config.lm` fields an LM method uses (sampling, copy avoidance, per-round tuning), checked once."""

from __future__ import annotations

import ml_collections

from evojax_nas.search.tuning import TUNE_MODES, TUNING_CHILDREN
from evojax_nas.tasks.base import ConfigError
from evojax_nas.tasks.common import is_non_negative_int, is_real_number, require, require_positive_ints

TUNING_OPTIMIZERS = ("adam", "adafactor")
COPY_PENALTY_SCOPES = ("all", "redraws")  # which draws copy avoidance steers (`lm.copy_penalty_scope`)


def validate_lm_config(lm: ml_collections.ConfigDict) -> None:
    """Raises `ConfigError` naming the first invalid `config.lm` field of the LM operator or the tuning."""
    require_positive_ints(
        lm,
        "config.lm",
        (
            "soft_prompt_length",
            "max_new_tokens",
            "prompts_per_call",
            "tuning_epochs",
            "tuning_batch_size",
        ),
    )
    if not isinstance(lm.max_tuning_examples, int) or lm.max_tuning_examples < 0:
        raise ConfigError(
            f"config.lm.max_tuning_examples must be 0 (all) or a positive integer, got {lm.max_tuning_examples!r}"
        )
    for field, zero_means in (("draft_tokens", "plain decoding"), ("draft_max_rows", "no limit")):
        value = lm.get(field, 0)
        if not is_non_negative_int(value):
            raise ConfigError(
                f"config.lm.{field} must be 0 ({zero_means}) or a positive integer, got {value!r}"
            )
    copy_penalty, below = lm.get("copy_penalty", 0.0), lm.get("copy_penalty_below", 0.9)
    require(
        is_real_number(copy_penalty) and copy_penalty >= 0,
        f"config.lm.copy_penalty must be a number >= 0 (0: off), got {copy_penalty!r}",
    )
    require(
        is_real_number(below) and 0 < below <= 1,
        f"config.lm.copy_penalty_below must be a probability in (0, 1], got {below!r}",
    )
    avoid_archive = lm.get("avoid_archive", False)
    require(
        isinstance(avoid_archive, bool),
        f"config.lm.avoid_archive must be True or False, got {avoid_archive!r}",
    )
    require(
        not avoid_archive or copy_penalty > 0,
        "config.lm.avoid_archive needs config.lm.copy_penalty > 0 (the archive is avoided with that penalty)",
    )
    scope = lm.get("copy_penalty_scope", COPY_PENALTY_SCOPES[0])
    require(
        scope in COPY_PENALTY_SCOPES,
        f"config.lm.copy_penalty_scope must be one of {', '.join(COPY_PENALTY_SCOPES)}, got {scope!r}",
    )
    if lm.tuning_optimizer not in TUNING_OPTIMIZERS:
        raise ConfigError(
            f"config.lm.tuning_optimizer must be 'adam' or 'adafactor', got {lm.tuning_optimizer!r}"
        )
    children = lm.get("tuning_children", TUNING_CHILDREN[0])
    require(
        children in TUNING_CHILDREN,
        f"config.lm.tuning_children must be one of {', '.join(TUNING_CHILDREN)}, got {children!r}",
    )
    max_drift = lm.get("tuning_max_drift", 0.0)
    require(
        is_real_number(max_drift) and max_drift >= 0,
        f"config.lm.tuning_max_drift must be a number >= 0 (0: unbounded), got {max_drift!r}",
    )
    if lm.get("tune", TUNE_MODES[0]) not in TUNE_MODES:
        raise ConfigError(f"config.lm.tune must be one of {', '.join(TUNE_MODES)}, got {lm.tune!r}")
    if lm.get("tune") == "lora":
        require_positive_ints(lm, "config.lm", ("tune_lora_rank", "tune_lora_layers"))
        replay, rate = lm.tune_replay, lm.tune_lora_learning_rate
        if not is_non_negative_int(replay):
            raise ConfigError(f"config.lm.tune_replay must be a non-negative integer, got {replay!r}")
        require(
            is_real_number(rate) and rate > 0,
            f"config.lm.tune_lora_learning_rate must be positive, got {rate!r}",
        )
