"""The search methods: one class each, declaring what the loop asks of a method.

A method says whether it needs the LM, whether it tunes the soft prompt, how many rounds and prompts per round it
runs, how it draws a round's parent groups (its `RoundPlan`: a group per prompt slot, the operator that generates
each slot, and each operator's randomness for its first draws), and how it selects the next parents.

| method | operator | parent groups | selection | tunes |
|---|---|---|---|---|
| `evoprompting` | LM | k parents drawn from P per prompt | GET_TOP(G, p), retired from G | yes |
| `no_prompt_tuning` | LM | as evoprompting | as evoprompting | no |
| `random_parents` | LM | as evoprompting | p drawn uniformly from G | yes |
| `naive_prompting` | LM | one round of T*m prompts of seed pairs | none (one round) | no |
| `mutation` | program mutation | tournaments over the aging population | aging population | no |
| `hybrid` | per slot, the arm a bandit draws: LM, program mutation or crossover | as evoprompting | as evoprompting | yes |

A method that mixes operators (for example a bandit over LM and mutation per prompt slot) names each slot's
operator in its plan; the loop draws each operator's slots with that operator.
"""

from __future__ import annotations

import abc
import dataclasses
import math
from collections.abc import Sequence
from typing import Any, ClassVar

import jax
import ml_collections
import numpy as np

from evojax_nas import bandit
from evojax_nas.checkpointing import warn
from evojax_nas.population import Individual, Population, get_top
from evojax_nas.search.arms import arm_of, arm_stats
from evojax_nas.search.lm_config import validate_lm_config
from evojax_nas.search.state import SearchState
from evojax_nas.tasks.base import ConfigError

LM = "lm"  # the code LM operator (EvoPrompting's crossmut)
MUTATION = "mutation"  # the program-mutation operator
PROGRAM_MUTATION = "program_mutation"  # the hybrid's arm: one parent mutated (no crossover)
PROGRAM_CROSSOVER = "program_crossover"  # the hybrid's arm: a crossover of two parents


@dataclasses.dataclass(frozen=True)
class RoundPlan:
    """A round's prompt slots: the parent keys of each slot, the operator that generates each slot, and each
    operator's randomness for its first draws (a JAX key for the LM, a numpy generator for mutation)."""

    groups: list[list[str]]
    operators: list[str]
    randomness: dict[str, Any]


def rng_from_key(key: jax.Array) -> np.random.Generator:
    """A numpy generator seeded from a JAX key (for the host-side mutation operator and random parents)."""
    return np.random.default_rng(np.asarray(jax.random.key_data(key)).astype(np.uint64).tolist())


def draw_groups(parents: Sequence[str], num_groups: int, group_size: int, key: jax.Array) -> list[list[str]]:
    """`num_groups` groups of `group_size` parents drawn without replacement within a group, in sampled order;
    when fewer parents exist, each group holds all of them in a random order."""
    groups = []
    for index in range(num_groups):
        draw_key = jax.random.fold_in(key, index)
        size = min(group_size, len(parents))
        chosen = np.asarray(jax.random.choice(draw_key, len(parents), (size,), replace=False))
        groups.append([parents[int(i)] for i in chosen])
    return groups


def tournament_groups(
    population: Population,
    members: Sequence[str],
    num_groups: int,
    search: ml_collections.ConfigDict,
    rng: np.random.Generator,
) -> list[list[str]]:
    """Regularised evolution's selection: each group is the k fittest of a random tournament of the members."""
    groups = []
    for _ in range(num_groups):
        size = min(search.tournament_size, len(members))
        contestants = [members[int(i)] for i in rng.choice(len(members), size=size, replace=False)]
        ranked = get_top((population.get(key) for key in contestants), search.num_in_context)
        groups.append([individual.key for individual in ranked] or contestants[: search.num_in_context])
    return groups


PARENT_ORDERS = ("sampled", "worst_to_best")  # order of a prompt's parents (the paper: sampled)
# Next parents: GET_TOP (the paper), the Pareto front of G first, or the fittest of each program structure first.
PARENT_CHOICES = ("top", "pareto", "distinct")


