"""Training-loop pieces every task's trainer shares, in the evaluating process.

A task's trainer (`evojax_nas.tasks.classifier.training`, `evojax_nas.tasks.clrs.training`) drives exported,
compiled functions with a Python loop over jitted calls. What they share lives here: the failure a candidate's
training raises, the per-device training lock, on-device per-seed batch orders, the wall-clock limit between
jitted calls (and its early stop for a projected overrun), padding of evaluation sets to whole chunks, the
non-finite loss check and the progress bar.
Nothing here knows any task.
"""

from __future__ import annotations

import contextlib
import functools
import math
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import jax
import jax.numpy as jnp
import numpy as np
from tqdm.auto import tqdm


class CandidateFailed(RuntimeError):
    """Training of a candidate broke down (for example a non-finite loss)."""


# The lock a thread holds while it trains (set by the caller with `training_gate`), so that candidates prepared
# on several threads for one device train one at a time; none: no lock.
_GATE = threading.local()


@contextlib.contextmanager
def training_gate(lock: threading.Lock | None):
    """Within this context, a task trainer's `train` on this thread holds `lock` while it trains."""
    previous = getattr(_GATE, "lock", None)
    _GATE.lock = lock
    try:
        yield
    finally:
        _GATE.lock = previous


def held_gate():
    """The lock set on this thread by `training_gate` (a no-op context when none is set)."""
    lock = getattr(_GATE, "lock", None)
    return contextlib.nullcontext() if lock is None else lock


# XLA's own default `xla_backend_optimization_level`; `compiler_options` passes nothing for it.
XLA_DEFAULT_OPTIMIZATION_LEVEL = 3


def compiler_options(cpu_optimization_level: int) -> dict | None:
    """The `compile(compiler_options=...)` of a candidate's functions: on XLA:CPU, the backend optimisation level
    `config.train.cpu_optimization_level` (LLVM's effort; a lower level compiles a small candidate's step in about
    half the time; `bench/eval_throughput.py --breakdown --cpu_optimization_levels`); elsewhere, or at XLA's
    default level, None."""
    if jax.default_backend() != "cpu" or cpu_optimization_level == XLA_DEFAULT_OPTIMIZATION_LEVEL:
        return None
    return {"xla_backend_optimization_level": cpu_optimization_level}


