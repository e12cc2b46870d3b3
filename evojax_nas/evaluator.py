"""Evaluates candidate programs from their source text: policy, sandboxed build, budget checks, training.

    evaluator = Evaluator(config)
    result = evaluator.evaluate(source, key)   # dict with status, reason, num_params, val_accuracy, ...
    evaluator.close()

    with EvaluatorPool(config, jax.local_devices()) as pool:   # one candidate trains at a time on each device
        results = pool.map(lambda evaluator, job: evaluator.evaluate(*job), jobs)

With `config.train.overlap` the pool runs two jobs per device: while one candidate trains, the next one is
checked, built in the sandbox, loaded and compiled (the builds take turns on the device's sandbox worker and the
trainings on the device), so build and compile time hide behind training. Results are the same either way.

A bad program never raises: it comes back with status "rejected" (breaks the contract, the policy or the
budget) or "failed" (crashed, timed out, diverged), and a one-line reason.
"""

from __future__ import annotations

import contextlib
import dataclasses
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import jax
import ml_collections

from evojax_nas.evaluation_result import make_result
from evojax_nas.exported import ArtifactError
from evojax_nas.programs import program_key
from evojax_nas.sandbox.client import SandboxClient
from evojax_nas.sandbox.isolation import FILESYSTEM_VIEWS, SandboxLimits
from evojax_nas.sandbox.policy import PolicyViolation, check_program
from evojax_nas.tasks.common import require
from evojax_nas.tasks.registry import get_task
from evojax_nas.training import CandidateFailed, training_gate


def sandbox_limits(config: ml_collections.ConfigDict) -> SandboxLimits:
    """The sandbox limits from `config.sandbox`."""
    sandbox = config.sandbox
    filesystem = str(sandbox.get("filesystem", "minimal"))
    require(
        filesystem in FILESYSTEM_VIEWS,
        f"config.sandbox.filesystem must be one of {FILESYSTEM_VIEWS}, got {filesystem!r}",
    )
    return SandboxLimits(
        wall_seconds=float(sandbox.wall_seconds),
        cpu_seconds=int(sandbox.cpu_seconds),
        address_space_bytes=int(sandbox.address_space_bytes),
        file_size_bytes=int(sandbox.file_size_bytes),
        scratch_bytes=int(sandbox.scratch_bytes),
        max_result_bytes=int(sandbox.max_result_bytes),
        filesystem=filesystem,
    )


