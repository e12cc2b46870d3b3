"""The program-mutation operator on CLRS triplet functions: rules do what they say; offspring always build."""

from __future__ import annotations

import ast

import jax
import numpy as np
import pytest

from evojax_nas.program_mutation import ProgramMutator
from evojax_nas.programs import program_key
from evojax_nas.sandbox.policy import check_program
from evojax_nas.tasks.clrs import mutations as rules
from evojax_nas.tasks.clrs.build import POLICY
from tests.conftest import REPO_ROOT, load_config

SEEDS = {path.stem: path.read_text() for path in sorted((REPO_ROOT / "seeds" / "clrs").glob("*.py"))}


def test_aggregation_and_gate_rules():
    tree = ast.parse(SEEDS["standard"])
    description = rules.change_aggregation(tree, np.random.default_rng(0))
    assert description.startswith("aggregation max->") and "jnp.max(triplets" not in ast.unparse(tree)
    tree = ast.parse(SEEDS["standard"])
    assert rules.toggle_gate(tree, np.random.default_rng(0)) == "add output gate"
    gated = ast.unparse(tree)
    assert "jax.nn.sigmoid(hk.Linear(out_size)(edge_fts))" in gated and "import jax\n" in gated
    assert rules.toggle_gate(tree, np.random.default_rng(0)) == "remove output gate"


def test_drop_term_removes_one_summand():
    tree = ast.parse(SEEDS["standard"])
    before = ast.unparse(tree).count("jnp.expand_dims")
    assert rules.drop_term(tree, np.random.default_rng(3)).startswith("drop term")
    assert ast.unparse(tree).count("jnp.expand_dims") == before - 1


def test_crossover_swaps_named_projections():
    child, description = rules.crossover(
        ast.parse(SEEDS["standard"]), ast.parse(SEEDS["mlp_node"]), np.random.default_rng(1)
    )
    assert description.startswith("crossover:") and "hk.nets.MLP" in ast.unparse(child)


@pytest.fixture(scope="module")
def clrs_evaluator():
    from evojax_nas.evaluator import Evaluator

    with Evaluator(load_config("clrs", "smoke")) as evaluator:
        yield evaluator


def test_every_clrs_offspring_passes_the_policy_and_builds(clrs_evaluator):
    """Property test: random mutations and crossovers of the CLRS seeds, each checked independently."""
    from evojax_nas.evaluator import Evaluator

    def builds(source: str) -> bool:
        return clrs_evaluator.evaluate(source, jax.random.key(0), dry_run=True)["status"] == "ok"

    mutator = ProgramMutator(rules.MUTATION_RULES, rules.crossover, POLICY, validator=builds)
    rng = np.random.default_rng(7)
    names = sorted(SEEDS)
    offspring = []
    for draw in range(4):  # three mutations and a crossover: each CLRS build takes 5-15 s
        first = SEEDS[names[draw % len(names)]]
        if draw % 4 == 3:
            second = SEEDS[names[(draw + 4) % len(names)]]
            offspring.append((mutator.crossover(first, second, rng), {first, second}))
        else:
            offspring.append((mutator.mutate(first, rng), {first}))
    with Evaluator(load_config("clrs", "smoke")) as independent:
        for child, parents in offspring:
            check_program(child.source, POLICY)
            result = independent.evaluate(child.source, jax.random.key(1), dry_run=True)
            assert result["status"] == "ok", (child.description, result["reason"])
            assert program_key(child.source) not in {program_key(parent) for parent in parents}
