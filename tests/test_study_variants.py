"""The study's method variants: `method+field=value` runs a method with `search` (or `section.field`) settings of
its own."""

from __future__ import annotations

import pytest

from evojax_nas.search.config import apply_variant, parse_variant
from tests.conftest import load_config


def test_a_variant_names_its_method_and_typed_search_overrides():
    config = load_config("mnist1d", "cpu")
    assert parse_variant("mutation", config) == ("mutation", {})
    assert parse_variant(
        "evoprompting+parent_choice=pareto+max_resamples=0+retire_parents=false", config
    ) == (
        "evoprompting",
        {"parent_choice": "pareto", "max_resamples": 0, "retire_parents": False},
    )
    name, overrides = parse_variant("evoprompting+lm.tune=lora+lm.tune_replay=2+search.rounds=3", config)
    assert overrides == {"lm.tune": "lora", "lm.tune_replay": 2, "search.rounds": 3}
    apply_variant(config, overrides)
    assert (config.lm.tune, config.lm.tune_replay, config.search.rounds) == ("lora", 2, 3)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("evoprompting+colour=red", "'colour=red' in 'evoprompting\\+colour=red' is not field=value"),
        ("evoprompting+parent_choice", "is not field=value"),
        ("evoprompting+hybrid=1", "is not field=value"),  # a section, not a field
        ("evoprompting+max_resamples=many", "'many' is not a int"),
        ("evoprompting+lm.colour=red", "is not field=value"),
        ("evoprompting+seed.x=1", "is not field=value"),  # not a section
    ],
)
def test_a_bad_variant_is_named(spec, message):
    with pytest.raises(ValueError, match=message):
        parse_variant(spec, load_config("mnist1d", "cpu"))
