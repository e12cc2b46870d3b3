"""PROMPT_TUNE: the soft prompt the LM samples with, started once and tuned after each round's selection on the
round's scored children that were not selected (their own prompt with their *achieved* metrics, loss on their
code; with `lm.tuning_children="improved"`, the round's scored children fitter than their parents instead). With
`lm.tune="lora"`, low-rank factors of the LM's top layers are tuned together with the prompt, and the fittest
children of the run's Pareto front are replayed beside the round's. With `lm.tuning_max_drift > 0`, the prompt
never moves further than that fraction of its initial norm from the prompt the run started with. In a multi-host
run every process tunes on the same examples and keeps process 0's result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import jax
import ml_collections
import numpy as np

from evojax_nas import distributed
from evojax_nas.checkpointing import warn
from evojax_nas.population import Individual, Population, pareto_first
from evojax_nas.prompting import tuning_example
from evojax_nas.search.state import SearchState
from evojax_nas.tasks.base import DEFAULT_METRIC, ConfigError, MetricSpec


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
        lora_learning_rate=float(lm.get("tune_lora_learning_rate", 1e-3)),
        max_drift=float(lm.get("tuning_max_drift", 0.0)),
    )


TUNE_MODES = ("soft_prompt", "lora")  # what PROMPT_TUNE trains (`lm.tune`; the paper: the soft prompt)
# Which of a round's children PROMPT_TUNE learns from (`lm.tuning_children`): the scored ones not selected as
# parents (the paper), or the scored ones fitter than the fittest of their own parents, selected or not.
TUNING_CHILDREN = ("not_selected", "improved")


def improved_on_parents(population: Population, child: Individual) -> bool:
    """Whether a scored child is fitter than every one of its parents that has a fitness (a child whose parents
    have none counts as improved)."""
    parent_fitness = [population.get(k).fitness for k in child.parents]
    known = [f for f in parent_fitness if f is not None]
    return child.fitness is not None and (not known or child.fitness > max(known))


def tuning_examples(
    population: Population,
    children: Sequence[Individual],
    header: str,
    metric: MetricSpec = DEFAULT_METRIC,
    relative_target: bool = False,
    include_parents: bool = False,
    only_improved: bool = False,
) -> list[tuple[str, str]]:
    """(context, target) pairs of the round's children that passed the filter and are not current parents
    (`include_parents`: those too; `only_improved`: the children fitter than their parents, selected or not):
    each child's own prompt (its parents) with its achieved metrics (in the search's prompt format), and its
    code after the header."""
    selected = set() if include_parents or only_improved else set(population.parents)
    examples = []
    for child in children:
        if child.status != "ok" or child.key in selected or not child.parents:
            continue
        if only_improved and not improved_on_parents(population, child):
            continue
        parents = [population.get(k).as_example() for k in child.parents]
        try:
            examples.append(tuning_example(parents, child.as_example(), header, metric, relative_target))
        except ValueError as error:  # a program that does not start with the header cannot teach it
            warn(f"child {child.key[:12]} skipped for tuning: {error}")
    return examples


def replay_examples(
    population: Population,
    count: int,
    exclude: Sequence[Individual],
    header: str,
    metric: MetricSpec = DEFAULT_METRIC,
    relative_target: bool = False,
) -> list[tuple[str, str]]:
    """Examples of the `count` fittest scored children (seeds have no prompt) of the run's (size, error) Pareto
    front, then of the fittest of the rest, leaving out `exclude` (the round's own examples)."""
    excluded = {child.key for child in exclude}
    candidates = [i for i in pareto_first(population.scored(include_seeds=False)) if i.key not in excluded]
    return tuning_examples(population, candidates[:count], header, metric, relative_target, True)


def tune_state(lm, state: SearchState, examples: Sequence[tuple[str, str]], config, key: jax.Array) -> dict:
    """Tunes `state.soft_prompt` (and `state.lora_factors` when there are some) on `examples`, continuing their
    optimiser state, and stores them in `state`; returns the tuning record (examples, steps, first and
    last-epoch loss, prompt RMS, the prompt's `drift` from `state.initial_soft_prompt` when the state has it,
    and the factors' update RMS `lora_rms` when tuned). With `config.max_drift > 0` the prompt stays within that
    relative distance of `state.initial_soft_prompt`."""
    # Deferred: evojax_nas.lm loads transformers (about 20 s); only LM methods need it.
    from evojax_nas.lm import tune_soft_prompt
    from evojax_nas.lm.tuning import make_joint_optimizer, make_optimizer, relative_drift

    anchor = state.initial_soft_prompt
    if config.max_drift > 0 and anchor is None:
        raise ConfigError(
            "config.lm.tuning_max_drift > 0 needs the run's initial soft prompt, and this state keeps none (it was "
            "written before the field existed)"
        )

    soft_prompt = jax.numpy.asarray(state.soft_prompt)
    factors = state.lora_factors
    opt_state = None
    if state.opt_state_leaves is not None:
        if factors is None:
            template = make_optimizer(config).init(soft_prompt)
        else:
            template = make_joint_optimizer(config).init({"soft_prompt": soft_prompt, "factors": factors})
        opt_state = jax.tree.unflatten(
            jax.tree.structure(template), [jax.numpy.asarray(x) for x in state.opt_state_leaves]
        )
    result = tune_soft_prompt(
        lm, soft_prompt, list(examples), config, key, opt_state=opt_state, factors=factors, anchor=anchor
    )
    state.soft_prompt = np.asarray(result.soft_prompt)
    state.opt_state_leaves = [np.asarray(x) for x in jax.tree.leaves(result.opt_state)]
    steps_per_epoch = max(1, len(result.loss_history) // max(1, config.num_epochs))
    record = {
        "examples": len(examples),
        "steps": len(result.loss_history),
        "first_loss": result.loss_history[0],
        "loss": float(np.mean(result.loss_history[-steps_per_epoch:])),
        "prompt_rms": result.prompt_rms_history[-1],
    }
    if anchor is not None:
        record["drift"] = relative_drift(result.soft_prompt, anchor)
    if result.factors is not None:
        state.lora_factors = {name: np.asarray(value) for name, value in result.factors.items()}
        # The size of the change the factors make (B starts at zero): the RMS of the B factors.
        b_factors = [v for name, v in state.lora_factors.items() if name.endswith("_lora_b")]
        record["lora_rms"] = float(np.sqrt(np.mean([np.mean(np.square(v)) for v in b_factors])))
    return record


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
        """The LM's identity and the initial soft prompt (and, with `lm.tune="lora"`, fresh factors: B = 0, so
        the LM starts unchanged)."""
        state.lm_identity = self.lm.identity
        state.soft_prompt = initial_soft_prompt(self.lm, self.config.lm.soft_prompt_length, key)
        state.initial_soft_prompt = state.soft_prompt.copy()
        if self.tunes_lora:
            state.lora_factors = fresh_factors(self.lm, self.config.lm, jax.random.fold_in(key, 1))

    @property
    def tunes_lora(self) -> bool:
        """Whether PROMPT_TUNE also trains LoRA factors (`lm.tune="lora"`)."""
        return self.config.lm.get("tune", "soft_prompt") == "lora"

    def tune(self, state: SearchState, children: Sequence[Individual], key: jax.Array) -> dict | None:
        """Soft prompt-tuning on the round's scored children that were not selected as parents (with
        `lm.tuning_children="improved"`: on those fitter than their parents)."""
        relative = bool(self.config.search.get("relative_target", False))
        improved = self.config.lm.get("tuning_children", TUNING_CHILDREN[0]) == "improved"
        examples = tuning_examples(
            state.population, children, self.header, self.metric, relative, only_improved=improved
        )
        if not examples:
            reason = "no scored child fitter than its parents" if improved else "no scored non-selected child"
            self.log.event({"event": "tuning_skipped", "round": state.round, "reason": reason})
            return None
        replayed = []
        if self.tunes_lora:
            replayed = replay_examples(
                state.population,
                int(self.config.lm.tune_replay),
                children,
                self.header,
                self.metric,
                relative,
            )
        examples_key, key = jax.random.split(key)
        cap = self.config.lm.max_tuning_examples
        room = max(1, cap - len(replayed)) if cap > 0 else 0  # replayed examples count against the cap
        if 0 < room < len(examples):  # a CPU budget: a random subset, the same on a replay
            chosen = np.sort(
                np.asarray(jax.random.choice(examples_key, len(examples), (room,), replace=False))
            )
            examples = [examples[int(i)] for i in chosen]
        record = tune_state(self.lm, state, examples + replayed, tuning_config(self.config), key)
        if replayed:
            record["replayed"] = len(replayed)
        if distributed.process_count() > 1:
            # Every process tuned on the same examples; process 0's result is the one all of them keep.
            state.soft_prompt, state.opt_state_leaves, state.lora_factors = distributed.broadcast_arrays(
                (state.soft_prompt, state.opt_state_leaves, state.lora_factors), "the tuned soft prompt"
            )
            record = distributed.broadcast_json(record, "the tuning record")
        return record


def initial_soft_prompt(lm: Any, length: int, key: jax.Array) -> np.ndarray:
    """The soft prompt a search starts from: the LM's own initial prompt when it has one of `length` tokens, else
    `length` vocabulary rows drawn with `key` (the first of `state.start_keys(config.seed)`)."""
    initial = getattr(lm, "initial_soft_prompt", None)
    if initial is not None and np.shape(initial)[0] == length:
        return np.asarray(initial, np.float32)
    return np.asarray(lm.init_soft_prompt(key, length), np.float32)


def fresh_factors(lm: Any, lm_config: ml_collections.ConfigDict, key: jax.Array) -> dict[str, np.ndarray]:
    """LoRA factors of rank `tune_lora_rank` on the top `tune_lora_layers` layers of `lm` (B = 0)."""
    # Deferred: evojax_nas.lm loads transformers (about 20 s); only LM methods need it.
    from evojax_nas.lm import lora

    layers = int(lm_config.tune_lora_layers)
    if not 1 <= layers <= lm.config.num_layers:
        raise ConfigError(
            f"config.lm.tune_lora_layers must be in 1..{lm.config.num_layers} (the LM's layers), got {layers}"
        )
    settings = lora.LoraConfig(rank=int(lm_config.tune_lora_rank), layers_from=lm.config.num_layers - layers)
    return {name: np.asarray(v) for name, v in lora.init_factors(key, lm.config, settings).items()}
