"""PROMPT_TUNE: the soft prompt the LM samples with, started once and tuned after each round's selection on the
round's scored children that were not selected (their own prompt with their *achieved* metrics, loss on their
code). In a multi-host run every process tunes on the same examples and keeps process 0's result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import jax
import ml_collections
import numpy as np

from evojax_nas import distributed
from evojax_nas.checkpointing import warn
from evojax_nas.population import Individual, Population
from evojax_nas.prompting import tuning_example
from evojax_nas.search.state import SearchState
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec


class Tuner(Protocol):
    """What the loop needs of the soft prompt: a start, and a tuning step after each selection."""

    def start(self, state: SearchState, key: jax.Array) -> None:
        """Sets the initial soft prompt (and the LM's identity) in a fresh state."""
        ...

    def tune(self, state: SearchState, children: Sequence[Individual], key: jax.Array) -> dict | None:
        """Tunes `state.soft_prompt` on the round's children; the tuning record, or None when skipped."""
        ...


def tuning_config(config: ml_collections.ConfigDict):
    """The `evojax_nas.lm.TuningConfig` of `config.lm`."""
    # Deferred: evojax_nas.lm loads transformers (about 20 s); only LM methods need it.
    from evojax_nas.lm import TuningConfig

    lm = config.lm
    return TuningConfig(
        num_epochs=lm.tuning_epochs,
        batch_size=lm.tuning_batch_size,
        learning_rate=float(lm.tuning_learning_rate),
        optimizer=lm.tuning_optimizer,
        max_length=lm.tuning_max_length,
    )


def tuning_examples(
    population: Population,
    children: Sequence[Individual],
    header: str,
    metric: MetricSpec = DEFAULT_METRIC,
    relative_target: bool = False,
) -> list[tuple[str, str]]:
    """(context, target) pairs of the round's children that passed the filter and are not current parents:
    each child's own prompt (its parents) with its achieved metrics (in the search's prompt format), and its
    code after the header."""
    selected = set(population.parents)
    examples = []
    for child in children:
        if child.status != "ok" or child.key in selected or not child.parents:
            continue
        parents = [population.get(k).as_example() for k in child.parents]
        try:
            examples.append(tuning_example(parents, child.as_example(), header, metric, relative_target))
        except ValueError as error:  # a program that does not start with the header cannot teach it
            warn(f"child {child.key[:12]} skipped for tuning: {error}")
    return examples


def tune_state(lm, state: SearchState, examples: Sequence[tuple[str, str]], config, key: jax.Array) -> dict:
    """Tunes `state.soft_prompt` on `examples` (continuing its optimiser state) and stores both in `state`;
    returns the tuning record (examples, steps, first and last-epoch loss, prompt RMS)."""
    # Deferred: evojax_nas.lm loads transformers (about 20 s); only LM methods need it.
    from evojax_nas.lm import tune_soft_prompt
    from evojax_nas.lm.tuning import make_optimizer

    soft_prompt = jax.numpy.asarray(state.soft_prompt)
    opt_state = None
    if state.opt_state_leaves is not None:
        template = make_optimizer(config).init(soft_prompt)
        opt_state = jax.tree.unflatten(
            jax.tree.structure(template), [jax.numpy.asarray(x) for x in state.opt_state_leaves]
        )
    result = tune_soft_prompt(lm, soft_prompt, list(examples), config, key, opt_state=opt_state)
    state.soft_prompt = np.asarray(result.soft_prompt)
    state.opt_state_leaves = [np.asarray(x) for x in jax.tree.leaves(result.opt_state)]
    steps_per_epoch = max(1, len(result.loss_history) // max(1, config.num_epochs))
    return {
        "examples": len(examples),
        "steps": len(result.loss_history),
        "first_loss": result.loss_history[0],
        "loss": float(np.mean(result.loss_history[-steps_per_epoch:])),
        "prompt_rms": result.prompt_rms_history[-1],
    }


class PromptTuner:
    """The soft prompt of `lm` (an `evojax_nas.lm.LanguageModel`): started from the LM's own initial prompt when
    it has one of the configured length, else drawn; tuned with `config.lm`'s settings on at most
    `lm.max_tuning_examples` examples per round (0: all)."""

    def __init__(self, lm: Any, config: ml_collections.ConfigDict, header: str, metric: MetricSpec, log):
        self.lm = lm
        self.config = config
        self.header = header
        self.metric = metric
        self.log = log

    def start(self, state: SearchState, key: jax.Array) -> None:
        """The LM's identity and the initial soft prompt."""
        state.lm_identity = self.lm.identity
        length = self.config.lm.soft_prompt_length
        initial = getattr(self.lm, "initial_soft_prompt", None)
        if initial is not None and np.shape(initial)[0] == length:
            state.soft_prompt = np.asarray(initial, np.float32)
        else:
            state.soft_prompt = np.asarray(self.lm.init_soft_prompt(key, length), np.float32)

    def tune(self, state: SearchState, children: Sequence[Individual], key: jax.Array) -> dict | None:
        """Soft prompt-tuning on the round's scored children that were not selected as parents."""
        relative = bool(self.config.search.get("relative_target", False))
        examples = tuning_examples(state.population, children, self.header, self.metric, relative)
        if not examples:
            self.log.event(
                {"event": "tuning_skipped", "round": state.round, "reason": "no scored non-selected child"}
            )
            return None
        examples_key, key = jax.random.split(key)
        cap = self.config.lm.max_tuning_examples
        if 0 < cap < len(examples):  # a CPU budget: a random subset, the same on a replay
            chosen = np.sort(
                np.asarray(jax.random.choice(examples_key, len(examples), (cap,), replace=False))
            )
            examples = [examples[int(i)] for i in chosen]
        record = tune_state(self.lm, state, examples, tuning_config(self.config), key)
        if distributed.process_count() > 1:
            # Every process tuned on the same examples; process 0's result is the one all of them keep.
            state.soft_prompt, state.opt_state_leaves = distributed.broadcast_arrays(
                (state.soft_prompt, state.opt_state_leaves), "the tuned soft prompt"
            )
            record = distributed.broadcast_json(record, "the tuning record")
        return record
