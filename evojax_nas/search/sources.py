"""Where a round's samples come from: the operators (`evojax_nas.operators`) adapted to the loop.

A `ChildSource` turns groups of parent keys into `Sample`s (program and lineage). `LMSource` is EvoPrompting's
CROSSMUT: one few-shot prompt per group, sampled `prompts_per_call` prompts at a time (in a multi-host run each
process samples its share of the chunks, then all are gathered). `MutationSource` is the program-mutation
baseline. Either is drawn from again by novelty rejection (`resampling.py`) with fresh randomness.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Protocol

import jax
import numpy as np

from evojax_nas import distributed
from evojax_nas.operators import Child
from evojax_nas.prompting import Example
from evojax_nas.search.methods import rng_from_key
from evojax_nas.search.multihost import gather_children
from evojax_nas.search.reporting import RunLog
from evojax_nas.search.state import SearchState


@dataclasses.dataclass(frozen=True)
class Sample:
    """One drawn child before evaluation: its program and lineage.

    With novelty rejection, `attempts` counts its draws, `rejected_attempts` the earlier draws rejected before
    training by reason, and `verdict` is what the rejection decided for the recorded draw: "new" (evaluate it),
    "duplicate" (record it untrained) or "policy" (the evaluator refuses it); None when rejection is off."""

    index: int
    source: str
    parents: list[str]
    prompt_id: str | None
    temperature: float | None
    origin: str
    attempts: int = 1
    rejected_attempts: dict[str, int] = dataclasses.field(default_factory=dict)
    verdict: str | None = None


class ChildSource(Protocol):
    """Draws `count` samples for each of the prompt slots at `positions`, whose parent keys are `groups`."""

    def draw(
        self,
        state: SearchState,
        round_index: int,
        positions: Sequence[int],
        groups: Sequence[Sequence[str]],
        count: int,
        randomness: Any,
        label: str,
    ) -> list[list[Sample]]:
        """The samples of each slot (their `index` is set by the loop)."""
        ...

    def randomness(self, key: jax.Array, kept_sources: Sequence[str]) -> Any:
        """The randomness `draw` takes in a resample wave, from the wave's JAX key; `kept_sources` are the
        programs of the round's samples kept so far (a source that can may steer its draws off them)."""
        ...


class LMGenerator(Protocol):
    """An LM operator: `samples_per_prompt` children per group of parent examples (`operators.LMOperator`)."""

    def generate(
        self,
        parent_groups: Sequence[Sequence[Example]],
        samples_per_prompt: int,
        key: jax.Array,
        soft_prompt: jax.Array | None = None,
        temperatures: Sequence[float] | None = None,
        avoid_sources: Sequence[str] = (),
        steer: bool = True,
    ) -> list[list[Child]]:
        """The children of each group, each at a temperature drawn from `temperatures` (None: the operator's),
        with `steer` steered off verbatim copies of their parents and `avoid_sources` where the operator can
        (`LMOperator.copy_penalty`)."""
        ...


@dataclasses.dataclass(frozen=True)
class Redraw:
    """The randomness of an LM resample wave: its key, the temperatures its draws are sampled at, and the programs
    of the round's samples kept so far (steered off with `avoid_archive`, like the archive's)."""

    key: jax.Array
    temperatures: tuple[float, ...] | None
    kept_sources: tuple[str, ...] = ()


def _temperature(child: Child) -> float | None:
    """The child's sampling temperature as the config wrote it (the sampler hands back float32 values)."""
    return None if child.temperature is None else round(float(child.temperature), 6)


