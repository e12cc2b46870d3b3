"""The EvoPrompting search (evoprompting.md) and its baselines, with checkpoints, journal and resume.

    summary = search.run(config, workdir)

Per round t (of `config.search.rounds`):
  1. CROSSMUT: m prompts, each with k parents drawn from P (without replacement when |P| >= k, else all of P),
     n samples per prompt, each at a temperature drawn from `config.search.temperatures`;
  2. every sample gets its normalised-source key; one already seen (seeds, earlier rounds, earlier in this
     round) is a duplicate and is not trained; the rest are built and trained by the evaluator. With
     `config.search.max_resamples` = r > 0 (novelty rejection, docs/evoprompting.md "Budget and duplicates"), a
     draw that copies a parent of its prompt, an archive member or an earlier sample of the round, or fails the
     static policy, is first drawn again from its prompt, up to r times (all pending prompts of a wave sampled
     together); only the last draw of a sample counts, and its rejected draws are recorded by reason;
  3. alpha filter (validation error >= alpha is dropped), fitness `-num_params * val_error`, G <- G + C_eval;
  4. if t < T-1: P <- GET_TOP(G, p), retired from G; the soft prompt is tuned on this round's scored
     children that were not selected (their prompt with their *achieved* metrics, loss on their code);
  5. a checkpoint of the whole state.
Every sample counts toward the budget T*m*n, whatever became of it (rejected-and-redrawn draws are not samples).

Methods (`config.search.method`): `evoprompting`; `no_prompt_tuning` (step 4 without tuning);
`random_parents` (P drawn uniformly from G); `naive_prompting` (one round of T*m 2-shot prompts of seed pairs,
no evolution, no tuning); `mutation` (regularised evolution with the program-mutation operator: each "prompt" is
a tournament whose k fittest are the parents, children join an aging population of
`config.search.population_size`).

Randomness: one root key `jax.random.key(config.seed)`; the state carries a key that is split once per round
into generation, evaluation, selection and tuning keys, so a resumed run replays the same samples. Resample wave
w of a round draws with `fold_in(fold_in(generation key, RESAMPLE_STREAM), w)`: the first draws of a round do
not depend on `max_resamples`, and a replayed round redraws the same programs.

Scale (evojax_nas.distributed, README "Scaling up"): a round's new programs are evaluated concurrently, one per
local device, and in a multi-host run each process evaluates its share (and samples its share of the LM prompt
chunks); the results are gathered so that every process holds the same population. A candidate's key is
`fold_in(evaluation key, sample index)` wherever it runs, so the population does not depend on the topology.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import pathlib
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import jax
import ml_collections
import numpy as np

from evojax_nas import distributed
from evojax_nas.checkpointing import RunConfigMismatch, RunStore, config_to_json, warn
from evojax_nas.population import (
    SEED_ROUND,
    Individual,
    Population,
    get_top,
    pareto_front,
    passes_alpha,
)
from evojax_nas.programs import program_key
from evojax_nas.prompting import tuning_example
from evojax_nas.sandbox.policy import PolicyViolation, check_program
from evojax_nas.tasks.base import ConfigError

METHODS = ("evoprompting", "no_prompt_tuning", "random_parents", "naive_prompting", "mutation")
LM_METHODS = ("evoprompting", "no_prompt_tuning", "random_parents", "naive_prompting")
TUNED_METHODS = ("evoprompting", "random_parents")
STATE_FORMAT = "evojax_nas.search/1"
RESULT_FIELDS = (
    "status",
    "reason",
    "num_params",
    "val_accuracy",
    "val_accuracy_std",
    "test_accuracy",
    "flops",
)
# Why a draw is rejected before training and drawn again (config.search.max_resamples): it copies a parent of its
# prompt, an earlier program of the archive, or an earlier sample of its round; or it fails the static policy.
REJECTION_REASONS = ("parent", "archive", "sibling", "policy")
RESAMPLE_STREAM = 0x5E5A  # folded into a round's generation key: the root of its resample waves' keys
# redraw(prompt positions, draws per prompt, wave key) -> the draws of each of those prompts
Redraw = Callable[[list[int], int, jax.Array], list[list["Sample"]]]


class SearchError(RuntimeError):
    """The search cannot go on (for example, no seed program could be evaluated)."""


# ---------------------------------------------------------------------------------------------------------------
# Config


def validate_search_config(config: ml_collections.ConfigDict) -> None:
    """Raises `ConfigError` naming the first invalid `search` / `lm` field and what is accepted."""
    if "search" not in config:
        raise ConfigError("the config has no 'search' section; use a config file with search presets")
    search = config.search
    if search.method not in METHODS:
        raise ConfigError(
            f"config.search.method '{search.method}' is unknown; choose one of {', '.join(METHODS)}"
        )
    for name in ("num_parents", "num_in_context", "rounds", "prompts_per_round", "samples_per_prompt"):
        value = search[name]
        if not isinstance(value, int) or value < 1:
            raise ConfigError(f"config.search.{name} must be a positive integer, got {value!r}")
    if not 0.0 < float(search.alpha) <= 1.0:
        raise ConfigError(f"config.search.alpha must be in (0, 1], got {search.alpha!r}")
    temperatures = tuple(search.temperatures)
    if not temperatures or any(float(t) < 0 for t in temperatures):
        raise ConfigError(f"config.search.temperatures must be non-negative numbers, got {temperatures!r}")
    resamples = search.get("max_resamples")
    if not isinstance(resamples, int) or isinstance(resamples, bool) or resamples < 0:
        raise ConfigError(
            "config.search.max_resamples must be a non-negative integer (0: every draw is a sample, as in the "
            f"paper), got {resamples!r}"
        )
    if search.method == "mutation":
        if search.population_size < 1 or search.tournament_size < 1:
            raise ConfigError("config.search.population_size and tournament_size must be positive integers")
        if not 0.0 <= float(search.crossover_rate) <= 1.0:
            raise ConfigError(
                f"config.search.crossover_rate must be in [0, 1], got {search.crossover_rate!r}"
            )
    if search.method in LM_METHODS:
        lm = config.lm
        for name in (
            "soft_prompt_length",
            "max_new_tokens",
            "prompts_per_call",
            "tuning_epochs",
            "tuning_batch_size",
        ):
            if not isinstance(lm[name], int) or lm[name] < 1:
                raise ConfigError(f"config.lm.{name} must be a positive integer, got {lm[name]!r}")
        if not isinstance(lm.max_tuning_examples, int) or lm.max_tuning_examples < 0:
            raise ConfigError(
                f"config.lm.max_tuning_examples must be 0 (all) or a positive integer, got {lm.max_tuning_examples!r}"
            )
        draft_tokens = lm.get("draft_tokens", 0)
        if not isinstance(draft_tokens, int) or isinstance(draft_tokens, bool) or draft_tokens < 0:
            raise ConfigError(
                f"config.lm.draft_tokens must be 0 (plain decoding) or a positive integer, got {draft_tokens!r}"
            )
        if lm.tuning_optimizer not in ("adam", "adafactor"):
            raise ConfigError(
                f"config.lm.tuning_optimizer must be 'adam' or 'adafactor', got {lm.tuning_optimizer!r}"
            )


def num_rounds(config: ml_collections.ConfigDict) -> int:
    """Rounds the method runs: one for naive prompting (its T*m prompts at once), T otherwise."""
    return 1 if config.search.method == "naive_prompting" else config.search.rounds


def _duration(seconds: float) -> str:
    """A duration in the largest sensible unit: '45 s', '12 min', '3.4 h', '2.1 days'."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def prompts_per_round(config: ml_collections.ConfigDict) -> int:
    """Prompts (or tournaments) per round; naive prompting spends the whole budget T*m in its one round."""
    search = config.search
    return (
        search.rounds * search.prompts_per_round
        if search.method == "naive_prompting"
        else search.prompts_per_round
    )