class Evaluator:
    """Turns program source texts into measured metrics, safely. Two threads may evaluate at once (as
    `EvaluatorPool` does with `config.train.overlap`): their sandbox builds take turns, and so do their trainings
    (`training_gate`), while one's build and compile overlap the other's training.

    With `search=True` a candidate is scored under each of the task's `search_configs` (CLRS: every algorithm of
    `config.task.search_algorithms`) and the results are combined by the task; the first that is not `ok` is
    the candidate's result."""

    def __init__(self, config: ml_collections.ConfigDict, search: bool = False):
        self.config = config
        self.task = get_task(config.task.name)
        self.task.validate_config(config)
        self.configs = self.task.search_configs(config) if search else [("", config)]
        self.policy = dataclasses.replace(self.task.policy, max_source_chars=config.sandbox.max_source_chars)
        self.sandbox = SandboxClient(self.task.name, sandbox_limits(config))
        self._build_lock = threading.Lock()  # one build at a time on the sandbox worker
        self._train_lock = threading.Lock()  # one training at a time on this evaluator's device
        # Whether a program was trained and scored here (then the task's data caches are filled).
        self.trained = False

    def evaluate(self, source: str, key: jax.Array, *, dry_run: bool = False, progress: bool = False) -> dict:
        """Evaluates one program; see the module docstring."""
        common = {"program_key": program_key(source), "num_seeds": self.config.train.num_seeds}
        try:
            check_program(source, self.policy)
        except PolicyViolation as error:
            return make_result(status="rejected", reason=f"policy: {error}", **common)
        if len(self.configs) == 1:
            return self._build_and_score(source, key, self.configs[0][1], common, dry_run, progress)
        results = []
        # The same key for each: a candidate's seeds do not depend on the order.
        for label, config in self.configs:
            result = self._build_and_score(source, key, config, common, dry_run, progress)
            if result["status"] != "ok":
                result["reason"] = f"{label}: {result['reason']}" if label else result["reason"]
                return result
            results.append(result)
        return make_result(metric=self.task.metric, **{**common, **self.task.combine(results)})

    def _build_and_score(
        self, source: str, key: jax.Array, config: ml_collections.ConfigDict, common: dict, dry_run, progress
    ) -> dict:
        common = dict(common)
        with self._build_lock:
            build = self.sandbox.build(source, self.task.build_config(config))
        common["sandbox_seconds"] = build.seconds
        if build.status != "ok":
            return make_result(status=build.status, reason=build.reason, **common)
        started = time.perf_counter()
        try:
            with training_gate(self._train_lock):
                metrics = self.task.score(
                    build.metadata, build.artifacts, config, key, dry_run=dry_run, progress=progress
                )
        except ArtifactError as error:
            return make_result(status="rejected", reason=f"unsafe or malformed artifact: {error}", **common)
        except CandidateFailed as error:
            return make_result(status="failed", reason=str(error), **common)
        except Exception as error:  # noqa: BLE001 - XLA errors on a candidate's program are its failure
            message = " ".join(f"{type(error).__name__}: {error}".split())[:500]
            return make_result(status="failed", reason=f"training failed: {message}", **common)
        metrics.setdefault("score_seconds", time.perf_counter() - started)
        self.trained = self.trained or (metrics.get("status") == "ok" and not dry_run)
        return make_result(metric=self.task.metric, **common, **metrics)

    def close(self) -> None:
        """Stops the sandbox worker."""
        self.sandbox.close()

    def __enter__(self) -> Evaluator:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class EvaluatorPool:
    """Evaluates many programs at once: one worker thread per device, each with its own `Evaluator` (and sandbox
    worker), taking the next job from a shared queue, so a slow candidate does not hold up the others.

    Everything a worker compiles and trains lands on its device (`jax.default_device`); a result depends on the
    job only, never on the device or the order in which jobs finish. Until a program has been trained here, jobs
    run one at a time (a job answered from a journal trains nothing): the first training fills the task's data
    caches, whose generators are not thread-safe (MNIST-1D's reseeds NumPy's global generator). With
    `config.train.overlap` two threads serve each device (see the module docstring)."""

    def __init__(
        self,
        config: ml_collections.ConfigDict,
        devices: Sequence[jax.Device] | None = None,
        search: bool = False,
    ):
        self.devices = list(devices) if devices else [None]  # None: JAX's default device
        # Sandbox workers start on first use.
        self.evaluators = [Evaluator(config, search=search) for _ in self.devices]
        self.task = self.evaluators[0].task
        self.policy = self.evaluators[0].policy
        self.overlap = bool(config.train.get("overlap", False))

    @property
    def warm(self) -> bool:
        """Whether a program was trained here already (then the task's data caches are filled)."""
        return any(evaluator.trained for evaluator in self.evaluators)

    @property
    def size(self) -> int:
        """Number of workers (programs evaluated at once)."""
        return len(self.devices)

    def evaluate(self, source: str, key: jax.Array, **options) -> dict:
        """Evaluates one program on the first worker (see `Evaluator.evaluate`)."""
        with _on_device(self.devices[0]):
            return self.evaluators[0].evaluate(source, key, **options)

    def warm_up(self, source: str, key: jax.Array) -> list[dict]:
        """Evaluates `source` once on every worker, one after the other: starts each sandbox worker and fills the
        task's data caches, so that a timed `map` measures candidates only (used by bench/eval_devices.py)."""
        return [
            self._call(worker, lambda evaluator, _: evaluator.evaluate(source, key), None)
            for worker in range(self.size)
        ]

    def map(
        self,
        function: Callable[[Evaluator, Any], dict],
        jobs: Sequence[Any],
        on_result: Callable[[int, dict], None] | None = None,
    ) -> list[dict]:
        """`[function(evaluator, job) for job in jobs]`, run on the workers concurrently; `on_result(position,
        result)` is called on this thread as each finishes. The first exception of a worker is re-raised here
        once the jobs already started have finished."""
        results: list[dict | None] = [None] * len(jobs)
        position = 0
        while not self.warm and position < len(jobs):  # one at a time until the data caches are filled
            results[position] = self._call(0, function, jobs[position])
            if on_result is not None:
                on_result(position, results[position])
            position += 1
        if position < len(jobs):
            self._map_concurrently(function, jobs, range(position, len(jobs)), results, on_result)
        return results

    def _map_concurrently(
        self,
        function: Callable[[Evaluator, Any], dict],
        jobs: Sequence[Any],
        indices: range,
        results: list[dict | None],
        on_result: Callable[[int, dict], None] | None,
    ) -> None:
        """Runs the jobs at `indices` on worker threads, storing each result in `results` and reporting it to
        `on_result` on this thread; after a failure no new job starts and the first failure is re-raised once
        the running jobs have finished."""
        pending: queue.Queue = queue.Queue()
        for index in indices:
            pending.put(index)
        finished: queue.Queue = queue.Queue()
        stop = threading.Event()
        threads = self._start_threads(function, jobs, pending, finished, stop)
        failure = None
        outstanding = len(indices)
        try:
            while outstanding:
                try:
                    index, result, error = finished.get(timeout=0.2)
                except queue.Empty:
                    if not any(thread.is_alive() for thread in threads) and finished.empty():
                        break  # after a failure: the jobs that no worker took
                    continue
                outstanding -= 1
                if error is not None:
                    failure = failure or error
                    continue
                results[index] = result
                if on_result is not None and failure is None:
                    on_result(index, result)
        except BaseException:
            stop.set()  # interrupted: the workers take no new job (they are daemons and end with the process)
            raise
        for thread in threads:
            thread.join()
        if failure is not None:
            raise failure

    def _start_threads(
        self,
        function: Callable[[Evaluator, Any], dict],
        jobs: Sequence[Any],
        pending: queue.Queue,
        finished: queue.Queue,
        stop: threading.Event,
    ) -> list[threading.Thread]:
        """Starts the threads that take job indices from `pending` and put (index, result, error) on `finished`
        until `pending` is empty or `stop` is set (a thread that fails sets it)."""

        def work(worker: int) -> None:
            while not stop.is_set():
                try:
                    index = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    finished.put((index, self._call(worker, function, jobs[index]), None))
                except BaseException as error:  # noqa: BLE001 - handed to the calling thread
                    stop.set()
                    finished.put((index, None, error))
                    return

        # With overlap, threads i and i + size share worker i: one prepares the next candidate while the other trains.
        threads_per_worker = 2 if self.overlap else 1
        workers = min(self.size * threads_per_worker, pending.qsize())
        threads = [
            threading.Thread(target=work, args=(thread % self.size,), name=f"evaluate-{thread}", daemon=True)
            for thread in range(workers)
        ]
        for thread in threads:
            thread.start()
        return threads

    def _call(self, worker: int, function: Callable[[Evaluator, Any], dict], job: Any) -> dict:
        with _on_device(self.devices[worker]):
            return function(self.evaluators[worker], job)

    def close(self) -> None:
        """Stops every sandbox worker."""
        for evaluator in self.evaluators:
            evaluator.close()

    def __enter__(self) -> EvaluatorPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _on_device(device: jax.Device | None):
    """`jax.default_device(device)` (thread-local), or no change for None."""
    return contextlib.nullcontext() if device is None else jax.default_device(device)