def arrange_groups(population: Population, groups: list[list[str]], order: str) -> list[list[str]]:
    """Each group's parents in `order`: as drawn ("sampled"), or "worst_to_best" by fitness (the fittest parent
    last, next to where the LM writes; unscored parents first)."""
    if order == "sampled":
        return groups

    def fitness(key: str) -> float:
        value = population.get(key).fitness
        return -math.inf if value is None else value

    return [sorted(group, key=fitness) for group in groups]


class Method(abc.ABC):
    """A search method over `config.search` (the loop's view of it)."""

    name: ClassVar[str]
    needs_lm: ClassVar[bool] = False  # loads the code LM (and keeps a soft prompt)
    tunes: ClassVar[bool] = False  # tunes the soft prompt after selection
    operators: ClassVar[tuple[str, ...]] = ()  # the operators its plans name

    def __init__(self, search: ml_collections.ConfigDict):
        self.search = search

    def num_rounds(self) -> int:
        """Rounds the method runs (T)."""
        return self.search.rounds

    def prompts_per_round(self) -> int:
        """Prompt slots (or tournaments) per round (m)."""
        return self.search.prompts_per_round

    def samples_per_slot(self) -> int:
        """Samples drawn for each prompt slot (n)."""
        return self.search.samples_per_prompt

    def samples_per_round(self) -> int:
        """Samples a round sends to the evaluator: slots times samples per slot."""
        return self.prompts_per_round() * self.samples_per_slot()

    def validate(self, config: ml_collections.ConfigDict) -> None:  # noqa: B027 - most methods check no more
        """Raises `ConfigError` for an invalid field the method uses (beyond the common `search` fields)."""

    @abc.abstractmethod
    def plan(self, state: SearchState, key: jax.Array) -> RoundPlan:
        """The round's parent groups, one per prompt slot, and which operator generates each."""

    @abc.abstractmethod
    def select(self, state: SearchState, accepted: list[str], key: jax.Array) -> None:
        """Sets the next parents `state.population.parents` after a round whose scored children are `accepted`."""

    def observe(self, state: SearchState, round_index: int, children: Sequence[Individual]) -> dict:
        """Learns from a round's evaluated children (every round, before selection); returns what goes into the
        round's summary (nothing for most methods)."""
        return {}


class EvoPrompting(Method):
    """EvoPrompting: LM prompts of k parents drawn from P; GET_TOP(G, p) with retirement; soft prompt-tuning."""

    name = "evoprompting"
    needs_lm = True
    tunes = True
    operators = (LM,)

    def validate(self, config: ml_collections.ConfigDict) -> None:
        """The `lm` fields the LM operator and the tuning use (`lm_config.validate_lm_config`)."""
        validate_lm_config(config.lm)

    def members(self, state: SearchState) -> list[str]:
        """The keys parent groups are drawn from: the current parents P."""
        return state.population.parents

    def plan(self, state: SearchState, key: jax.Array) -> RoundPlan:
        """m groups of k parents drawn from `members`; every slot is an LM prompt."""
        group_key, sample_key = jax.random.split(key)
        count = self.prompts_per_round()
        groups = self.draw(state, count, group_key)
        return RoundPlan(groups, [LM] * count, {LM: sample_key})

    def draw(self, state: SearchState, count: int, key: jax.Array) -> list[list[str]]:
        """`count` groups of k parents drawn from `members`, each in `search.parent_order`."""
        groups = draw_groups(self.members(state), count, self.search.num_in_context, key)
        return arrange_groups(state.population, groups, self.search.get("parent_order", "sampled"))

    def choose(self, population: Population, key: jax.Array) -> list[str]:
        """The next parents drawn from G: GET_TOP(G, p) (G's Pareto front first when `parent_choice` is
        "pareto", the fittest of each program structure first when "distinct"), retired from G when
        `retire_parents`."""
        choice = self.search.get("parent_choice", "top")
        return population.select_top(
            self.search.num_parents,
            self.search.retire_parents,
            pareto=choice == "pareto",
            distinct=choice == "distinct",
        )

    def select(self, state: SearchState, accepted: list[str], key: jax.Array) -> None:
        """P <- `choose` (the parents stay when no child passed the filter)."""
        chosen = self.choose(state.population, key)
        if chosen:
            state.population.parents = chosen
        else:
            warn("no child passed the filter this round; the parents stay the same")


