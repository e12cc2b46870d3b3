"""The corpus's examples from a measured pool: two parents with their measured metrics in the prompt, the child's
achieved metrics as the target (hindsight relabelling) and its code as the completion, plus the held-out split.

Until at least `min_smaller_fraction` of the examples have a child smaller than both parents, shrunken mutants
get extra examples (other larger second parents), then examples without a smaller child are dropped.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np

from evojax_nas.corpus_growth import PoolProgram
from evojax_nas.prompting import Example, tuning_example
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec


def smaller_than_all(child: PoolProgram, parents: Sequence[PoolProgram]) -> bool:
    """Whether `child` has fewer parameters than every one of `parents`."""
    return all(child.num_params < parent.num_params for parent in parents)


def example_record(
    child: PoolProgram, parents: Sequence[PoolProgram], header: str, metric: MetricSpec = DEFAULT_METRIC
) -> dict:
    """One example (prompt context, target, parent and child keys, whether the child is smaller than both
    parents); raises ValueError when the child has code before the task header. Any program with `key`,
    `source`, `num_params` and `val_accuracy` will do (a search's `population.Individual` too)."""
    as_example = [Example(p.source, p.num_params, p.val_accuracy) for p in parents]
    context, target = tuning_example(
        as_example, Example(child.source, child.num_params, child.val_accuracy), header, metric
    )
    return {
        "context": context,
        "target": target,
        "parents": [p.key for p in parents],
        "child": child.key,
        "smaller_child": smaller_than_all(child, parents),
    }


@dataclasses.dataclass
class _ExampleMaker:
    """Makes a child's examples from the usable (measured, not held-out) programs, never one example twice."""

    usable: dict[str, PoolProgram]
    header: str
    rng: np.random.Generator
    metric: MetricSpec = DEFAULT_METRIC
    seen: set[tuple[str, ...]] = dataclasses.field(default_factory=set)

    def __post_init__(self):
        self.usable_list = list(self.usable.values())

    def examples_of(self, child: PoolProgram, count: int) -> list[dict]:
        """Up to `count` examples of `child`: its own parents (a mutant's with another usable program, larger
        than the child when the mutant shrank) in a random order."""
        own = [self.usable[key] for key in child.parents]
        shrank = smaller_than_all(child, own)
        made = []
        for _ in range(count):
            parents = list(own)
            if len(parents) == 1:
                others = [p for p in self.usable_list if p.key not in (child.key, parents[0].key)]
                if shrank:
                    others = [p for p in others if p.num_params > child.num_params] or others
                if not others:
                    continue
                parents.append(others[int(self.rng.integers(len(others)))])
            if self.rng.random() < 0.5:
                parents.reverse()
            identity = (child.key, *(p.key for p in parents))
            if identity in self.seen:
                continue
            self.seen.add(identity)
            try:
                made.append(example_record(child, parents, self.header, self.metric))
            except ValueError:  # code before the header (e.g. a helper function): not a completion of it
                break
        return made


def _smaller_child_reserves(
    maker: _ExampleMaker,
    children: list[PoolProgram],
    examples: list[dict],
    examples_per_child: int,
    min_smaller_fraction: float,
) -> list[dict]:
    """Extra examples of shrunken mutants (other larger second parents), as many as it takes to reach
    `min_smaller_fraction` smaller-child examples (after thinning), one round of children at a time."""
    smaller = sum(example["smaller_child"] for example in examples)
    if min_smaller_fraction <= 0 or smaller >= min_smaller_fraction * len(examples):
        return []
    shrunken = [
        child
        for child in children
        if len(child.parents) == 1 and smaller_than_all(child, [maker.usable[child.parents[0]]])
    ]
    reserves = [maker.examples_of(child, examples_per_child) for child in shrunken]
    needed = math.ceil((min_smaller_fraction * len(examples) - smaller) / (1 - min_smaller_fraction))
    reserves = [reserves[i] for i in maker.rng.permutation(len(reserves))]
    rounds = [reserve[i] for i in range(examples_per_child) for reserve in reserves if i < len(reserve)]
    return rounds[:needed]


def build_examples(
    pool: list[PoolProgram],
    header: str,
    heldout_fraction: float,
    rng: np.random.Generator,
    examples_per_child: int = 1,
    min_smaller_fraction: float = 0.0,
    metric: MetricSpec = DEFAULT_METRIC,
) -> tuple[list[dict], list[PoolProgram]]:
    """Examples from the measured pool, and the held-out programs (in no example as parent or child).

    Every example shows two parents with their measured metrics and targets the child's achieved metrics. A
    crossover shows its two parents; a mutant shows its parent and another usable program, drawn among those
    larger than the child when the mutant is smaller than its parent (so that the child is smaller than both).
    With `examples_per_child > 1`, each child appears in up to that many examples that differ in the order of
    its parents and, for a mutant, in the other parent (duplicates of an example are dropped). If fewer than
    `min_smaller_fraction` of the examples have a child smaller than both parents, shrunken mutants get up to
    `examples_per_child` more examples each (other larger second parents), then examples without a smaller
    child are dropped at random (a child's extra examples first) until that fraction is reached. Each example
    records `smaller_child`. The prompts print the scores as `metric` says (the task's metric spec)."""
    measured = [p for p in pool if p.status == "ok"]
    candidates = [p for p in measured if p.parents]
    order = rng.permutation(len(candidates))
    num_heldout = int(round(heldout_fraction * len(candidates)))
    heldout = [candidates[i] for i in order[:num_heldout]]
    heldout_keys = {p.key for p in heldout}
    maker = _ExampleMaker({p.key: p for p in measured if p.key not in heldout_keys}, header, rng, metric)
    children = [
        child
        for child in candidates
        if child.key not in heldout_keys and all(parent in maker.usable for parent in child.parents)
    ]
    groups = [maker.examples_of(child, examples_per_child) for child in children]
    examples = [example for group in groups for example in group]
    examples += _smaller_child_reserves(maker, children, examples, examples_per_child, min_smaller_fraction)
    return _thin_to_smaller_fraction(groups, examples, min_smaller_fraction, rng), heldout


def _thin_to_smaller_fraction(
    groups: list[list[dict]], examples: list[dict], min_fraction: float, rng: np.random.Generator
) -> list[dict]:
    """`examples` without enough of those whose child is not smaller than both parents to reach `min_fraction`
    smaller-child examples: a child's extra examples (beyond the first of its group) first, then the rest."""
    smaller = sum(example["smaller_child"] for example in examples)
    if min_fraction <= 0 or smaller == 0:
        return examples
    excess = len(examples) - math.floor(smaller / min_fraction)
    if excess <= 0:
        return examples
    extras = [id(e) for group in groups for e in group[1:] if not e["smaller_child"]]
    firsts = [id(group[0]) for group in groups if group and not group[0]["smaller_child"]]
    dropped = [extras[i] for i in rng.permutation(len(extras))]
    dropped += [firsts[i] for i in rng.permutation(len(firsts))]
    dropped = set(dropped[:excess])
    return [example for example in examples if id(example) not in dropped]
