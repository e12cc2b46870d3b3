"""FILTER_AND_EVAL: a round's samples become individuals of the archive.

Duplicates (a program seen before, or earlier in the round) are recorded untrained; every new program is built,
trained and scored by the evaluator, its result journaled as soon as it is known (a resumed round reuses it
instead of training again), and the alpha filter and the fitness of the task's metric spec applied. The new
programs of a round are evaluated concurrently (this process's share, one per evaluation device), and in a
multi-host run every process's results are gathered. A candidate's key is `fold_in(evaluation key, sample
index)` wherever it runs, so the population does not depend on the topology.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import jax

from evojax_nas import distributed
from evojax_nas.checkpointing import RunStore, plain, warn
from evojax_nas.population import MEASURED_FIELDS, Individual, Population, result_key
from evojax_nas.programs import program_key
from evojax_nas.sandbox.policy import ProgramPolicy
from evojax_nas.search.multihost import gather_results
from evojax_nas.search.reporting import RunLog, duration
from evojax_nas.search.sources import Sample
from evojax_nas.tasks.base import MetricSpec, Task

JOURNAL_FIELDS = ("status", *MEASURED_FIELDS)  # what the journal keeps of a result (plus its seconds)


class Evaluator(Protocol):
    """What the search needs of an evaluator (`evojax_nas.evaluator.EvaluatorPool`, or a stand-in in tests)."""

    task: Task
    policy: ProgramPolicy

    def evaluate(self, source: str, key: jax.Array, **options: Any) -> dict:
        """Builds, trains and scores one program; a result dict (`evaluation_result.make_result`)."""
        ...

    def map(
        self,
        function: Callable[[Any, Any], dict],
        jobs: Sequence[Any],
        on_result: Callable[[int, dict], None] | None = None,
    ) -> list[dict]:
        """`function(worker, job)` for every job on the evaluation workers, results in job order."""
        ...


@dataclasses.dataclass
class Estimate:
    """The one line estimating the run's evaluation time after the first trained candidate: the evaluations the
    run plans, the config's preset and warning threshold, and the task's name (for the `cpu` preset's flag)."""

    evaluations: Callable[[], int]
    preset: str
    warning_hours: float
    task_name: str
    pending: bool = True


class CandidateEvaluation:
    """Dedup, journal, evaluation and scoring of a round's samples (FILTER_AND_EVAL)."""

    def __init__(
        self,
        evaluator: Evaluator,
        store: RunStore,
        log: RunLog,
        metric: MetricSpec,
        alpha: float,
        estimate: Estimate | None = None,
    ):
        self.evaluator = evaluator
        self.store = store
        self.log = log
        self.metric = metric
        self.alpha = alpha
        self.estimate = estimate
        self.estimate_lock = threading.Lock()
        self.journal = store.read_journal()

    def evaluate_samples(
        self, population: Population, round_index: int, samples: Sequence[Sample], key: jax.Array, label: str
    ) -> list[Individual]:
        """Dedup, then train and score each new program (journal first); every sample joins the archive.

        Which samples are new is decided first, in sample order (a sample whose `verdict` novelty rejection
        decided is new or a duplicate as decided); the new ones are then evaluated concurrently and the results
        gathered from every process."""
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
            probe = dataclasses.replace(mine[position])  # the status the search will give it (alpha included)
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
        expected = [i.sample_index for i in pending]
        return gather_results(by_index, expected, f"round {round_index + 1} results")

    def evaluate_one(
        self, evaluator: Evaluator, round_index: int, index: int, key_text: str, source: str, key: jax.Array
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
        names = [result_key(field, self.metric) for field in JOURNAL_FIELDS]
        result = {name: plain(result.get(name)) for name in names}
        elapsed = time.perf_counter() - started
        # The journal keeps milliseconds; the estimate scales the measured time (a sub-millisecond one too).
        result["seconds"] = round(elapsed, 3)
        if trained:
            self.report_estimate(elapsed)
        record = {"round": round_index, "index": index, "key": key_text, "result": result}
        self.store.append_journal(record)
        self.journal[(round_index, index)] = record
        return result

    def fill(self, individual: Individual, result: dict) -> None:
        """Copies an evaluation result into an individual and applies the alpha filter and the fitness."""
        for field in (*MEASURED_FIELDS, "seconds"):
            setattr(individual, field, result.get(result_key(field, self.metric)))
        status = result["status"]
        if status == "ok" and individual.num_params is not None and individual.val_accuracy is not None:
            individual.num_params = int(individual.num_params)
            individual.fitness = self.metric.fitness(individual.num_params, individual.val_accuracy)
            individual.status = (
                "ok" if self.metric.passes(individual.val_accuracy, self.alpha) else "filtered"
            )
        else:
            individual.status = "failed" if status == "failed" else "rejected"

    def report_estimate(self, seconds: float) -> None:
        """Once per process, after the first candidate it trained: one line estimating the evaluation time of
        the whole run on the present evaluation workers, and a warning when that is far beyond what the preset
        is meant for (for example the paper preset on a CPU), naming the `cpu` preset."""
        with self.estimate_lock:
            if self.estimate is None or not self.estimate.pending:
                return
            self.estimate.pending = False
        estimate = self.estimate
        evaluations = estimate.evaluations()
        workers = getattr(self.evaluator, "size", 1) * distributed.process_count()
        total = seconds * evaluations / workers
        self.log.line(
            f"estimate: the first candidate took {seconds:.0f} s to build, compile and train; the run's up to "
            f"{evaluations} evaluations take about {duration(total)} on {workers} evaluation worker(s) "
            "(LM generation and tuning come on top)"
        )
        limit = estimate.warning_hours
        if limit and total > limit * 3600 and jax.default_backend() == "cpu" and estimate.preset != "cpu":
            self.log.line(
                f"warning: about {duration(total)} is far beyond what the '{estimate.preset}' preset is meant for "
                f"on a CPU; the 'cpu' preset is sized for one: --config=configs/{estimate.task_name}.py:cpu"
            )
