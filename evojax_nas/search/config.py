"""The search's config: validated once, at the entry point, before anything is loaded or evaluated."""

from __future__ import annotations

from typing import Any

import ml_collections

from evojax_nas.search.methods import PARENT_CHOICES, PARENT_ORDERS, Method, get_method
from evojax_nas.tasks.base import ConfigError
from evojax_nas.tasks.common import is_non_negative_int, require_positive_ints

COUNT_FIELDS = ("num_parents", "num_in_context", "rounds", "prompts_per_round", "samples_per_prompt")


def validate_search_config(config: ml_collections.ConfigDict) -> Method:
    """Raises `ConfigError` naming the first invalid `search` / `lm` field and what is accepted; returns the
    method the config names."""
    if "search" not in config:
        raise ConfigError("the config has no 'search' section; use a config file with search presets")
    search = config.search
    method = get_method(search)
    require_positive_ints(search, "config.search", COUNT_FIELDS)
    if not 0.0 < float(search.alpha) <= 1.0:
        raise ConfigError(f"config.search.alpha must be in (0, 1], got {search.alpha!r}")
    temperatures = tuple(search.temperatures)
    if not temperatures or any(float(t) < 0 for t in temperatures):
        raise ConfigError(f"config.search.temperatures must be non-negative numbers, got {temperatures!r}")
    hotter = search.get("resample_temperatures", ())
    if not isinstance(hotter, (tuple, list)) or not all(
        isinstance(t, (int, float)) and not isinstance(t, bool) and t >= 0 for t in hotter
    ):
        raise ConfigError(
            "config.search.resample_temperatures must be a list of non-negative numbers (empty: the "
            f"`temperatures`), got {hotter!r}"
        )
    resamples = search.get("max_resamples")
    if not is_non_negative_int(resamples):
        raise ConfigError(
            "config.search.max_resamples must be a non-negative integer (0: every draw is a sample, as in the "
            f"paper), got {resamples!r}"
        )
    for field, allowed in (("parent_order", PARENT_ORDERS), ("parent_choice", PARENT_CHOICES)):
        value = search.get(field, allowed[0])
        if value not in allowed:
            raise ConfigError(f"config.search.{field} must be one of {', '.join(allowed)}, got {value!r}")
    if not isinstance(search.get("relative_target", False), bool):
        raise ConfigError(
            f"config.search.relative_target must be True or False, got {search.relative_target!r}"
        )
    method.validate(config)
    return method


def sample_budget(config: ml_collections.ConfigDict) -> int:
    """Samples a run draws: T*m*n for every method."""
    search = config.search
    return search.rounds * search.prompts_per_round * search.samples_per_prompt


def parse_variant(spec: str, config: ml_collections.ConfigDict) -> tuple[str, dict[str, Any]]:
    """'method' or 'method+field=value+...': the method's name and the fields it overrides, each value converted to
    the type of the field's default. A plain field is one of `config.search`; `section.field` names another
    section's (for example `lm.tune=lora`). Raises ValueError naming an unknown field or a bad value."""
    name, *settings = spec.split("+")
    overrides: dict[str, Any] = {}
    for setting in settings:
        field, equals, text = setting.partition("=")
        section, _, leaf = field.rpartition(".")
        parent = config.get(section or "search")
        if (
            not equals
            or not isinstance(parent, ml_collections.ConfigDict)
            or leaf not in parent
            or isinstance(parent[leaf], ml_collections.ConfigDict)
        ):
            raise ValueError(
                f"'{setting}' in '{spec}' is not field=value for a field of config.search (or section.field=value)"
            )
        default = parent[leaf]
        try:
            value = text.lower() in ("1", "true") if isinstance(default, bool) else type(default)(text)
        except (TypeError, ValueError):
            raise ValueError(f"'{setting}' in '{spec}': {text!r} is not a {type(default).__name__}") from None
        overrides[field] = value
    return name, overrides


def apply_variant(config: ml_collections.ConfigDict, overrides: dict[str, Any]) -> None:
    """Sets a variant's overrides (`parse_variant`) in `config`: plain fields in `config.search`."""
    for field, value in overrides.items():
        section, _, leaf = field.rpartition(".")
        config[section or "search"][leaf] = value
