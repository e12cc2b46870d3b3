"""Search operators that turn parents into child programs: the code LM (EvoPrompting's crossmut) and the
program-mutation baseline. Both return `Child` records; neither runs candidate code (validation is the
evaluator's job)."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from collections.abc import Sequence

import jax
import numpy as np

from evojax_nas.program_mutation import MutationFailed, ProgramMutator
from evojax_nas.prompting import (
    Example,
    assemble_child,
    build_prompt,
    preamble,
    program_completion,
)
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec

PAPER_TEMPERATURES = (0.2, 0.6, 0.8, 1.0)


@dataclasses.dataclass(frozen=True)
class Child:
    """A generated program and where it came from."""

    source: str
    parents: tuple[int, ...]  # indices into the parents list the operator was given
    prompt: str
    temperature: float | None
    origin: str


class LMOperator:
    """EvoPrompting's crossover-mutation: few-shot prompts of k parents with target metrics, completed by the LM
    with a per-sample temperature; completions are cut, and assembled into programs with the parents' imports."""

    def __init__(
        self,
        lm,
        header: str,
        required_imports: Sequence[str] = (),
        temperatures: Sequence[float] = PAPER_TEMPERATURES,
        max_new_tokens: int = 256,
        top_p: float = 0.95,
        draft_tokens: int = 0,
        metric: MetricSpec = DEFAULT_METRIC,
        draft_max_rows: int = 0,
        relative_target: bool = False,
        copy_penalty: float = 0.0,
        copy_penalty_below: float = 0.9,
    ):
        self.lm = lm
        self.header = header
        self.required_imports = tuple(required_imports)
        self.temperatures = tuple(temperatures)
        self.max_new_tokens = max_new_tokens
        self.top_p = top_p
        self.draft_tokens = draft_tokens  # speculative decoding's K (0: plain decoding); same distribution
        # Sampler calls of more rows (prompts x samples) decode plainly; 0: no limit.
        self.draft_max_rows = draft_max_rows
        self.metric = metric  # how the prompts print scores and targets
        # The target docstring also gives the target's size and score against the parents'.
        self.relative_target = relative_target
        # > 0: while a sample reproduces a parent of its prompt verbatim, the token that would go on copying it
        # loses this many nats where its probability is below `copy_penalty_below` (plain decoding;
        # `sampling.generate`'s avoid_penalty and avoid_below).
        self.copy_penalty, self.copy_penalty_below = copy_penalty, copy_penalty_below
        self._adapted: tuple[str, LMOperator] | None = None  # `with_factors`' last result, by factor digest

    def with_factors(self, factors: dict[str, np.ndarray]) -> LMOperator:
        """This operator sampling from its LM with LoRA `factors` of the top layers merged into the weights
        (`lm.tune="lora"`); the merged copy is kept until other factors come."""
        # Deferred: evojax_nas.lm loads transformers (about 20 s); only the LM operator needs it.
        from evojax_nas.lm import lora

        hasher = hashlib.sha256()
        for name in sorted(factors):
            hasher.update(name.encode() + np.ascontiguousarray(factors[name], np.float32).tobytes())
        digest = hasher.hexdigest()
        if self._adapted is None or self._adapted[0] != digest:
            full = lora.full_factors(factors, self.lm.config.num_layers)
            adapted = copy.copy(self)
            adapted.lm = dataclasses.replace(self.lm, params=lora.merge(self.lm.params, full))
            adapted._adapted = None
            self._adapted = (digest, adapted)
        return self._adapted[1]

    def _avoided(
        self, parent_groups: Sequence[Sequence[Example]], avoid_sources: Sequence[str]
    ) -> list[list[str]]:
        """Per prompt, the completions a sample should not reproduce: its parents' and those of `avoid_sources`
        (each once; programs that do not start with the header are left out)."""
        avoided = []
        for group in parent_groups:
            sources = [parent.source for parent in group] + list(avoid_sources)
            completions = (program_completion(source, self.header) for source in sources)
            avoided.append(list(dict.fromkeys(text for text in completions if text is not None)))
        return avoided

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
        """`samples_per_prompt` children for each group of parents (one prompt per group), each sampled at a
        temperature drawn from `temperatures` (None: the operator's). With `copy_penalty > 0` and `steer`, samples
        are steered off verbatim copies of their prompt's parents and of the programs `avoid_sources` (e.g. the
        archive); `steer=False` samples plainly (e.g. a search's first draws, `lm.copy_penalty_scope`)."""
        # Deferred: evojax_nas.lm loads transformers (about 20 s); only the LM operator needs it.
        from evojax_nas.lm import sample

        temperature_key, sample_key = jax.random.split(key)
        count = len(parent_groups) * samples_per_prompt
        choosable = tuple(temperatures) if temperatures else self.temperatures
        choices = jax.random.randint(temperature_key, (count,), 0, len(choosable))
        row_temperatures = np.asarray(choosable, np.float32)[np.asarray(choices)]
        prompts = [
            build_prompt(group, self.header, metric=self.metric, relative_target=self.relative_target)
            for group in parent_groups
        ]
        penalty = self.copy_penalty if steer else 0.0
        speculate = not penalty and (not self.draft_max_rows or count <= self.draft_max_rows)
        completions = sample(
            self.lm,
            soft_prompt,
            prompts,
            num_samples_per_prompt=samples_per_prompt,
            temperatures=row_temperatures,
            key=sample_key,
            top_p=self.top_p,
            max_new_tokens=self.max_new_tokens,
            stop_strings=['"""Metrics:'],
            draft_tokens=self.draft_tokens if speculate else 0,
            avoid_texts=self._avoided(parent_groups, avoid_sources) if penalty else None,
            avoid_penalty=penalty,
            avoid_below=self.copy_penalty_below,
        )
        children = []
        for group, prompt, samples in zip(parent_groups, prompts, completions, strict=True):
            imports = preamble(group, self.required_imports)
            children.append(
                [
                    Child(
                        source=assemble_child(self.header, item.text, imports),
                        parents=tuple(range(len(group))),
                        prompt=prompt,
                        temperature=float(item.temperature),
                        origin="lm",
                    )
                    for item in samples
                ]
            )
        return children


class MutationOperator:
    """The program-mutation baseline: each child is a mutant of one parent or a crossover of two."""

    def __init__(self, mutator: ProgramMutator, crossover_rate: float = 0.3):
        self.mutator = mutator
        self.crossover_rate = crossover_rate

    def generate(
        self, parent_groups: Sequence[Sequence[Example]], samples_per_prompt: int, rng: np.random.Generator
    ) -> list[list[Child]]:
        """`samples_per_prompt` children for each group of parents; a failed draw yields the first parent's
        source (a duplicate, counted as such by the search)."""
        children = []
        for group in parent_groups:
            made = []
            for _ in range(samples_per_prompt):
                try:
                    if len(group) > 1 and rng.random() < self.crossover_rate:
                        chosen = tuple(int(i) for i in rng.choice(len(group), size=2, replace=False))
                        offspring = self.mutator.crossover(
                            group[chosen[0]].source, group[chosen[1]].source, rng
                        )
                    else:
                        chosen = (int(rng.integers(len(group))),)
                        offspring = self.mutator.mutate(group[chosen[0]].source, rng)
                    made.append(Child(offspring.source, chosen, "", None, offspring.description))
                except MutationFailed:
                    made.append(Child(group[0].source, (0,), "", None, "mutation failed"))
            children.append(made)
        return children
