"""The program-mutation operator on MNIST-1D: rules do what they say, and every offspring is valid."""

from __future__ import annotations

import ast

import jax
import numpy as np
import pytest

from evojax_nas.program_mutation import MutationFailed, ProgramMutator
from evojax_nas.programs import program_key
from evojax_nas.sandbox.policy import check_program
from evojax_nas.tasks.classifier import mutations as rules
from evojax_nas.tasks.classifier.build import POLICY
from tests.conftest import REPO_ROOT

SEEDS = {path.stem: path.read_text() for path in sorted((REPO_ROOT / "seeds" / "mnist1d").glob("*.py"))}


def apply(rule, source: str, seed: int = 0) -> tuple[str, str | None]:
    tree = ast.parse(source)
    description = rule(tree, np.random.default_rng(seed))
    return ast.unparse(tree), description


def test_width_change_never_touches_the_output_layer():
    for seed in range(20):
        mutated, description = apply(rules.change_width, SEEDS["cnn"], seed)
        assert description.startswith("width")
        assert "nn.Dense(features=10)(x)" in mutated
        assert mutated != ast.unparse(ast.parse(SEEDS["cnn"]))


def test_head_toggle_round_trips():
    pooled, description = apply(rules.toggle_head, SEEDS["cnn"])
    assert description == "dense head -> global average pooling" and "jnp.mean(x, axis=1)" in pooled
    assert "import jax.numpy as jnp" in pooled
    flattened, description = apply(rules.toggle_head, pooled)
    assert description == "global average pooling -> dense head" and "reshape" in flattened


def test_rules_that_do_not_apply_say_so():
    assert (
        apply(rules.remove_layer, SEEDS["mlp"].replace("x = x + nn.relu(nn.Dense(features=100)(x))", ""))[1]
        is None
    )
    assert apply(rules.change_kernel_size, SEEDS["mlp"])[1] is None
    assert apply(rules.change_width, "x = 1\n")[1] is None


def test_crossover_joins_two_parents():
    rng = np.random.default_rng(1)
    child, description = rules.crossover(ast.parse(SEEDS["cnn"]), ast.parse(SEEDS["mlp"]), rng)
    assert description.startswith("crossover")
    assert rules.find_method(child, "Model", "__call__") is not None


@pytest.fixture(scope="module")
def dry_run(evaluator):
    def builds(source: str) -> bool:
        return evaluator.evaluate(source, jax.random.key(0), dry_run=True)["status"] == "ok"

    return builds


def test_every_offspring_passes_the_policy_and_builds(dry_run, smoke_config):
    """Property test: random mutations and crossovers of the seeds, each checked independently afterwards."""
    from evojax_nas.evaluator import Evaluator

    mutator = ProgramMutator(rules.MUTATION_RULES, rules.crossover, POLICY, validator=dry_run)
    rng = np.random.default_rng(2026)
    names = sorted(SEEDS)
    offspring = []
    for draw in range(16):
        first = SEEDS[names[draw % len(names)]]
        if draw % 4 == 3:
            second = SEEDS[names[(draw + 1) % len(names)]]
            offspring.append((mutator.crossover(first, second, rng), {first, second}))
        else:
            offspring.append((mutator.mutate(first, rng), {first}))
    with Evaluator(smoke_config) as independent:
        for child, parents in offspring:
            check_program(child.source, POLICY)
            result = independent.evaluate(child.source, jax.random.key(1), dry_run=True)
            assert result["status"] == "ok", (child.description, result["reason"])
            assert program_key(child.source) not in {program_key(parent) for parent in parents}
    assert len({program_key(child.source) for child, _ in offspring}) >= 12  # mostly distinct


def test_gives_up_with_a_clear_error_when_nothing_builds():
    mutator = ProgramMutator(
        rules.MUTATION_RULES, rules.crossover, POLICY, validator=lambda source: False, max_attempts=3
    )
    with pytest.raises(MutationFailed, match="3 attempts"):
        mutator.mutate(SEEDS["cnn"], np.random.default_rng(0))
