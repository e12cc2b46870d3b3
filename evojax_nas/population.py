"""Individuals, fitness, selection and duplicate detection: the search's bookkeeping, free of JAX and LMs.

Every sample a search draws becomes an `Individual` in the archive, whatever became of it:

| status | meaning | trained |
|---|---|---|
| `ok` | trained and scored, validation error below alpha: it joins G | yes |
| `filtered` | trained and scored, but validation error >= alpha (EvoPrompting's alpha filter) | yes |
| `duplicate` | same normalised program as one seen before (seeds and earlier samples of the round included) | no |
| `rejected` | refused before training (policy, build contract, budget) | no |
| `failed` | crashed, timed out or diverged while being built or trained | partly |

`Population` holds the archive, the set of program keys seen, G (the scored children still eligible as
parents) and the current parents P; it serialises to and from plain JSON. An individual's score is the task
metric's value (`tasks.base.MetricSpec`), kept in the archive field `val_accuracy`; errors, the alpha filter and
the Pareto front follow the metric spec (default: validation accuracy, error `1 - accuracy`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence

import numpy as np

from evojax_nas.evaluation_result import RESULT_KEYS
from evojax_nas.programs import structure_key
from evojax_nas.prompting import Example
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec

SCORED_STATUSES = ("ok", "filtered")
STATUSES = ("ok", "filtered", "duplicate", "rejected", "failed")
SEED_ROUND = -1  # the round number of the hand-written seeds
# Why a draw is rejected before training and drawn again (novelty rejection, `search/resampling.py`): it copies a
# parent of its prompt, an earlier program of the archive, or an earlier sample of its round; or it fails the
# static policy.
REJECTION_REASONS = ("parent", "archive", "sibling", "policy")


@dataclasses.dataclass
class Individual:
    """One sample of the search (or a seed): its program, what became of it, and where it came from.

    Lineage: `parents` are the program keys of the in-context parents (or the mutated parents), `prompt_id`
    names the prompt in `Population.prompts` it was sampled from, `temperature` is its sampling temperature.
    """

    key: str
    source: str
    status: str
    round: int
    sample_index: int
    origin: str
    parents: list[str] = dataclasses.field(default_factory=list)
    prompt_id: str | None = None
    temperature: float | None = None
    num_params: int | None = None
    val_accuracy: float | None = None  # the task metric's score (the archive keeps this name)
    val_accuracy_std: float | None = None
    test_accuracy: float | None = None
    flops: float | None = None
    fitness: float | None = None
    reason: str | None = None
    seconds: float | None = None
    # Novelty rejection (config.search.max_resamples): draws of this sample, and how many earlier draws were
    # rejected before training, by reason (parent, archive, sibling, policy); attempts = 1 + their sum.
    attempts: int = 1
    rejected_attempts: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def scored(self) -> bool:
        """Trained and measured (whether or not it passed the alpha filter)."""
        return self.status in SCORED_STATUSES

    def error(self, metric: MetricSpec = DEFAULT_METRIC) -> float:
        """The validation error of the score (`metric.error`; NaN when unscored)."""
        return metric.error(self.val_accuracy)

    def as_example(self) -> Example:
        """The program with its measured metrics, as shown in a prompt."""
        return Example(self.source, int(self.num_params), float(self.val_accuracy))

    def to_json(self) -> dict:
        """A JSON-serialisable dict of every field."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, record: dict) -> Individual:
        """The inverse of `to_json`."""
        return cls(**record)


# What an individual copies from an evaluation result: the evaluator's keys it has a field for (`status` and
# `fitness` the search decides).
MEASURED_FIELDS = tuple(
    key
    for key in RESULT_KEYS
    if key in {field.name for field in dataclasses.fields(Individual)} and key not in ("status", "fitness")
)


def result_key(field: str, metric: MetricSpec = DEFAULT_METRIC) -> str:
    """The evaluation result's key that an individual's `field` is read from: the metric spec's names for the
    score fields, the field's own name for the others."""
    names = {
        "val_accuracy": metric.name,
        "val_accuracy_std": metric.std_name,
        "test_accuracy": metric.test_name,
    }
    return names.get(field, field)


def passes_alpha(individual: Individual, alpha: float, metric: MetricSpec = DEFAULT_METRIC) -> bool:
    """True when a scored individual's validation error is below the threshold `alpha` (the alpha filter)."""
    return metric.passes(individual.val_accuracy, alpha)


def rank(individuals: Iterable[Individual]) -> list[Individual]:
    """Scored individuals, fittest first; ties broken by fewer parameters, then by key (deterministic)."""
    scored = [i for i in individuals if i.fitness is not None]
    return sorted(scored, key=lambda i: (-i.fitness, i.num_params, i.key))


def get_top(individuals: Iterable[Individual], count: int) -> list[Individual]:
    """EvoPrompting's GET_TOP: the `count` fittest individuals."""
    return rank(individuals)[:count]


def _non_dominated(points: Iterable[tuple[int, float, str, Individual]]) -> list[Individual]:
    """The individuals of `(num_params, error, key, individual)` points that no other point dominates in
    (num_params, error), sorted by size (ties by error, then key)."""
    front, best_error = [], math.inf
    for _, point_error, _, individual in sorted(points, key=lambda p: (p[0], p[1], p[2])):
        if point_error < best_error:
            front.append(individual)
            best_error = point_error
    return front