def sample_budget(config: ml_collections.ConfigDict) -> int:
    """Samples a run draws: T*m*n for every method."""
    search = config.search
    return search.rounds * search.prompts_per_round * search.samples_per_prompt


def tuning_config(config: ml_collections.ConfigDict):
    """The `evojax_nas.lm.TuningConfig` of `config.lm`."""
    from evojax_nas.lm import TuningConfig

    lm = config.lm
    return TuningConfig(
        num_epochs=lm.tuning_epochs,
        batch_size=lm.tuning_batch_size,
        learning_rate=float(lm.tuning_learning_rate),
        optimizer=lm.tuning_optimizer,
        max_length=lm.tuning_max_length,
    )


# ---------------------------------------------------------------------------------------------------------------
# State


@dataclasses.dataclass
class SearchState:
    """Everything a search needs to continue: saved after every round."""

    population: Population
    round: int  # rounds completed
    key: jax.Array  # carried PRNG key, split once per round
    soft_prompt: np.ndarray | None = None
    opt_state_leaves: list[np.ndarray] | None = None
    lm_identity: str | None = None
    aging: list[str] = dataclasses.field(default_factory=list)  # regularised evolution, oldest first
    history: list[dict] = dataclasses.field(default_factory=list)
    final: list[str] = dataclasses.field(default_factory=list)
    finished: bool = False

    @property
    def samples(self) -> int:
        """Samples drawn so far (seeds excluded)."""
        return sum(i.round != SEED_ROUND for i in self.population.archive)

    def to_checkpoint(self) -> tuple[dict, dict]:
        """`(state JSON, arrays)` for `RunStore.save`."""
        from evojax_nas.cli import json_safe

        state = {
            "format": STATE_FORMAT,
            "step": self.round,
            "round": self.round,
            "population": self.population.to_json(),
            "lm_identity": self.lm_identity,
            "aging": list(self.aging),
            "history": self.history,
            "final": list(self.final),
            "finished": self.finished,
            "counters": {"samples": self.samples, **self.population.counts()},
        }
        arrays = {"key": np.asarray(jax.random.key_data(self.key))}
        if self.soft_prompt is not None:
            arrays["soft_prompt"] = np.asarray(self.soft_prompt)
        if self.opt_state_leaves is not None:
            arrays["opt_state"] = [np.asarray(leaf) for leaf in self.opt_state_leaves]
        return json_safe(state), arrays

    @classmethod
    def from_checkpoint(cls, state: dict, arrays: dict) -> SearchState:
        """The inverse of `to_checkpoint`."""
        if state.get("format") != STATE_FORMAT:
            raise ValueError(f"checkpoint format {state.get('format')!r} is not {STATE_FORMAT!r}")
        opt_state = arrays.get("opt_state")
        if isinstance(opt_state, dict):  # a list may come back keyed by position
            opt_state = [opt_state[k] for k in sorted(opt_state, key=int)]
        return cls(
            population=Population.from_json(state["population"]),
            round=int(state["round"]),
            key=jax.random.wrap_key_data(np.asarray(arrays["key"], np.uint32)),
            soft_prompt=None if arrays.get("soft_prompt") is None else np.asarray(arrays["soft_prompt"]),
            opt_state_leaves=None if opt_state is None else [np.asarray(x) for x in opt_state],
            lm_identity=state.get("lm_identity"),
            aging=list(state.get("aging", [])),
            history=list(state.get("history", [])),
            final=list(state.get("final", [])),
            finished=bool(state.get("finished", False)),
        )


# ---------------------------------------------------------------------------------------------------------------
# Logging