class LMSource:
    """EvoPrompting's CROSSMUT with `operator` (an LM operator or a scripted stand-in): prompt slot p of round t is
    prompt `r{t}p{p}` (its text kept in `population.prompts`); every sample's parents are its prompt's group."""

    def __init__(
        self,
        operator: LMGenerator,
        prompts_per_call: int,
        log: RunLog,
        resample_temperatures: Sequence[float] = (),
        avoid_archive: bool = False,
        steer_first_draws: bool = True,
    ):
        self.operator = operator
        self.prompts_per_call = prompts_per_call
        self.log = log
        # Resample waves draw at these temperatures (empty: the operator's, as first draws do).
        self.resample_temperatures = tuple(float(t) for t in resample_temperatures) or None
        # The operator is also told the archive's programs (and in a resample wave the round's samples kept so
        # far), to steer its samples off copying them.
        self.avoid_archive = avoid_archive
        # False (`lm.copy_penalty_scope="redraws"`): first draws sample plainly, only resample waves are steered.
        self.steer_first_draws = steer_first_draws

    def randomness(self, key: jax.Array, kept_sources: Sequence[str] = ()) -> Redraw:
        """A resample wave's randomness: its key, `resample_temperatures` and the round's kept programs."""
        return Redraw(key, self.resample_temperatures, tuple(kept_sources))

    def draw(self, state, round_index, positions, groups, count, randomness, label) -> list[list[Sample]]:
        """`count` LM samples per group; see `ChildSource.draw`. `randomness` is a JAX key (first draws, at the
        operator's temperatures) or a `Redraw` (a resample wave)."""
        is_redraw = isinstance(randomness, Redraw)
        redraw = randomness if is_redraw else Redraw(randomness, None)
        made = self.sample(
            state, groups, count, redraw.key, label, redraw.temperatures, is_redraw, redraw.kept_sources
        )
        drawn = []
        for position, group, children in zip(positions, groups, made, strict=True):
            prompt_id = f"r{round_index}p{position}"
            state.population.prompts.setdefault(prompt_id, children[0].prompt if children else "")
            drawn.append(
                [Sample(-1, c.source, list(group), prompt_id, _temperature(c), "lm") for c in children]
            )
        return drawn

    def sample(
        self,
        state: SearchState,
        groups: Sequence[Sequence[str]],
        count: int,
        key: jax.Array,
        label: str,
        temperatures: tuple[float, ...] | None = None,
        steer: bool = False,
        kept_sources: Sequence[str] = (),
    ) -> list[list[Child]]:
        """`count` children of one prompt per group of parent keys (at `temperatures`; None: the operator's):
        `prompts_per_call` prompts per operator call, chunk c sampled with `fold_in(key, c)` by process
        `owner(c)`, then gathered. `steer`: a resample wave, whose draws are steered off copies even when first
        draws are not (`steer_first_draws`); with `avoid_archive` they are steered off the archive's programs and
        `kept_sources` (the round's samples kept so far, in a resample wave)."""
        population = state.population
        starts = range(0, len(groups), self.prompts_per_call)
        bar = self.log.bar(len(groups) * count, label)
        soft_prompt = None if state.soft_prompt is None else jax.numpy.asarray(state.soft_prompt)
        # `lm.tune="lora"`: the LM samples with the tuned factors merged into its weights.
        operator = (
            self.operator if state.lora_factors is None else self.operator.with_factors(state.lora_factors)
        )
        # Only when asked, so that an operator without copy avoidance keeps the protocol's first five arguments.
        steering = {}
        if self.avoid_archive:
            known = [i.source for i in population.by_key.values()] + list(kept_sources)
            steering["avoid_sources"] = list(dict.fromkeys(known))
        if not self.steer_first_draws:
            steering["steer"] = steer
        made_by_chunk = {}
        for chunk_index, start in enumerate(starts):  # each process samples its share of the chunks
            if distributed.owner(chunk_index) != distributed.process_index():
                continue
            chunk = groups[start : start + self.prompts_per_call]
            examples = [[population.get(k).as_example() for k in group] for group in chunk]
            made_by_chunk[chunk_index] = operator.generate(
                examples, count, jax.random.fold_in(key, chunk_index), soft_prompt, temperatures, **steering
            )
            bar.update(len(chunk) * count)
        bar.close()
        if distributed.process_count() > 1:
            made_by_chunk = gather_children(made_by_chunk)
        return [made for chunk_index in range(len(starts)) for made in made_by_chunk[chunk_index]]


class Mutator(Protocol):
    """A mutation operator: children of parent examples drawn with a numpy generator (`MutationOperator`)."""

    def generate(
        self, parent_groups: Sequence[Sequence[Example]], samples_per_prompt: int, rng: np.random.Generator
    ) -> list[list[Child]]:
        """The children of each group."""
        ...


class MutationSource:
    """The program-mutation baseline: each sample mutates one parent of its slot or crosses two; its parents
    are the ones it used."""

    def __init__(self, operator: Mutator, origin: str = "mutation"):
        self.operator = operator
        self.origin = origin  # the samples' origin is "<origin>: <edit>" (the hybrid names its arm here)

    def randomness(self, key: jax.Array, kept_sources: Sequence[str] = ()) -> np.random.Generator:
        """Mutation draws with a numpy generator seeded from the key (blind to the round's kept programs)."""
        return rng_from_key(key)

    def draw(self, state, round_index, positions, groups, count, randomness, label) -> list[list[Sample]]:
        """`count` mutants per group; see `ChildSource.draw`."""
        examples = [[state.population.get(k).as_example() for k in group] for group in groups]
        made = self.operator.generate(examples, count, randomness)
        return [
            [
                Sample(-1, c.source, [group[i] for i in c.parents], None, None, f"{self.origin}: {c.origin}")
                for c in children
            ]
            for group, children in zip(groups, made, strict=True)
        ]
