"""The static program policy: what it accepts, what it refuses, and that its reasons name the offence."""

from __future__ import annotations

import pathlib

import pytest

from evojax_nas.sandbox.policy import PolicyViolation, ProgramPolicy, check_program, module_attribute_denylist
from evojax_nas.tasks.classifier.build import POLICY

SEEDS = sorted((pathlib.Path(__file__).resolve().parents[1] / "seeds" / "mnist1d").glob("*.py"))


@pytest.mark.parametrize("path", SEEDS, ids=[path.stem for path in SEEDS])
def test_every_seed_passes(path):
    check_program(path.read_text(), POLICY)


def test_seeds_exist():
    assert {path.stem for path in SEEDS} == {"cnn", "residual_cnn", "gru", "mlp"}


@pytest.mark.parametrize(
    "source",
    [
        "from jax import numpy as jnp\nfrom flax import linen as nn\nfrom typing import Sequence\nclass Model(nn.Module):\n    pass\n",
        "import jax\nclass Model:\n    def __call__(self, x):\n        return jax.nn.relu(jax.numpy.linalg.norm(x)) + jax.random.normal(jax.random.key(0))\n",
        "from functools import partial\nimport math\nModel = partial(math.sqrt)\n",
    ],
)
def test_ordinary_model_code_is_accepted(source):
    check_program(source, POLICY)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("import os\nModel = 1", "'os'"),
        ("import jax.experimental\nModel = 1", "jax.experimental"),
        ("from flax import training\nModel = 1", "flax.training"),
        ("from flax.linen import module\nModel = 1", "module"),
        ("from jax import config\nModel = 1", "config"),
        ("Model = type.mro(int)", ".mro"),
        ("def f():\n    global Model\nModel = 1", "global"),
        ("async def Model():\n    pass", "async"),
        ("Model = lambda __builtins__: 1", "__builtins__"),
        ("Model = 1\nclass X:\n    def __init__(self):\n        pass", "__init__"),
        ("Model = 1\nx = breakpoint", "breakpoint"),
        ("Model = 1\nimport flax.linen as nn\nm = nn.module", ".module"),
        ("Model = 1\nx = '\x00'", "NUL"),
    ],
)
def test_policy_refusals_name_the_offence(source, fragment):
    with pytest.raises(PolicyViolation, match=None) as info:
        check_program(source, POLICY)
    assert fragment in str(info.value)


def test_required_name_and_size_limit():
    with pytest.raises(PolicyViolation, match="does not define 'Model'"):
        check_program("x = 1\n", POLICY)
    small = ProgramPolicy(max_source_chars=10)
    with pytest.raises(PolicyViolation, match="over the limit of 10"):
        check_program("x = 1234567890\n", small)


def test_module_denylist_blocks_paths_to_the_system_but_not_allowed_submodules():
    denied = module_attribute_denylist(POLICY.allowed_modules)
    assert {"sys", "operator"} & denied  # typing.sys / typing.operator lead outside the allow-list
    assert "random" not in denied and "linalg" not in denied and "numpy" not in denied


def test_policy_with_extra_modules():
    policy = POLICY.with_modules(["haiku"])
    assert "haiku" in policy.allowed_modules and "jax" in policy.allowed_modules