class RunLog:
    """Progress bars, one-line round summaries, the event log and TensorBoard scalars."""

    def __init__(self, config: ml_collections.ConfigDict, store: RunStore):
        self.store = store
        self.progress = bool(config.get("log", {}).get("progress", True))
        self.writer = None
        if config.get("log", {}).get("tensorboard", True) and store.primary:  # one writer per run
            from tensorboardX import SummaryWriter

            self.writer = SummaryWriter(str(store.workdir / "tensorboard"))

    def bar(self, total: int, description: str):
        """A tqdm progress bar on stderr (disabled with `config.log.progress=False`)."""
        from tqdm import tqdm

        return tqdm(
            total=total,
            desc=description,
            file=sys.stderr,
            disable=not self.progress,
            leave=False,
            dynamic_ncols=True,
            mininterval=1.0,
        )

    def line(self, message: str) -> None:
        """One line on stderr."""
        print(message, file=sys.stderr, flush=True)

    def event(self, record: dict) -> None:
        """One record in events.jsonl."""
        self.store.append_event(record)

    def scalars(self, step: int, values: dict[str, float | None]) -> None:
        """TensorBoard scalars (None and NaN are skipped)."""
        if self.writer is None:
            return
        for name, value in values.items():
            if value is not None and math.isfinite(float(value)):
                self.writer.add_scalar(name, float(value), step)
        self.writer.flush()

    def close(self) -> None:
        """Closes the TensorBoard writer."""
        if self.writer is not None:
            self.writer.close()


# ---------------------------------------------------------------------------------------------------------------
# Parents and children


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
    config: ml_collections.ConfigDict,
    rng: np.random.Generator,
) -> list[list[str]]:
    """Regularised evolution's selection: each group is the k fittest of a random tournament of the members."""
    search = config.search
    groups = []
    for _ in range(num_groups):
        size = min(search.tournament_size, len(members))
        contestants = [members[int(i)] for i in rng.choice(len(members), size=size, replace=False)]
        ranked = get_top((population.get(key) for key in contestants), search.num_in_context)
        groups.append([individual.key for individual in ranked] or contestants[: search.num_in_context])
    return groups


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


def rng_from_key(key: jax.Array) -> np.random.Generator:
    """A numpy generator seeded from a JAX key (for the host-side mutation operator)."""
    return np.random.default_rng(np.asarray(jax.random.key_data(key)).astype(np.uint64).tolist())


def tuning_examples(
    population: Population, children: Sequence[Individual], header: str
) -> list[tuple[str, str]]:
    """(context, target) pairs of the round's children that passed the filter and are not current parents:
    each child's own prompt (its parents) with its achieved metrics, and its code after the header."""
    selected = set(population.parents)
    examples = []
    for child in children:
        if child.status != "ok" or child.key in selected or not child.parents:
            continue
        parents = [population.get(k).as_example() for k in child.parents]
        try:
            examples.append(tuning_example(parents, child.as_example(), header))
        except ValueError as error:  # a program that does not start with the header cannot teach it
            warn(f"child {child.key[:12]} skipped for tuning: {error}")
    return examples


def tune_state(lm, state: SearchState, examples: Sequence[tuple[str, str]], config, key: jax.Array) -> dict:
    """Tunes `state.soft_prompt` on `examples` (continuing its optimiser state) and stores both in `state`;
    returns the tuning record (examples, steps, first and last-epoch loss, prompt RMS)."""
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


# ---------------------------------------------------------------------------------------------------------------
# The search


