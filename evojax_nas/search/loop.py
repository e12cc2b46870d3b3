"""The search loop: EvoPrompting's Algorithm 1 (docs/evoprompting.md) with the method, the operators, the
evaluator and the soft prompt as parts.

    P <- seeds, evaluated                                   initial_state
    for t in 0..T-1:                                        run_round
        C <- CROSSMUT(P)        method.plan, sources[op].draw, novelty rejection (resampling.py)
        C_eval <- FILTER_AND_EVAL(C, alpha)                 evaluation.evaluate_samples
        G <- G + C_eval
        if t < T-1: P <- GET_TOP(G, p)                      method.select
                    PROMPT_TUNE(C_eval minus P)             tuner.tune (methods that tune)
        checkpoint                                          execute
    return GET_TOP(G, p)

Randomness: one root key `jax.random.key(config.seed)`; the state carries a key that is split once per round
into generation, evaluation, selection and tuning keys, so a resumed run replays the same samples. Resample wave
w of a round draws with `fold_in(fold_in(generation key, RESAMPLE_STREAM), w)`: the first draws of a round do not
depend on `max_resamples`, and a replayed round redraws the same programs. Every sample counts toward the budget
T*m*n, whatever became of it (rejected-and-redrawn draws are not samples).
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Mapping, Sequence

import jax

from evojax_nas import distributed
from evojax_nas.checkpointing import RunStore
from evojax_nas.population import SEED_ROUND, Population, get_top
from evojax_nas.search.evaluation import CandidateEvaluation
from evojax_nas.search.methods import Method, RoundPlan
from evojax_nas.search.reporting import RunLog, brief, describe, round_line, round_scalars, round_summary
from evojax_nas.search.resampling import RESAMPLE_STREAM, Resampler
from evojax_nas.search.sources import ChildSource, Sample
from evojax_nas.search.state import SearchState, start_keys, state_fingerprint
from evojax_nas.search.tuning import Tuner
from evojax_nas.tasks.base import Task


class SearchError(RuntimeError):
    """The search cannot go on (for example, no seed program could be evaluated)."""


@dataclasses.dataclass
class Parts:
    """What a search is made of: the method, one child source per operator the method names, the evaluation of
    samples, the soft prompt (None without an LM), the task (its seeds and metric), the log and the store."""

    method: Method
    sources: Mapping[str, ChildSource]
    evaluation: CandidateEvaluation
    tuner: Tuner | None
    task: Task
    log: RunLog
    store: RunStore


class Search:
    """One run of one method in one workdir (`runner.run` builds it from a config)."""

    def __init__(self, config, parts: Parts):
        self.config = config
        self.search = config.search
        self.parts = parts
        self.method, self.log = parts.method, parts.log
        self.generation = {"draws": 0, "waves": 0}  # the last round's operator draws and resample waves
        missing = [name for name in self.method.operators if name not in parts.sources]
        if missing:
            raise SearchError(
                f"method '{self.method.name}' draws with {', '.join(missing)}: no source was given"
            )
        if self.method.tunes and parts.tuner is None:
            raise SearchError(f"method '{self.method.name}' tunes the soft prompt: it needs an LM")

    @property
    def rounds(self) -> int:
        """T for this method."""
        return self.method.num_rounds()

    # -- start -----------------------------------------------------------------------------------------------
    def initial_state(self) -> SearchState:
        """Seeds evaluated (journaled), the soft prompt started, P = the scored seeds."""
        prompt_key, seeds_key, run_key = start_keys(self.config.seed)
        state = SearchState(population=Population(), round=0, key=run_key)
        if self.parts.tuner is not None:
            self.parts.tuner.start(state, prompt_key)
        seeds = self.parts.task.seed_programs(self.config)
        if not seeds:
            raise SearchError(f"task '{self.parts.task.name}' has no seed programs")
        samples = [
            Sample(i, source, [], None, None, f"seed {name}")
            for i, (name, source) in enumerate(seeds.items())
        ]
        started = time.perf_counter()
        individuals = self.parts.evaluation.evaluate_samples(
            state.population, SEED_ROUND, samples, seeds_key, "seeds"
        )
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
        seconds = time.perf_counter() - started
        self.log.line(
            f"seeds: {len(state.population.parents)}/{len(individuals)} evaluated; best {best.origin} "
            f"{describe(best, self.parts.task.metric)} in {seconds:.0f}s"
        )
        self.log.event({"event": "seeds", "seeds": [brief(i) for i in individuals], "seconds": seconds})
        return state

    # -- one round -------------------------------------------------------------------------------------------
    def run_round(self, state: SearchState) -> None:
        """CROSSMUT, FILTER_AND_EVAL, G <- G + C_eval, GET_TOP and PROMPT_TUNE (or the final population)."""
        round_index = state.round
        state.key, round_key = jax.random.split(state.key)
        generate_key, evaluate_key, select_key, tune_key = jax.random.split(round_key, 4)
        seconds: dict[str, float] = {}
        with _timed(seconds, "generate"):
            samples = self.generate(state, round_index, generate_key)
        with _timed(seconds, "evaluate"):
            label = f"round {round_index + 1} evaluate"
            children = self.parts.evaluation.evaluate_samples(
                state.population, round_index, samples, evaluate_key, label
            )
        accepted = [c.key for c in children if c.status == "ok"]
        state.population.pool.extend(accepted)
        observed = self.method.observe(state, round_index, children)
        tuning = None
        if round_index < self.rounds - 1:
            self.method.select(state, accepted, select_key)
            if self.method.tunes:
                with _timed(seconds, "tune"):
                    tuning = self.parts.tuner.tune(state, children, tune_key)
                if tuning is None:
                    seconds.pop("tune")
        else:
            pool = (state.population.get(k) for k in state.population.pool)
            state.final = [i.key for i in get_top(pool, self.search.num_parents)]
            state.finished = True
        state.round += 1
        self.report_round(state, round_index, children, tuning, seconds, observed)

    def generate(self, state: SearchState, round_index: int, key: jax.Array) -> list[Sample]:
        """The round's samples: the method's plan drawn by each slot's operator, n per slot, in slot order; then,
        with `max_resamples` > 0, rejected draws drawn again."""
        plan = self.method.plan(state, key)
        n = self.method.samples_per_slot()
        drawn = self.draw(state, round_index, plan, range(len(plan.groups)), n, None, "generate")
        samples = [dataclasses.replace(s, index=i) for i, s in enumerate(s for slot in drawn for s in slot)]
        self.generation = {"draws": len(samples), "waves": 0}
        if self.search.max_resamples > 0:
            resampler = Resampler(
                state.population, self.parts.evaluation.evaluator.policy, n, self.search.max_resamples
            )

            def redraw(
                positions: list[int], count: int, wave_key: jax.Array, kept: list[str]
            ) -> list[list[Sample]]:
                return self.draw(state, round_index, plan, positions, count, wave_key, "resample", kept)

            samples = resampler.resample(
                plan.groups, samples, redraw, jax.random.fold_in(key, RESAMPLE_STREAM)
            )
            self.generation = {"draws": len(samples) + resampler.draws, "waves": resampler.waves}
        return samples

    def draw(
        self, state, round_index, plan: RoundPlan, positions, count, wave_key, phase, kept: Sequence[str] = ()
    ) -> list[list[Sample]]:
        """`count` draws for each slot at `positions`, each slot by its operator: a first draw (`wave_key` None)
        with the plan's randomness, a resample wave with the wave key's (folded with the operator's index when the
        method has several) and the programs of the round's samples `kept` so far."""
        drawn: dict[int, list[Sample]] = {}
        for number, name in enumerate(self.method.operators):
            mine = [p for p in positions if plan.operators[p] == name]
            if not mine:
                continue
            source = self.parts.sources[name]
            if wave_key is None:
                randomness = plan.randomness[name]
            else:
                several = len(self.method.operators) > 1
                randomness = source.randomness(
                    jax.random.fold_in(wave_key, number) if several else wave_key, kept
                )
            groups = [plan.groups[p] for p in mine]
            label = f"round {round_index + 1} {phase}"
            drawn.update(
                zip(
                    mine, source.draw(state, round_index, mine, groups, count, randomness, label), strict=True
                )
            )
        return [drawn[p] for p in positions]

    # -- reporting and checkpoints ------------------------------------------------------------------------------
    def report_round(
        self, state: SearchState, round_index: int, children, tuning, seconds: dict, observed: dict
    ) -> None:
        """The one-line summary, the event and the TensorBoard scalars of a finished round (with what the method
        observed, e.g. the hybrid's arms)."""
        metric = self.parts.task.metric
        summary = round_summary(state, round_index, children, tuning, seconds, self.generation, metric)
        summary.update(observed)
        state.history.append(summary)
        header = f"round {round_index + 1}/{self.rounds} [{self.method.name}]"
        self.log.line(round_line(summary, header, self.search.max_resamples, metric))
        self.log.event({"event": "round", **summary})
        self.log.scalars(state.samples, round_scalars(summary))

    def execute(self, state: SearchState | None) -> SearchState:
        """Runs (or continues) the search to its end, checkpointing after the seeds and after every round."""
        if state is None:
            state = self.initial_state()
            self.save(state)
        while state.round < self.rounds:
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
        self.parts.store.save(state.round, state_json, arrays)


@contextlib.contextmanager
def _timed(seconds: dict[str, float], name: str):
    """Adds the seconds its block took to `seconds[name]`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[name] = time.perf_counter() - started