class NoPromptTuning(EvoPrompting):
    """EvoPrompting without soft prompt-tuning (the paper's ablation)."""

    name = "no_prompt_tuning"
    tunes = False


class RandomParents(EvoPrompting):
    """EvoPrompting whose next parents are drawn uniformly from G instead of GET_TOP (the paper's ablation)."""

    name = "random_parents"

    def choose(self, population: Population, key: jax.Array) -> list[str]:
        """p parents drawn uniformly without replacement from G."""
        return population.select_random(
            self.search.num_parents, rng_from_key(key), self.search.retire_parents
        )


class NaivePrompting(EvoPrompting):
    """No evolution: one round of T*m 2-shot prompts of seed pairs, no tuning (the paper's naive baseline)."""

    name = "naive_prompting"
    tunes = False

    def num_rounds(self) -> int:
        """One round: the whole budget at once."""
        return 1

    def prompts_per_round(self) -> int:
        """T*m prompts in its one round."""
        return self.search.rounds * self.search.prompts_per_round

    def members(self, state: SearchState) -> list[str]:
        """The seeds that were scored."""
        return [i.key for i in state.population.seeds() if i.status == "ok"]


class Mutation(Method):
    """Regularised evolution with the program-mutation operator: each slot is a tournament over the aging
    population whose k fittest are the parents; children join the aging population (`population_size`)."""

    name = "mutation"
    operators = (MUTATION,)

    def validate(self, config: ml_collections.ConfigDict) -> None:
        """The aging population, tournament and crossover settings."""
        search = config.search
        if search.population_size < 1 or search.tournament_size < 1:
            raise ConfigError("config.search.population_size and tournament_size must be positive integers")
        if not 0.0 <= float(search.crossover_rate) <= 1.0:
            raise ConfigError(
                f"config.search.crossover_rate must be in [0, 1], got {search.crossover_rate!r}"
            )

    def plan(self, state: SearchState, key: jax.Array) -> RoundPlan:
        """m tournaments over the aging population; the same generator then draws the mutations."""
        rng = rng_from_key(key)
        count = self.prompts_per_round()
        groups = tournament_groups(state.population, state.aging, count, self.search, rng)
        return RoundPlan(groups, [MUTATION] * count, {MUTATION: rng})

    def select(self, state: SearchState, accepted: list[str], key: jax.Array) -> None:
        """The accepted children join the aging population, whose oldest leave; all of it are the parents."""
        state.aging = (state.aging + accepted)[-self.search.population_size :]
        state.population.parents = list(state.aging)


