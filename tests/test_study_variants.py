"""The study's method variants: `method+field=value` runs a method with `search` settings of its own."""

from __future__ import annotations

import pytest

from evojax_nas.search.config import parse_variant
from tests.conftest import load_config


def test_a_variant_names_its_method_and_typed_search_overrides():
    search = load_config("mnist1d", "cpu").search
    assert parse_variant("mutation", search) == ("mutation", {})
    assert parse_variant(
        "evoprompting+parent_choice=pareto+max_resamples=0+retire_parents=false", search
    ) == (
        "evoprompting",
        {"parent_choice": "pareto", "max_resamples": 0, "retire_parents": False},
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("evoprompting+colour=red", "'colour=red' in 'evoprompting\\+colour=red' is not field=value"),
        ("evoprompting+parent_choice", "is not field=value"),
        ("evoprompting+hybrid=1", "is not field=value"),  # a section, not a field
        ("evoprompting+max_resamples=many", "'many' is not a int"),
    ],
)
def test_a_bad_variant_is_named(spec, message):
    with pytest.raises(ValueError, match=message):
        parse_variant(spec, load_config("mnist1d", "cpu").search)