class Search:
    """One run of one method in one workdir. Use `run(config, workdir)`."""

    def __init__(self, config: ml_collections.ConfigDict, store: RunStore, evaluator, lm=None):
        self.config = config
        self.search = config.search
        self.store = store
        self.evaluator = evaluator
        self.task = evaluator.task
        self.lm = lm
        self.log = RunLog(config, store)
        self.journal = store.read_journal()
        self.generation = {"draws": 0, "waves": 0}  # the last round's operator draws and resample waves
        self.estimate_pending = bool(config.log.get("estimate", True))  # after the first fresh evaluation
        self.estimate_lock = threading.Lock()
        self.lm_operator = None
        if lm is not None:
            from evojax_nas.operators import LMOperator

            self.lm_operator = LMOperator(
                lm,
                self.task.program_header,
                getattr(self.task, "required_imports", ()),
                temperatures=tuple(float(t) for t in self.search.temperatures),
                max_new_tokens=config.lm.max_new_tokens,
                top_p=float(config.lm.top_p),
                draft_tokens=int(config.lm.get("draft_tokens", 0)),
            )

    # -- start --------------------------------------------------------------------------------------------
    def initial_state(self) -> SearchState:
        """Seeds evaluated (journaled), the soft prompt initialised, P = the scored seeds."""
        root = jax.random.key(self.config.seed)
        prompt_key, seeds_key, run_key = jax.random.split(root, 3)
        state = SearchState(population=Population(), round=0, key=run_key)
        if self.lm is not None:
            state.lm_identity = self.lm.identity
            length = self.config.lm.soft_prompt_length
            initial = getattr(self.lm, "initial_soft_prompt", None)
            if initial is not None and np.shape(initial)[0] == length:
                state.soft_prompt = np.asarray(initial, np.float32)
            else:
                state.soft_prompt = np.asarray(self.lm.init_soft_prompt(prompt_key, length), np.float32)
        seeds = self.task.seed_programs(self.config)
        if not seeds:
            raise SearchError(f"task '{self.task.name}' has no seed programs")
        samples = [
            Sample(index, source, [], None, None, f"seed {name}")
            for index, (name, source) in enumerate(seeds.items())
        ]
        started = time.perf_counter()
        individuals = self.evaluate_samples(state.population, SEED_ROUND, samples, seeds_key, "seeds")
        for individual in individuals:
            if individual.status == "filtered":
                individual.status = "ok"  # the alpha filter applies to children; seeds are the starting point
        state.population.parents = [i.key for i in individuals if i.status == "ok"]
        if not state.population.parents:
            reasons = "; ".join(f"{i.origin}: {i.reason}" for i in individuals)
            raise SearchError(f"no seed program could be evaluated ({reasons})")
        if self.search.seeds_in_pool:
            state.population.pool = list(state.population.parents)
        state.aging = list(state.population.parents)
        best = get_top(individuals, 1)[0]
        self.log.line(
            f"seeds: {len(state.population.parents)}/{len(individuals)} evaluated; best {best.origin} "
            f"fitness {best.fitness:.1f} ({best.num_params:,} params, val {best.val_accuracy:.3f}) "
            f"in {time.perf_counter() - started:.0f}s"
        )
        self.log.event(
            {
                "event": "seeds",
                "seeds": [_brief(i) for i in individuals],
                "seconds": time.perf_counter() - started,
            }
        )
        return state

    # -- one round -----------------------------------------------------------------------------------------
    def run_round(self, state: SearchState) -> None:
        """Draws, evaluates and selects one round; tunes the soft prompt if the method does."""
        round_index = state.round
        total_rounds = num_rounds(self.config)
        state.key, round_key = jax.random.split(state.key)
        generate_key, evaluate_key, select_key, tune_key = jax.random.split(round_key, 4)
        seconds = {}
        population = state.population

        started = time.perf_counter()
        samples = self.generate(state, round_index, generate_key)
        seconds["generate"] = time.perf_counter() - started

        started = time.perf_counter()
        children = self.evaluate_samples(
            population, round_index, samples, evaluate_key, f"round {round_index + 1} evaluate"
        )
        seconds["evaluate"] = time.perf_counter() - started
        accepted = [c.key for c in children if c.status == "ok"]
        population.pool.extend(accepted)

        tuning = None
        last_round = round_index == total_rounds - 1
        if not last_round:
            self.select(state, accepted, select_key)
            if self.search.method in TUNED_METHODS:
                started = time.perf_counter()
                tuning = self.tune(state, children, tune_key)
                if tuning is not None:
                    seconds["tune"] = time.perf_counter() - started
        else:
            state.final = [
                i.key for i in get_top((population.get(k) for k in population.pool), self.search.num_parents)
            ]
            state.finished = True
        state.round += 1
        self.report_round(state, round_index, children, tuning, seconds)

    def generate(self, state: SearchState, round_index: int, key: jax.Array) -> list[Sample]:
        """The round's samples: LM prompts of k parents, or mutations of tournament winners; then, with
        `max_resamples` > 0, rejected draws drawn again (`resample`)."""
        population, search = state.population, self.search
        num_groups = prompts_per_round(self.config)
        if search.method == "mutation":
            groups, samples, redraw = self.generate_mutations(state, round_index, num_groups, key)
        else:
            group_key, sample_key = jax.random.split(key)
            if search.method == "naive_prompting":
                members = [i.key for i in population.seeds() if i.status == "ok"]
            else:
                members = population.parents
            groups = draw_groups(members, num_groups, search.num_in_context, group_key)
            made = self.sample_lm(
                state, groups, search.samples_per_prompt, sample_key, f"round {round_index + 1} generate"
            )
            samples = []
            for position, (group, children) in enumerate(zip(groups, made, strict=True)):
                prompt_id = f"r{round_index}p{position}"
                population.prompts[prompt_id] = children[0].prompt if children else ""
                for child in children:
                    samples.append(
                        Sample(len(samples), child.source, list(group), prompt_id, _temperature(child), "lm")
                    )

            def redraw(positions: list[int], count: int, wave_key: jax.Array) -> list[list[Sample]]:
                chosen = [groups[p] for p in positions]
                label = f"round {round_index + 1} resample"
                made = self.sample_lm(state, chosen, count, wave_key, label)
                return [
                    [
                        Sample(-1, c.source, list(groups[p]), f"r{round_index}p{p}", _temperature(c), "lm")
                        for c in children
                    ]
                    for p, children in zip(positions, made, strict=True)
                ]

        self.generation = {"draws": len(samples), "waves": 0}
        if search.max_resamples > 0:
            samples = self.resample(
                population, groups, samples, redraw, jax.random.fold_in(key, RESAMPLE_STREAM)
            )
        return samples

    def sample_lm(
        self, state: SearchState, groups: Sequence[Sequence[str]], count: int, key: jax.Array, label: str
    ) -> list[list]:
        """`count` LM children (`operators.Child`) of one prompt per group of parent keys: `prompts_per_call`
        prompts per sampler call, chunk c sampled with `fold_in(key, c)` by process `owner(c)`, then gathered."""
        population = state.population
        per_call = self.config.lm.prompts_per_call
        starts = range(0, len(groups), per_call)
        bar = self.log.bar(len(groups) * count, label)
        soft_prompt = None if state.soft_prompt is None else jax.numpy.asarray(state.soft_prompt)
        made_by_chunk = {}
        for chunk_index, start in enumerate(starts):  # each process samples its share of the chunks
            if distributed.owner(chunk_index) != distributed.process_index():
                continue
            chunk = groups[start : start + per_call]
            examples = [[population.get(k).as_example() for k in group] for group in chunk]
            made_by_chunk[chunk_index] = self.lm_operator.generate(
                examples, count, jax.random.fold_in(key, chunk_index), soft_prompt
            )
            bar.update(len(chunk) * count)
        bar.close()
        if distributed.process_count() > 1:
            made_by_chunk = gather_children(made_by_chunk)
        return [made for chunk_index in range(len(starts)) for made in made_by_chunk[chunk_index]]

    def generate_mutations(
        self, state: SearchState, round_index: int, num_groups: int, key: jax.Array
    ) -> tuple[list[list[str]], list[Sample], Redraw]:
        """Regularised evolution's children: tournaments over the aging population, mutation or crossover.
        Returns the groups (tournament winners), the samples and the `redraw` function of `resample`."""
        from evojax_nas.operators import MutationOperator
        from evojax_nas.program_mutation import ProgramMutator

        rules, crossover = self.task.mutation_rules()
        operator = MutationOperator(
            ProgramMutator(rules, crossover, self.evaluator.policy),
            crossover_rate=float(self.search.crossover_rate),
        )
        population = state.population

        def draw(groups, count: int, rng: np.random.Generator) -> list[list[Sample]]:
            examples = [[population.get(k).as_example() for k in group] for group in groups]
            made = operator.generate(examples, count, rng)
            return [
                [
                    Sample(-1, c.source, [group[i] for i in c.parents], None, None, f"mutation: {c.origin}")
                    for c in children
                ]
                for group, children in zip(groups, made, strict=True)
            ]

        rng = rng_from_key(key)
        groups = tournament_groups(population, state.aging, num_groups, self.config, rng)
        drawn = draw(groups, self.search.samples_per_prompt, rng)
        samples = [
            dataclasses.replace(sample, index=index)
            for index, sample in enumerate(s for children in drawn for s in children)
        ]

        def redraw(positions: list[int], count: int, wave_key: jax.Array) -> list[list[Sample]]:
            return draw([groups[p] for p in positions], count, rng_from_key(wave_key))

        return groups, samples, redraw

    # -- novelty rejection -----------------------------------------------------------------------------------
    def rejection(
        self, sample: Sample, group: Sequence[str], population: Population, claimed: dict[str, int]
    ) -> str | None:
        """Why `sample` would be rejected before training (one of REJECTION_REASONS), or None: it copies a
        parent of its prompt (`group`), a program of the archive, a sample of this round that was kept
        (`claimed`: key -> sample index), or fails the task's static policy."""
        key_text = program_key(sample.source)
        if key_text in group:
            return "parent"
        if population.seen(key_text):
            return "archive"
        if key_text in claimed:
            return "sibling"
        try:
            check_program(sample.source, self.evaluator.policy)
        except PolicyViolation:
            return "policy"
        return None

    def resample(
        self,
        population: Population,
        groups: Sequence[Sequence[str]],
        samples: list[Sample],
        redraw: Redraw,
        key: jax.Array,
    ) -> list[Sample]:
        """Novelty rejection: each sample whose draw `rejection` refuses is drawn again from its prompt, up to
        `max_resamples` times; the last draw is kept and every sample gets its verdict and attempt counts.

        Samples are checked in index order (a later copy of a kept sample is the sibling). Wave w (1, 2, ...)
        redraws every pending prompt at once: `redraw(prompt positions, count, fold_in(key, w))` gives `count`
        draws per prompt, `count` being the most samples pending on one prompt rounded up to a power of two (at
        most n: fewer sampler shapes to compile; a decode row costs little next to a compile); the j-th pending
        sample of a prompt (index order) takes its j-th draw, then the prompt's spare draws go, in order, to its
        samples still rejected with draws left. Deterministic given `key`; `self.generation` records draws and
        waves."""
        per_prompt = self.search.samples_per_prompt
        limit = 1 + int(self.search.max_resamples)
        samples = list(samples)
        attempts = [1] * len(samples)
        rejected = [dict.fromkeys(REJECTION_REASONS, 0) for _ in samples]
        reasons: dict[int, str] = {}  # pending sample index -> why its current draw is rejected
        claimed: dict[str, int] = {}

        def check(index: int) -> None:
            reason = self.rejection(samples[index], groups[index // per_prompt], population, claimed)
            if reason is None:
                claimed[program_key(samples[index].source)] = index
                reasons.pop(index, None)
            else:
                reasons[index] = reason

        def take(index: int, draw: Sample) -> None:
            rejected[index][reasons[index]] += 1
            attempts[index] += 1
            samples[index] = dataclasses.replace(draw, index=index)
            check(index)

        for index in range(len(samples)):
            check(index)
        wave = 0
        while wave < limit - 1 and any(attempts[i] < limit for i in reasons):
            wave += 1
            pending: dict[int, list[int]] = {}
            for index in sorted(reasons):
                if attempts[index] < limit:
                    pending.setdefault(index // per_prompt, []).append(index)
            positions = sorted(pending)
            most = max(len(members) for members in pending.values())
            count = min(per_prompt, 1 << (most - 1).bit_length())
            drawn = redraw(positions, count, jax.random.fold_in(key, wave))
            self.generation["draws"] += sum(len(draws) for draws in drawn)
            self.generation["waves"] = wave
            by_position = dict(zip(positions, drawn, strict=True))
            for index in sorted(i for members in pending.values() for i in members):
                position = index // per_prompt
                take(index, by_position[position][pending[position].index(index)])
            for position in positions:  # the spare draws of each prompt
                for draw in by_position[position][len(pending[position]) :]:
                    waiting = [i for i in pending[position] if i in reasons and attempts[i] < limit]
                    if not waiting:
                        break
                    take(waiting[0], draw)
        verdicts = {}
        for index in range(len(samples)):
            reason = reasons.get(index)
            verdicts[index] = "new" if reason is None else "policy" if reason == "policy" else "duplicate"
        return [
            dataclasses.replace(
                sample,
                attempts=attempts[index],
                rejected_attempts={k: v for k, v in rejected[index].items() if v},
                verdict=verdicts[index],
            )
            for index, sample in enumerate(samples)
        ]

    def evaluate_samples(
        self, population: Population, round_index: int, samples: Sequence[Sample], key: jax.Array, label: str
    ) -> list[Individual]:
        """Dedup, then train and score each new program (journal first); every sample joins the archive.

        Which samples are new is decided first, in sample order (a sample whose `verdict` novelty rejection
        decided is new or a duplicate as decided); the new ones are then evaluated concurrently (this process's
        share, one per evaluation device) and the results gathered from every process."""
        individuals, pending = [], []
        claimed = {program_key(sample.source) for sample in samples if sample.verdict == "new"}
        for sample in samples:
            key_text = program_key(sample.source)
            individual = Individual(
                key=key_text,
                source=sample.source,
                status="duplicate",
                round=round_index,
                sample_index=sample.index,
                origin=sample.origin,
                parents=list(sample.parents),
                prompt_id=sample.prompt_id,
                temperature=sample.temperature,
                attempts=sample.attempts,
                rejected_attempts=dict(sample.rejected_attempts),
            )
            if sample.verdict == "new":
                pending.append(individual)
            elif sample.verdict != "duplicate" and not population.seen(key_text) and key_text not in claimed:
                claimed.add(key_text)
                pending.append(individual)
            individuals.append(individual)
        results = self.evaluate_new(round_index, pending, key, label, len(samples))
        for individual in individuals:
            if individual.sample_index in results:  # not a duplicate
                self.fill(individual, results[individual.sample_index])
            population.add(individual)
        return individuals

    def evaluate_new(
        self, round_index: int, pending: Sequence[Individual], key: jax.Array, label: str, total: int
    ) -> dict[int, dict]:
        """Results of the `pending` programs by sample index: this process evaluates its share of them on its
        evaluation devices, then every process's results are gathered."""
        bar = self.log.bar(total, label)
        bar.update(total - len(pending))  # duplicates: nothing to evaluate
        counts = {"valid": 0, "duplicate": total - len(pending), "rejected": 0, "failed": 0, "filtered": 0}
        mine = distributed.share(pending)

        def evaluate(evaluator, individual: Individual) -> dict:
            return self.evaluate_one(
                evaluator, round_index, individual.sample_index, individual.key, individual.source, key
            )

        def progress(position: int, result: dict) -> None:
            # The status the search will give it (the alpha filter included).
            probe = dataclasses.replace(mine[position])
            self.fill(probe, result)
            counts["valid" if probe.status == "ok" else probe.status] += 1
            bar.set_postfix(counts, refresh=False)
            bar.update(distributed.process_count())  # the others' progress, assumed alike

        try:
            results = self.evaluator.map(evaluate, mine, progress)
        finally:
            bar.close()
        by_index = {individual.sample_index: result for individual, result in zip(mine, results, strict=True)}
        if distributed.process_count() == 1:
            return by_index
        gathered = {}
        for part in distributed.allgather_json(
            {str(index): result for index, result in by_index.items()}, f"round {round_index + 1} results"
        ):
            gathered.update({int(index): result for index, result in part.items()})
        missing = [i.sample_index for i in pending if i.sample_index not in gathered]
        if missing:
            raise distributed.DistributedError(f"no process returned the results of samples {missing}")
        return gathered

    def evaluate_one(
        self, evaluator, round_index: int, index: int, key_text: str, source: str, key: jax.Array
    ) -> dict:
        """The journaled result of (round, index) if it is this program's, else a fresh evaluation (journaled).
        Runs on an evaluation thread, with `evaluator`'s device as the default device."""
        record = self.journal.get((round_index, index))
        if record is not None and record.get("key") == key_text:
            return record["result"]
        if record is not None:
            warn(
                f"journal entry for round {round_index} sample {index} is for another program; re-evaluating"
            )
        started = time.perf_counter()
        # The candidate's own training bar (step, loss, validation so far) shows under the evaluation bar.
        result = evaluator.evaluate(source, jax.random.fold_in(key, index), progress=self.log.progress)
        trained = result.get("compile_seconds") is not None  # it was compiled (and trained, or failed at it)
        result = {name: _plain(result.get(name)) for name in RESULT_FIELDS}
        result["seconds"] = round(time.perf_counter() - started, 3)
        if trained:
            self.report_estimate(result["seconds"])
        record = {"round": round_index, "index": index, "key": key_text, "result": result}
        self.store.append_journal(record)
        self.journal[(round_index, index)] = record
        return result

    def report_estimate(self, seconds: float) -> None:
        """Once per process, after the first candidate it trained: one line estimating the evaluation time of
        the whole run on the present evaluation workers, and a warning when that is far beyond what the preset
        is meant for (for example the paper preset on a CPU), naming the `cpu` preset."""
        with self.estimate_lock:
            if not self.estimate_pending:
                return
            self.estimate_pending = False
        search = self.search
        evaluations = len(self.task.seed_programs(self.config)) + num_rounds(self.config) * prompts_per_round(
            self.config
        ) * int(search.samples_per_prompt)
        workers = getattr(self.evaluator, "size", 1) * distributed.process_count()
        total = seconds * evaluations / workers
        self.log.line(
            f"estimate: the first candidate took {seconds:.0f} s to build, compile and train; the run's up to "
            f"{evaluations} evaluations take about {_duration(total)} on {workers} evaluation worker(s) "
            "(LM generation and tuning come on top)"
        )
        limit_hours = float(self.config.log.get("long_run_warning_hours", 0) or 0)
        preset = str(self.config.get("preset", ""))
        if limit_hours and total > limit_hours * 3600 and jax.default_backend() == "cpu" and preset != "cpu":
            self.log.line(
                f"warning: about {_duration(total)} is far beyond what the '{preset}' preset is meant for on a "
                f"CPU; the 'cpu' preset is sized for one: --config=configs/{self.task.name}.py:cpu"
            )

    def fill(self, individual: Individual, result: dict) -> None:
        """Copies an evaluation result into an individual and applies the alpha filter."""
        for name in (
            "reason",
            "num_params",
            "val_accuracy",
            "val_accuracy_std",
            "test_accuracy",
            "flops",
            "seconds",
        ):
            setattr(individual, name, result.get(name))
        status = result["status"]
        if status == "ok" and individual.num_params is not None and individual.val_accuracy is not None:
            individual.num_params = int(individual.num_params)
            individual.fitness = -float(individual.num_params) * (1.0 - float(individual.val_accuracy))
            individual.status = "ok" if passes_alpha(individual, float(self.search.alpha)) else "filtered"
        else:
            individual.status = "failed" if status == "failed" else "rejected"

    # -- selection and tuning ------------------------------------------------------------------------------------
    def select(self, state: SearchState, accepted: list[str], key: jax.Array) -> None:
        """The next parents: GET_TOP(G, p) (random_parents: uniform from G; mutation: the aging population)."""
        population, search = state.population, self.search
        if search.method == "mutation":
            state.aging = (state.aging + accepted)[-search.population_size :]
            population.parents = list(state.aging)
            return
        if search.method == "random_parents":
            chosen = population.select_random(search.num_parents, rng_from_key(key), search.retire_parents)
        else:
            chosen = population.select_top(search.num_parents, search.retire_parents)
        if chosen:
            population.parents = chosen
        else:
            warn("no child passed the filter this round; the parents stay the same")

    def tune(self, state: SearchState, children: Sequence[Individual], key: jax.Array) -> dict | None:
        """Soft prompt-tuning on the round's scored children that were not selected as parents."""
        examples = tuning_examples(state.population, children, self.task.program_header)
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

    # -- reporting ---------------------------------------------------------------------------------------------
    def report_round(self, state: SearchState, round_index: int, children, tuning, seconds: dict) -> None:
        """The one-line summary, the event and the TensorBoard scalars of a finished round."""
        population = state.population
        counts = population.counts(children)
        scored_children = population.scored(include_seeds=False)
        best = get_top(scored_children, 1)
        best = best[0] if best else None
        front = pareto_front(scored_children)
        num = max(1, len(children))
        valid_rate = (counts["ok"] + counts["filtered"]) / num
        novel_rate = 1.0 - counts["duplicate"] / num
        attempts = attempt_counts(children)
        summary = {
            "round": round_index + 1,
            "samples": len(children),
            "total_samples": state.samples,
            **counts,
            "valid_rate": valid_rate,
            "novel_rate": novel_rate,
            **attempts,
            "draws": self.generation["draws"],
            "resample_waves": self.generation["waves"],
            "best_fitness": None if best is None else best.fitness,
            "best_num_params": None if best is None else best.num_params,
            "best_val_accuracy": None if best is None else best.val_accuracy,
            "best_key": None if best is None else best.key,
            "pareto_front_size": len(front),
            "pool_size": len(population.pool),
            "parents": list(population.parents),
            "tuning": tuning,
            "seconds": {name: round(value, 2) for name, value in seconds.items()},
        }
        state.history.append(summary)
        best_text = (
            "no scored child yet"
            if best is None
            else f"best fitness {best.fitness:.1f} ({best.num_params:,} params, val {best.val_accuracy:.3f})"
        )
        tuning_text = (
            f"; tuning loss {tuning['first_loss']:.3f}->{tuning['loss']:.3f} on {tuning['examples']}"
            if tuning
            else ""
        )
        timing = " ".join(f"{name} {value:.0f}s" for name, value in seconds.items())
        rejected = attempts["rejected_before_training"]
        attempts_text = (
            f"; {attempts['attempts']} attempts, rejected before training: "
            + ", ".join(f"{reason} {rejected[reason]}" for reason in REJECTION_REASONS)
            + f" ({summary['resample_waves']} resample waves)"
            if self.search.max_resamples > 0
            else ""
        )
        self.log.line(
            f"round {round_index + 1}/{num_rounds(self.config)} [{self.search.method}]: {len(children)} samples "
            f"(ok {counts['ok']}, filtered {counts['filtered']}, duplicate {counts['duplicate']}, rejected "
            f"{counts['rejected']}, failed {counts['failed']}){attempts_text}; {best_text}; front {len(front)}"
            f"{tuning_text}; {timing}"
        )
        self.log.event({"event": "round", **summary})
        self.log.scalars(
            state.samples,
            {
                "search/best_fitness": summary["best_fitness"],
                "search/best_val_accuracy": summary["best_val_accuracy"],
                "search/pareto_front_size": len(front),
                "search/valid_rate": valid_rate,
                "search/novel_rate": novel_rate,
                "search/round": round_index + 1,
                "search/attempts": attempts["attempts"],
                "search/resamples": attempts["resamples"],
                **{f"search/rejected_{reason}": rejected[reason] for reason in REJECTION_REASONS},
                "tuning/loss": None if tuning is None else tuning["loss"],
                **{f"seconds/{name}": value for name, value in seconds.items()},
            },
        )

    # -- driver ------------------------------------------------------------------------------------------------
    def execute(self, state: SearchState | None) -> SearchState:
        """Runs (or continues) the search to its end, checkpointing after the seeds and after every round."""
        if state is None:
            state = self.initial_state()
            self.save(state)
        while state.round < num_rounds(self.config):
            self.run_round(state)
            started = time.perf_counter()
            self.save(state)
            self.log.scalars(state.samples, {"seconds/checkpoint": time.perf_counter() - started})
        return state

    def save(self, state: SearchState) -> None:
        """Checkpoints the state as step `state.round` (in a multi-host run, after checking that every process
        holds the same state; Orbax writes it once)."""
        state_json, arrays = state.to_checkpoint()
        if distributed.process_count() > 1:
            distributed.check_same(
                state_fingerprint(state_json, arrays), f"the state after round {state.round}"
            )
        self.store.save(state.round, state_json, arrays)


def gather_children(made_by_chunk: dict[int, list]) -> dict[int, list]:
    """Every process's sampled children (`{chunk index: [[Child, ...] per prompt]}`), merged."""
    from evojax_nas.operators import Child

    local = {
        str(chunk): [[dataclasses.asdict(child) for child in made] for made in groups]
        for chunk, groups in made_by_chunk.items()
    }
    merged = {}
    for part in distributed.allgather_json(local, "the sampled programs"):
        for chunk, groups in part.items():
            merged[int(chunk)] = [
                [Child(**{**fields, "parents": tuple(fields["parents"])}) for fields in made]
                for made in groups
            ]
    return merged


def attempt_counts(individuals: Sequence[Individual]) -> dict:
    """Novelty rejection's counts over `individuals`: their draws (`attempts`), the draws rejected before
    training and drawn again (`resamples`), those by reason, and how many samples needed more than one draw."""
    rejected = {
        reason: sum(i.rejected_attempts.get(reason, 0) for i in individuals) for reason in REJECTION_REASONS
    }
    return {
        "attempts": sum(i.attempts for i in individuals),
        "resamples": sum(rejected.values()),
        "resampled_samples": sum(i.attempts > 1 for i in individuals),
        "rejected_before_training": rejected,
    }


def state_fingerprint(state_json: dict, arrays: dict) -> str:
    """A digest of what every process of a run must agree on: the state without its timings, and the arrays."""
    digest = hashlib.sha256(
        json.dumps({k: v for k, v in state_json.items() if k != "history"}, sort_keys=True).encode()
    )
    for leaf in jax.tree.leaves(arrays):
        digest.update(np.ascontiguousarray(leaf).tobytes())
    return digest.hexdigest()


def _temperature(child) -> float | None:
    """The child's sampling temperature as the config wrote it (the sampler hands back float32 values)."""
    return None if child.temperature is None else round(float(child.temperature), 6)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def _brief(individual: Individual) -> dict:
    return {
        "key": individual.key,
        "origin": individual.origin,
        "status": individual.status,
        "num_params": individual.num_params,
        "val_accuracy": individual.val_accuracy,
        "fitness": individual.fitness,
        "reason": individual.reason,
    }


def summarize(state: SearchState, workdir: pathlib.Path, config: ml_collections.ConfigDict) -> dict:
    """The JSON summary `main` prints: counts, the final population, where things are."""
    population = state.population
    final = [population.get(k) for k in state.final]
    children = [i for i in population.archive if i.round != SEED_ROUND]
    return {
        "workdir": str(workdir),
        "method": config.search.method,
        "finished": state.finished,
        "rounds": state.round,
        "samples": state.samples,
        "budget": sample_budget(config),
        **population.counts(children),
        **attempt_counts(children),
        "final_population": [_brief(i) for i in final],
    }


def load_language_model(config: ml_collections.ConfigDict):
    """The LM named by `config.lm.checkpoint` (raises `evojax_nas.lm.CheckpointError`)."""
    import jax.numpy as jnp

    from evojax_nas import lm as lm_package

    # This host's devices: in a multi-host run each process samples its own prompt chunks.
    mesh = lm_package.make_mesh(devices=jax.local_devices())
    return lm_package.load(config.lm.checkpoint, dtype=jnp.dtype(config.lm.dtype), mesh=mesh)


def run(config: ml_collections.ConfigDict, workdir: str | pathlib.Path) -> dict:
    """Runs or resumes the search in `workdir`; returns the summary (with `already_finished` if it was).

    Raises `RunConfigMismatch` for a resume with a different search config, `ConfigError` for a bad config."""
    from evojax_nas.evaluator import EvaluatorPool

    validate_search_config(config)
    distributed.initialize(config)
    workdir = pathlib.Path(workdir)
    store = RunStore(workdir, distributed.process_index())
    resuming = open_workdir(store, config)
    try:
        restored = store.restore_latest() if resuming else None
        state = None
        if restored is not None:
            step, state_json, arrays = restored
            state = SearchState.from_checkpoint(state_json, arrays)
            if state.finished:
                summary = summarize(state, workdir, config)
                summary["already_finished"] = True
                return summary
            print(f"resuming {workdir} after round {state.round} ({state.samples} samples)", file=sys.stderr)
            store.append_event({"event": "resume", "step": step, "round": state.round})
        else:
            store.append_event({"event": "start", "config": config_to_json(config)})
        lm = None
        if config.search.method in LM_METHODS:
            started = time.perf_counter()
            lm = load_language_model(config)
            print(
                f"loaded LM {config.lm.checkpoint} in {time.perf_counter() - started:.1f}s", file=sys.stderr
            )
            if state is not None and state.lm_identity not in (None, lm.identity):
                raise SearchError(
                    f"the checkpointed soft prompt belongs to LM {state.lm_identity}, but config.lm.checkpoint "
                    f"'{config.lm.checkpoint}' now loads {lm.identity}"
                )
        with EvaluatorPool(config, distributed.evaluation_devices(config), search=True) as evaluator:
            search = Search(config, store, evaluator, lm)
            try:
                state = search.execute(state)
            finally:
                search.log.close()
        summary = summarize(state, workdir, config)
        store.append_event(
            {"event": "finished", **{k: v for k, v in summary.items() if k != "final_population"}}
        )
        return summary
    finally:
        store.close()


def open_workdir(store: RunStore, config: ml_collections.ConfigDict) -> bool:
    """`store.check_or_save_config(config)`, done by process 0 of a multi-host run and its outcome shared; every
    other process then checks that it sees the same workdir. Returns True when resuming."""
    if distributed.process_count() == 1:
        return store.check_or_save_config(config)
    outcome = None
    if distributed.is_primary():
        try:
            outcome = {"resuming": store.check_or_save_config(config)}
        except RunConfigMismatch as error:
            outcome = {"mismatch": str(error)}
    outcome = distributed.broadcast_json(outcome, "the workdir's config check")
    if "mismatch" in outcome:
        raise RunConfigMismatch(outcome["mismatch"])
    if not store.config_path.exists():
        raise distributed.DistributedError(
            f"process {distributed.process_index()} does not see {store.config_path}, which process 0 wrote: the "
            "processes of a multi-host run need one workdir on a shared filesystem (persistent disk, NFS, "
            "mounted bucket)"
        )
    return outcome["resuming"]


def restore_state(workdir: str | pathlib.Path) -> SearchState:
    """The newest restorable checkpointed state of a run (falls back past unreadable checkpoints)."""
    store = RunStore(workdir)
    try:
        restored = store.restore_latest(record_events=False)
    finally:
        store.close()
    if restored is None:
        raise FileNotFoundError(f"no restorable checkpoint in {pathlib.Path(workdir) / 'checkpoints'}")
    _, state_json, arrays = restored
    return SearchState.from_checkpoint(state_json, arrays)