def run_compile_jobs(jobs: dict[str, Callable[[], object]], parallel: bool) -> dict[str, object]:
    """Each job's result by name (a job lowers and compiles one function). With `parallel`, one thread per job,
    each on this thread's default device: XLA compiles a module on one core, so a trainer's several modules
    compile side by side (`config.train.parallel_compile`); the compiled programs are the same either way."""
    if not parallel or len(jobs) < 2:
        return {name: job() for name, job in jobs.items()}
    device = jax.config.jax_default_device  # this thread's; the compile threads get it explicitly

    def on_device(job):
        with contextlib.nullcontext() if device is None else jax.default_device(device):
            return job()

    with ThreadPoolExecutor(max_workers=len(jobs), thread_name_prefix="compile") as executor:
        futures = {name: executor.submit(on_device, job) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


@functools.lru_cache(maxsize=16)
def compiled_batch_indices(num_seeds: int, num_train: int, batch_size: int, steps: int, device: object):
    """`batch_indices` compiled once per process for these shapes and `device` (it is the same for every
    candidate, so its compile is not a per-candidate cost)."""
    seed_keys = jax.ShapeDtypeStruct((num_seeds,), jax.random.key(0).dtype)
    return (
        jax.jit(batch_indices, static_argnums=(1, 2, 3))
        .lower(seed_keys, num_train, batch_size, steps)
        .compile()
    )


def pad_chunks(x: np.ndarray, y: np.ndarray, chunk: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pads a split to whole chunks of `chunk` examples; returns x, y and a validity mask, chunk-major."""
    count = len(x)
    num_chunks = max(1, math.ceil(count / chunk))
    padded = num_chunks * chunk
    x_padded = np.zeros((padded, *x.shape[1:]), np.float32)
    y_padded = np.zeros((padded,), np.int32)
    mask = np.zeros((padded,), np.float32)
    x_padded[:count], y_padded[:count], mask[:count] = x, y, 1.0
    shape = (num_chunks, chunk)
    return x_padded.reshape(*shape, *x.shape[1:]), y_padded.reshape(shape), mask.reshape(shape)


def batch_indices(keys: jax.Array, num_train: int, batch_size: int, steps: int) -> jax.Array:
    """Per-seed shuffled mini-batch indices `[steps, seeds, batch]`: a fresh permutation every epoch."""
    steps_per_epoch = num_train // batch_size
    epochs = math.ceil(steps / steps_per_epoch)

    def one_seed(key):
        def one_epoch(epoch):
            order = jax.random.permutation(jax.random.fold_in(key, epoch), num_train)
            return order[: steps_per_epoch * batch_size]

        order = jax.vmap(one_epoch)(jnp.arange(epochs)).reshape(-1, batch_size)
        return order[:steps]

    return jnp.swapaxes(jax.vmap(one_seed)(keys), 0, 1).astype(jnp.int32)


# A projected overrun is judged only after this share of `max_seconds` has passed, so that the pace is measured
# over many steps and not over a stretch slowed by the next candidate's overlapped compile.
PROJECTION_AFTER = 0.25


class TrainingClock:
    """The wall-clock limit of one candidate's training (`config.train.max_seconds`, 0: none), checked between
    jitted calls.

    `check(step)` raises `CandidateFailed` when training has run past `max_seconds`; with `projection_margin`
    m > 0 (`config.train.time_projection_margin`) also as soon as the time taken plus the remaining steps at the
    pace measured since the first check exceeds m * `max_seconds` (judged once `PROJECTION_AFTER` of the limit
    has passed). Such a candidate would fail at the limit anyway, after spending all of it; m = 0 waits for
    the limit. The clock starts when the object is made."""

    def __init__(self, max_seconds: float, steps: int, projection_margin: float = 0.0):
        self.max_seconds = float(max_seconds)
        self.steps = int(steps)
        self.projection_margin = float(projection_margin)
        self.started = time.perf_counter()
        self._first_check: tuple[float, int] | None = None

    def check(self, step: int) -> None:
        """Raises `CandidateFailed` when training, now at `step` of `steps`, is over the limit or projected to be
        more than `projection_margin` times over it."""
        if not self.max_seconds or step >= self.steps:
            return
        now = time.perf_counter()
        elapsed = now - self.started
        done = f"({elapsed:.1f} s for {step} of {self.steps} steps)"
        if elapsed > self.max_seconds:
            raise CandidateFailed(
                f"training took longer than config.train.max_seconds = {self.max_seconds:g} s {done}"
            )
        if not self.projection_margin:
            return
        if self._first_check is None:
            self._first_check = (now, step)
            return
        first_time, first_step = self._first_check
        if step <= first_step or elapsed < PROJECTION_AFTER * self.max_seconds:
            return
        projected = elapsed + (self.steps - step) * (now - first_time) / (step - first_step)
        if projected > self.projection_margin * self.max_seconds:
            raise CandidateFailed(
                f"training would take about {projected:.0f} s, more than "
                f"config.train.time_projection_margin = {self.projection_margin:g} x "
                f"config.train.max_seconds = {self.max_seconds:g} s {done}"
            )


def check_finite(nonfinite: jax.Array, step: int) -> None:
    """Raises `CandidateFailed` naming the seeds whose training loss became NaN or infinite by `step`."""
    bad = np.asarray(nonfinite)
    if bad.any():
        raise CandidateFailed(
            f"non-finite training loss (seeds {np.flatnonzero(bad).tolist()}) by step {step}"
        )


def progress_bar(steps: int, progress: bool) -> tqdm:
    """The training steps' progress bar on stderr (hidden unless `progress`)."""
    return tqdm(total=steps, disable=not progress, file=sys.stderr, desc="train", unit="step", leave=False)