class Hybrid(EvoPrompting):
    """EvoPrompting whose prompt slots are each given to an arm drawn by a bandit (`evojax_nas.bandit`): the LM
    (EvoPrompting's prompt), program mutation of one parent, or program crossover of two. A child's reward grows
    with its relative fitness gain over its better parent (0 when invalid or a duplicate, `valid_reward` when no
    better); the arms' posteriors are in the state (checkpointed); the soft prompt is tuned on the LM's children as
    in EvoPrompting."""

    name = "hybrid"
    operators = (LM, PROGRAM_MUTATION, PROGRAM_CROSSOVER)

    def validate(self, config: ml_collections.ConfigDict) -> None:
        """The LM fields, and the bandit's arms, decay and floor."""
        super().validate(config)
        hybrid = config.search.get("hybrid")
        if hybrid is None:
            raise ConfigError("config.search.hybrid is missing (arms, decay, min_share)")
        arms = tuple(hybrid.arms)
        if len(arms) < 2 or len(set(arms)) != len(arms) or not set(arms) <= set(self.operators):
            raise ConfigError(
                f"config.search.hybrid.arms must be at least two distinct of {', '.join(self.operators)}, "
                f"got {arms!r}"
            )
        if not 0.0 < float(hybrid.decay) <= 1.0:
            raise ConfigError(f"config.search.hybrid.decay must be in (0, 1], got {hybrid.decay!r}")
        if not float(hybrid.half_gain) > 0.0:
            raise ConfigError(f"config.search.hybrid.half_gain must be positive, got {hybrid.half_gain!r}")
        if not 0.0 <= float(hybrid.min_share) <= 1.0:
            raise ConfigError(f"config.search.hybrid.min_share must be in [0, 1], got {hybrid.min_share!r}")
        if not 0.0 <= self.valid_reward() < 1.0:
            raise ConfigError(
                f"config.search.hybrid.valid_reward must be in [0, 1), got {hybrid.valid_reward!r}"
            )
        per_slot = self.samples_per_slot()
        if per_slot < 1 or config.search.samples_per_prompt % per_slot:
            raise ConfigError(
                "config.search.hybrid.samples_per_slot must be 0 (a slot is a prompt) or divide "
                f"config.search.samples_per_prompt ({config.search.samples_per_prompt}), got {per_slot!r}"
            )

    def valid_reward(self) -> float:
        """`hybrid.valid_reward`: the reward of a valid child that is no fitter than its better parent."""
        return float(self.search.hybrid.get("valid_reward", 0.0))

    def samples_per_slot(self) -> int:
        """`hybrid.samples_per_slot` (0: n): a smaller slot gives the bandit more, finer decisions per round."""
        return int(self.search.hybrid.get("samples_per_slot", 0) or 0) or self.search.samples_per_prompt

    def prompts_per_round(self) -> int:
        """m*n / samples_per_slot slots, so that a round draws the same m*n samples whatever the slot size."""
        return self.search.prompts_per_round * self.search.samples_per_prompt // self.samples_per_slot()

    def arms(self, state: SearchState) -> bandit.BanditState:
        """The arms' posteriors so far (fresh before the first round)."""
        if state.bandit is None:
            return bandit.BanditState.fresh(tuple(self.search.hybrid.arms))
        return bandit.BanditState.from_json(state.bandit)

    def plan(self, state: SearchState, key: jax.Array) -> RoundPlan:
        """m groups of k parents drawn from P (as EvoPrompting); each slot's operator drawn by the bandit."""
        group_key, sample_key, arm_key, mutation_key, crossover_key = jax.random.split(key, 5)
        count = self.prompts_per_round()
        groups = self.draw(state, count, group_key)
        choices = bandit.choose_arms(self.arms(state), count, arm_key, float(self.search.hybrid.min_share))
        randomness = {
            LM: sample_key,
            PROGRAM_MUTATION: rng_from_key(mutation_key),
            PROGRAM_CROSSOVER: rng_from_key(crossover_key),
        }
        return RoundPlan(groups, choices, randomness)

    def observe(self, state: SearchState, round_index: int, children: Sequence[Individual]) -> dict:
        """Rewards each child's arm, updates the posteriors; returns per arm the round's counts and mean reward."""
        rewards = []
        for child in children:
            parents = [state.population.get(key).fitness for key in child.parents]
            fitness = child.fitness if child.status == "ok" else None
            reward = bandit.improvement_reward(
                fitness, parents, float(self.search.hybrid.half_gain), self.valid_reward()
            )
            rewards.append((arm_of(child), reward))
        posterior = bandit.update(self.arms(state), rewards, float(self.search.hybrid.decay))
        state.bandit = posterior.to_json()
        return {"arms": arm_stats(children, rewards, posterior)}


METHODS: dict[str, type[Method]] = {
    method.name: method
    for method in (EvoPrompting, NoPromptTuning, RandomParents, NaivePrompting, Mutation, Hybrid)
}


def get_method(search: ml_collections.ConfigDict) -> Method:
    """The method named by `search.method` over `search` (raises `ConfigError` for an unknown name)."""
    if search.method not in METHODS:
        raise ConfigError(
            f"config.search.method '{search.method}' is unknown; choose one of {', '.join(METHODS)}"
        )
    return METHODS[search.method](search)
