"""Population bookkeeping: fitness order, GET_TOP with parent retirement, random parents, Pareto front, dedup,
parent groups, and the JSON round trip."""

from __future__ import annotations

import dataclasses

import jax
import numpy as np

from evojax_nas.population import Individual, Population, distinct_first, get_top, pareto_first, pareto_front
from evojax_nas.search import draw_groups
from evojax_nas.search.methods import arrange_groups


def _scored(key, num_params, val_accuracy, round_index=0, status="ok"):
    return Individual(
        key,
        f"# {key}",
        status,
        round_index,
        0,
        "test",
        num_params=num_params,
        val_accuracy=val_accuracy,
        fitness=-num_params * (1.0 - val_accuracy),
    )


def _population():
    population = Population()
    for individual in (
        _scored("a", 8000, 0.9375),  # -500
        _scored("b", 1000, 0.6),  # -400
        _scored("c", 20000, 0.95),  # -1000
        _scored("d", 4000, 0.875),  # -500, fewer params than a
    ):
        population.add(individual)
        population.pool.append(individual.key)
    return population


def test_get_top_orders_by_fitness_then_size_and_retires_the_selected():
    population = _population()
    assert [i.key for i in get_top(population.archive, 4)] == ["b", "d", "a", "c"]
    assert population.select_top(2, retire=True) == ["b", "d"]
    assert population.pool == ["a", "c"]
    assert population.select_top(2, retire=False) == ["a", "c"] and population.pool == ["a", "c"]


def test_random_parents_are_drawn_from_g_without_replacement():
    population = _population()
    chosen = population.select_random(3, np.random.default_rng(0), retire=True)
    assert len(set(chosen)) == 3 and set(chosen) <= {"a", "b", "c", "d"}
    assert len(population.pool) == 1 and population.pool[0] not in chosen


def test_pareto_front_and_dedup():
    population = _population()
    assert [i.key for i in pareto_front(population.archive)] == ["b", "d", "a", "c"]
    population.add(_scored("e", 6000, 0.85))  # dominated by d
    assert "e" not in [i.key for i in pareto_front(population.archive)]
    assert population.seen("a") and not population.seen("z")
    population.add(Individual("a", "# a again", "duplicate", 1, 3, "lm"))
    assert population.get("a").round == 0 and population.counts()["duplicate"] == 1


def test_parent_groups_are_distinct_within_a_prompt_and_reproducible():
    parents = ["a", "b", "c", "d"]
    groups = draw_groups(parents, 20, 2, jax.random.key(3))
    assert all(len(g) == 2 and len(set(g)) == 2 for g in groups)
    assert groups == draw_groups(parents, 20, 2, jax.random.key(3))
    assert len({tuple(g) for g in groups}) > 3  # sampled order, several pairs
    assert all(sorted(g) == ["a"] for g in draw_groups(["a"], 3, 2, jax.random.key(0)))


def test_pareto_choice_puts_the_front_of_g_before_fitter_dominated_members():
    population = _population()
    population.add(_scored("e", 6000, 0.85))  # -900: dominated by d (smaller and more accurate)
    population.add(_scored("f", 30000, 0.99))  # -300: the fittest, and the most accurate (on the front)
    population.add(_scored("g", 3000, 0.8))  # -600: smaller than d but less accurate (on the front)
    population.pool += ["e", "f", "g"]
    assert [i.key for i in get_top(population.archive, 7)] == ["f", "b", "d", "a", "g", "e", "c"]
    # The front by size: b (0.6), g (0.8), d (0.875), a (0.9375), c (0.95), f (0.99); e is dominated.
    assert [i.key for i in pareto_first(population.archive)] == ["f", "b", "d", "a", "g", "c", "e"]
    assert population.select_top(6, retire=True, pareto=True) == ["f", "b", "d", "a", "g", "c"]
    assert population.pool == ["e"]


def test_distinct_choice_takes_the_fittest_of_each_structure_before_its_retuned_siblings():
    population = Population()
    dense = "import flax.linen as nn\nclass Model(nn.Module):\n    width: int = {}\n"
    conv = "import flax.linen as nn\nclass Model(nn.Module):\n    kernel: tuple = ({},)\n"
    for key, source, params in (
        ("a", dense.format(8), 500),
        ("b", dense.format(9), 520),
        ("c", dense.format(7), 540),
        ("d", conv.format(3), 900),
        ("e", conv.format(5), 950),
    ):
        individual = dataclasses.replace(_scored(key, params, 0.9), source=source)
        population.add(individual)
        population.pool.append(key)
    ranked = get_top(population.archive, 5)
    assert [i.key for i in ranked] == ["a", "b", "c", "d", "e"]
    assert [i.key for i in distinct_first(ranked)] == ["a", "d", "b", "c", "e"]
    assert population.select_top(3, retire=True, distinct=True) == ["a", "d", "b"]
    assert population.pool == ["c", "e"]
    assert population.select_top(2, retire=False) == ["c", "e"]  # GET_TOP unchanged without the option


def test_parents_ordered_worst_to_best_put_the_fittest_last():
    population = _population()
    groups = [["b", "c"], ["a", "d", "b"]]
    assert arrange_groups(population, groups, "sampled") == groups
    assert arrange_groups(population, groups, "worst_to_best") == [["c", "b"], ["a", "d", "b"]]


def test_population_json_round_trip():
    population = _population()
    population.parents = ["b"]
    population.prompts["r0p0"] = "prompt"
    restored = Population.from_json(population.to_json())
    assert restored.to_json() == population.to_json()
    assert restored.get("c").num_params == 20000