def pareto_first(individuals: Iterable[Individual]) -> list[Individual]:
    """Scored individuals with the (num_params, error) Pareto front first, each part fittest first. The error
    comes from the fitness `-(num_params * error)`, so any task's metric orders the same way."""
    ranked = rank(individuals)
    points = [(int(i.num_params), -i.fitness / max(int(i.num_params), 1), i.key, i) for i in ranked]
    front = {i.key for i in _non_dominated(points)}
    return [i for i in ranked if i.key in front] + [i for i in ranked if i.key not in front]


def distinct_first(ranked: Sequence[Individual]) -> list[Individual]:
    """`ranked` (fittest first) with the fittest member of each program structure (`programs.structure_key`:
    numbers masked) first, in rank order, then the others in rank order: GET_TOP that does not fill the parents
    with one family differing only in its numbers while another structure is there."""
    firsts, rest, structures = [], [], set()
    for individual in ranked:
        structure = structure_key(individual.source)
        (rest if structure in structures else firsts).append(individual)
        structures.add(structure)
    return firsts + rest


def pareto_front(
    individuals: Iterable[Individual], error: str = "val", metric: MetricSpec = DEFAULT_METRIC
) -> list[Individual]:
    """The individuals not dominated in (num_params, error); `error` is 'val' or 'test'. Sorted by size."""
    points = []
    for individual in individuals:
        score = individual.val_accuracy if error == "val" else individual.test_accuracy
        if individual.num_params is None or score is None:
            continue
        points.append((int(individual.num_params), metric.error(score), individual.key, individual))
    return _non_dominated(points)


class Population:
    """The archive of every sample, the keys seen, G (scored children not yet retired) and the parents P."""

    def __init__(self):
        self.archive: list[Individual] = []
        self.by_key: dict[str, Individual] = {}  # first non-duplicate occurrence of each program
        self.pool: list[str] = []  # G: keys of scored children that passed alpha and are not retired
        self.parents: list[str] = []  # P: keys of the current parents
        self.prompts: dict[str, str] = {}  # prompt id -> prompt text (lineage)

    def seen(self, key: str) -> bool:
        """Whether a program with this normalised key was already drawn (seeds included)."""
        return key in self.by_key

    def add(self, individual: Individual) -> None:
        """Appends a sample to the archive; the first occurrence of a key is the one looked up by key."""
        self.archive.append(individual)
        if individual.status != "duplicate" and individual.key not in self.by_key:
            self.by_key[individual.key] = individual

    def get(self, key: str) -> Individual:
        """The (first non-duplicate) individual with this program key."""
        return self.by_key[key]

    def seeds(self) -> list[Individual]:
        """The seed programs, in the order they were added."""
        return [i for i in self.archive if i.round == SEED_ROUND]

    def scored(self, include_seeds: bool = True) -> list[Individual]:
        """Every trained and measured individual that passed the alpha filter (for reports)."""
        return [i for i in self.archive if i.status == "ok" and (include_seeds or i.round != SEED_ROUND)]

    def round_samples(self, round_index: int) -> list[Individual]:
        """The samples of one round, in sample order."""
        return [i for i in self.archive if i.round == round_index]

    def select_top(self, count: int, retire: bool, pareto: bool = False, distinct: bool = False) -> list[str]:
        """GET_TOP(G, count) as the new parents; with `retire`, they leave G (the paper's parent retirement). With
        `pareto`, G's (size, error) Pareto front comes first (`pareto_first`), then the fittest of the rest; with
        `distinct`, the fittest of each program structure first (`distinct_first`), then the fittest of the rest."""
        members = (self.by_key[k] for k in self.pool)
        if pareto:
            ranked = pareto_first(members)[:count]
        elif distinct:
            ranked = distinct_first(rank(members))[:count]
        else:
            ranked = get_top(members, count)
        chosen = [i.key for i in ranked]
        if retire:
            chosen_set = set(chosen)
            self.pool = [k for k in self.pool if k not in chosen_set]
        return chosen

    def select_random(self, count: int, rng: np.random.Generator, retire: bool) -> list[str]:
        """`count` parents drawn uniformly without replacement from G (the random-parents ablation)."""
        if not self.pool:
            return []
        picks = rng.choice(len(self.pool), size=min(count, len(self.pool)), replace=False)
        chosen = [self.pool[int(i)] for i in sorted(picks)]
        if retire:
            chosen_set = set(chosen)
            self.pool = [k for k in self.pool if k not in chosen_set]
        return chosen

    def counts(self, individuals: Sequence[Individual] | None = None) -> dict[str, int]:
        """How many samples ended in each status."""
        individuals = self.archive if individuals is None else individuals
        return {status: sum(i.status == status for i in individuals) for status in STATUSES}

    def to_json(self) -> dict:
        """A JSON-serialisable snapshot (archive, G, parents, prompts)."""
        return {
            "archive": [i.to_json() for i in self.archive],
            "pool": list(self.pool),
            "parents": list(self.parents),
            "prompts": dict(self.prompts),
        }

    @classmethod
    def from_json(cls, record: dict) -> Population:
        """The inverse of `to_json`."""
        population = cls()
        for item in record["archive"]:
            population.add(Individual.from_json(item))
        population.pool = list(record["pool"])
        population.parents = list(record["parents"])
        population.prompts = dict(record["prompts"])
        return population
