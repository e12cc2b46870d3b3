"""Training and CLRS scoring of an exported candidate, all seeds at once, in the evaluating process.

The sandbox hands back `init`, one `train_step_<i>` per training length and `predict_<set>` artifacts (see
`build.py`). Here they are checked, compiled once each and driven by a Python loop that cycles the training
lengths one step at a time, as dm-clrs's reference script does. Batches are gathered on the device from the
pre-generated pools with per-seed shuffles. Validation scores (dm-clrs's `evaluate(...)['score']`) are computed
here from the predictions; the parameters at each seed's best validation score are kept for the test set.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import time

import jax
import jax.numpy as jnp
import numpy as np

from evojax_nas.exported import (
    DEFAULT_MAX_LOOP_ITERATIONS,
    ArtifactError,
    count_elements,
    load_artifacts,
    same_shapes,
)
from evojax_nas.tasks.clrs.data import ClrsData, FeedbackSet
from evojax_nas.tasks.clrs.dm_clrs import import_clrs
from evojax_nas.training import (
    XLA_DEFAULT_OPTIMIZATION_LEVEL,
    TrainingClock,
    batch_indices,
    check_finite,
    compiler_options,
    progress_bar,
    run_compile_jobs,
)


@dataclasses.dataclass(frozen=True)
class ClrsTrainSettings:
    """How long and how to train one candidate on one algorithm."""

    steps: int
    batch_size: int
    eval_every: int
    num_seeds: int
    eval_batch_size: int
    score_test: bool
    max_seconds: float = 0.0  # wall-clock limit of training, checked between jitted calls; 0: none
    time_projection_margin: float = 0.0  # fail early when projected past this many times max_seconds; 0: off
    max_loop_iterations: int = DEFAULT_MAX_LOOP_ITERATIONS
    parallel_compile: bool = False  # compile the steps, predictors and init side by side on threads
    # XLA:CPU backend level of the training steps and predictors (init always compiles at 0).
    cpu_optimization_level: int = XLA_DEFAULT_OPTIMIZATION_LEVEL


@dataclasses.dataclass
class ClrsOutcome:
    """Per-seed results of training one candidate."""

    best_val_score: np.ndarray
    test_score: np.ndarray | None  # at each seed's best validation parameters
    best_step: np.ndarray
    final_loss: np.ndarray
    train_seconds: float
    test_seconds: float
    history: list[dict]


def score_predictions(spec: dict, truth: FeedbackSet, predictions: list[np.ndarray]) -> float:
    """dm-clrs's output score (micro-F1 / accuracy averaged over outputs) of one seed's predictions."""
    clrs = import_clrs()
    outputs = tuple(
        clrs.DataPoint(name=f.name, location=f.location, type_=f.type_, data=f.data) for f in truth.outputs
    )
    preds = {
        f.name: clrs.DataPoint(name=f.name, location=f.location, type_=spec[f.name][2], data=prediction)
        for f, prediction in zip(truth.outputs, predictions, strict=True)
    }
    return float(clrs.evaluate(outputs, preds)["score"])


def _chunked(arrays: list[np.ndarray], chunk: int) -> tuple[list[jax.Array], int]:
    """Pads a set to whole chunks (repeating its first sample) and reshapes to `[chunks, chunk, ...]`."""
    count = arrays[0].shape[0]
    num_chunks = max(1, math.ceil(count / chunk))
    padded = []
    for array in arrays:
        extra = num_chunks * chunk - count
        if extra:
            array = np.concatenate([array, np.repeat(array[:1], extra, axis=0)])
        padded.append(jnp.asarray(array.reshape(num_chunks, chunk, *array.shape[1:])))
    return padded, count


class ExportedClrsModel:
    """A candidate's exported CLRS model, ready to train on this device."""

    def __init__(self, blobs: dict[str, bytes], metadata: dict, settings: ClrsTrainSettings):
        self.settings = settings
        num_train_steps = int(metadata.get("num_train_steps", 0))
        eval_sets = [str(name) for name in metadata.get("eval_sets", [])]
        if not 0 < num_train_steps <= 16 or "val" not in eval_sets:
            raise ArtifactError("metadata does not describe training steps and a validation set")
        names = (
            "init",
            *(f"train_step_{i}" for i in range(num_train_steps)),
            *(f"predict_{s}" for s in eval_sets),
        )
        functions = load_artifacts(blobs, names, settings.max_loop_iterations)
        self._init = functions["init"]
        self._train_steps = [functions[f"train_step_{i}"] for i in range(num_train_steps)]
        self._predict = {name: functions[f"predict_{name}"] for name in eval_sets}
        state = list(self._init.out_avals)
        num_param_leaves = int(metadata.get("num_param_leaves", 0))
        if not 0 < num_param_leaves <= len(state):
            raise ArtifactError(f"bad parameter leaf count {num_param_leaves}")
        self.num_param_leaves = num_param_leaves
        params = state[:num_param_leaves]
        seeds = settings.num_seeds
        checks = {
            "init takes per-seed keys": len(self._init.in_avals) == 1
            and self._init.in_avals[0].shape == (seeds, 2),
            "every state leaf has a seed axis": all(aval.shape[:1] == (seeds,) for aval in state),
        }
        for i, step in enumerate(self._train_steps):
            checks[f"train_step_{i} consumes the init state"] = same_shapes(
                step.in_avals[: len(state)], state
            )
            checks[f"train_step_{i} returns the same state"] = same_shapes(
                step.out_avals[: len(state)], state
            )
            checks[f"train_step_{i} returns one loss per seed"] = step.out_avals[-1].shape == (seeds,)
        for name, predict in self._predict.items():
            checks[f"predict_{name} takes the parameters"] = same_shapes(
                predict.in_avals[:num_param_leaves], params
            )
        broken = [name for name, holds in checks.items() if not holds]
        if broken:
            raise ArtifactError(f"artifacts are inconsistent: {'; '.join(broken)}")
        self.num_params = count_elements([jax.ShapeDtypeStruct(a.shape[1:], a.dtype) for a in params])

    def compile(self, data: ClrsData) -> tuple[float, int]:
        """Places the data on the device and compiles every step; returns seconds and peak step memory (bytes)."""
        started = time.perf_counter()
        settings = self.settings
        if len(data.train) != len(self._train_steps):
            raise ArtifactError("artifacts were built for a different number of training lengths")
        self._data = data
        self._spec = {name: (stage, location, type_) for name, stage, location, type_ in data.spec}
        self._pools = [[jnp.asarray(a) for a in pool.arrays()] for pool in data.train]
        state = list(self._init.out_avals)
        flag_spec = jax.ShapeDtypeStruct((settings.num_seeds,), jnp.bool_)
        step_spec = jax.ShapeDtypeStruct((), jnp.int32)
        key_spec = jax.ShapeDtypeStruct((2,), jnp.uint32)
        index_specs = [
            jax.ShapeDtypeStruct(
                (max(1, self._steps_for_length(i)), settings.num_seeds, settings.batch_size), jnp.int32
            )
            for i in range(len(self._pools))
        ]
        params = state[: self.num_param_leaves]
        self._eval_sets = {}
        for name in self._predict:
            truth = data.val if name == "val" else data.test
            if truth is not None:
                self._eval_sets[name] = (_chunked(truth.arrays(), settings.eval_batch_size)[0], truth)
        # Initialisation runs once per training: compiling it without backend optimisation is ~3x faster on
        # XLA:CPU (its many PRNG loops dominate), and it then runs faster too.
        options = compiler_options(0)
        init_spec = jax.ShapeDtypeStruct((settings.num_seeds, 2), jnp.uint32)

        step_options = compiler_options(settings.cpu_optimization_level)

        def compile_run(i: int, pool: list[jax.Array]):
            run = jax.jit(self._make_run(i), donate_argnums=(0, 1))
            lowered = run.lower(state, flag_spec, pool, index_specs[i], step_spec, key_spec)
            return lowered.compile(compiler_options=step_options)

        def compile_predictor(predict, chunks: list[jax.Array]):
            lowered = jax.jit(self._make_predictor(predict)).lower(params, chunks)
            return lowered.compile(compiler_options=step_options)

        jobs = {f"run_{i}": functools.partial(compile_run, i, pool) for i, pool in enumerate(self._pools)}
        for name, (chunks, _) in self._eval_sets.items():
            jobs[f"predict_{name}"] = functools.partial(compile_predictor, self._predict[name], chunks)
        jobs["init"] = lambda: jax.jit(self._init.call).lower(init_spec).compile(compiler_options=options)
        built = run_compile_jobs(jobs, settings.parallel_compile)
        self._runs = [built[f"run_{i}"] for i in range(len(self._pools))]
        self._predictors = {name: built[f"predict_{name}"] for name in self._eval_sets}
        self._init_fn = built["init"]
        peak = 0
        for compiled in self._runs:
            memory = compiled.memory_analysis()
            if memory is not None:
                size = memory.argument_size_in_bytes + memory.output_size_in_bytes + memory.temp_size_in_bytes
                peak = max(peak, int(size - getattr(memory, "alias_size_in_bytes", 0)))
        self._select = jax.jit(
            lambda improved, new, old: [
                jnp.where(improved.reshape((-1,) + (1,) * (n.ndim - 1)), n, o)
                for n, o in zip(new, old, strict=True)
            ]
        )
        return time.perf_counter() - started, peak

    def _steps_for_length(self, index: int) -> int:
        lengths = len(self._train_steps)
        return len(range(index, self.settings.steps, lengths))

    def _make_run(self, index: int):
        train_step = self._train_steps[index]

        def run(state, nonfinite, pool, indices, length_step, base_key):
            batch = jax.lax.dynamic_index_in_dim(indices, length_step, axis=0, keepdims=False)  # [S, B]
            arrays = [array[batch] for array in pool]
            step_key = jax.random.fold_in(
                jax.random.fold_in(jax.random.wrap_key_data(base_key), index), length_step
            )
            keys = jax.random.key_data(jax.random.split(step_key, self.settings.num_seeds))
            state, loss = train_step.call(state, keys, arrays)
            return list(state), nonfinite | ~jnp.isfinite(loss), loss

        return run

    @staticmethod
    def _make_predictor(predict):
        def predictor(params, chunks):
            outputs = jax.lax.map(
                lambda chunk: predict.call(params, chunk), list(chunks)
            )  # [C, S, E, ...] each
            return [jnp.swapaxes(o, 0, 1).reshape(o.shape[1], -1, *o.shape[3:]) for o in outputs]

        return predictor

    def scores(self, name: str, params) -> np.ndarray:
        """Per-seed dm-clrs scores of `params` on evaluation set `name` ('val' or 'test')."""
        chunks, truth = self._eval_sets[name]
        predictions = [np.asarray(p)[:, : truth.num_samples] for p in self._predictors[name](params, chunks)]
        return np.array(
            [
                score_predictions(self._spec, truth, [p[seed] for p in predictions])
                for seed in range(self.settings.num_seeds)
            ]
        )

    def init_state(self, init_key_data: jax.Array) -> list[jax.Array]:
        """Initial parameters and optimiser state for per-seed raw keys `[S, 2]` (uint32)."""
        return list(self._init_fn(init_key_data))

    def _prepare(self, key: jax.Array, init_key_data: jax.Array | None):
        """Initial state, per-length batch indices `[steps, S, B]` and the raw step key, all split from `key`."""
        settings = self.settings
        seeds = settings.num_seeds
        if not jnp.issubdtype(key.dtype, jax.dtypes.prng_key):
            key = jax.random.wrap_key_data(key)  # a raw (legacy) uint32 key
        init_key, data_key, step_key = jax.random.split(key, 3)
        if init_key_data is None:
            init_key_data = jax.random.key_data(jax.random.split(init_key, seeds))
        state = self.init_state(init_key_data)
        indices = []
        for i, pool in enumerate(self._pools):
            steps_here = max(1, self._steps_for_length(i))
            keys = jax.random.split(jax.random.fold_in(data_key, i), seeds)
            pool_size = int(pool[0].shape[0])
            make = jax.jit(batch_indices, static_argnums=(1, 2, 3))
            indices.append(make(keys, pool_size, settings.batch_size, steps_here))
        return state, indices, jax.random.key_data(step_key)

    def _step(self, state, nonfinite, indices, base_key, step: int):
        length_index = step % len(self._runs)
        run = self._runs[length_index]
        pool, length_step = self._pools[length_index], step // len(self._runs)
        return run(state, nonfinite, pool, indices[length_index], length_step, base_key)

    def train_step_on(
        self, state: list[jax.Array], length_index: int, rows
    ) -> tuple[list[jax.Array], jax.Array]:
        """One training step of every seed on the samples `rows` (`[S, B]` pool indices) of one training length.

        Returns the new state and the per-seed losses; `state` is consumed (its buffers are donated).
        """
        rows = jnp.asarray(rows, jnp.int32)
        indices = jnp.broadcast_to(rows, (max(1, self._steps_for_length(length_index)), *rows.shape))
        nonfinite = jnp.zeros((self.settings.num_seeds,), jnp.bool_)
        pool = self._pools[length_index]
        state, _, loss = self._runs[length_index](
            state, nonfinite, pool, indices, 0, jnp.zeros((2,), jnp.uint32)
        )
        return state, loss

    def seconds_per_step(self, key: jax.Array, num_steps: int) -> float:
        """Wall seconds per training step of all seeds (lengths cycled, no evaluation), after a warm-up step."""
        state, indices, base_key = self._prepare(key, None)
        nonfinite = jnp.zeros((self.settings.num_seeds,), jnp.bool_)
        state, nonfinite, loss = self._step(state, nonfinite, indices, base_key, 0)
        loss.block_until_ready()
        started = time.perf_counter()
        for step in range(1, num_steps + 1):
            state, nonfinite, loss = self._step(state, nonfinite, indices, base_key, step)
        loss.block_until_ready()
        return (time.perf_counter() - started) / num_steps

    def train(
        self, key: jax.Array, progress: bool = False, init_key_data: jax.Array | None = None
    ) -> ClrsOutcome:
        """Trains every seed, validating every `eval_every` steps; returns a `ClrsOutcome`.

        `key` is split into per-seed initialisation keys, data-order keys and step keys (`init_key_data`, raw
        `[S, 2]` uint32 keys, overrides the initialisation keys). Raises `CandidateFailed` on a NaN or infinite
        loss.
        """
        settings = self.settings
        seeds = settings.num_seeds
        started = time.perf_counter()
        state, indices, base_key = self._prepare(key, init_key_data)
        # The wall-clock limit counts training steps, not preparation.
        clock = TrainingClock(settings.max_seconds, settings.steps, settings.time_projection_margin)
        nonfinite = jnp.zeros((seeds,), jnp.bool_)
        loss = jnp.zeros((seeds,), jnp.float32)
        best_val = np.full((seeds,), -1.0)
        best_step = np.zeros((seeds,), np.int64)
        keep_best = settings.score_test and "test" in self._eval_sets
        best_params = None
        history: list[dict] = []
        with progress_bar(settings.steps, progress) as bar:
            for step in range(settings.steps):
                previous_loss = loss
                state, nonfinite, loss = self._step(state, nonfinite, indices, base_key, step)
                bar.update(1)
                if settings.max_seconds:  # wait for the previous call, so the clock sees the device's work
                    previous_loss.block_until_ready()
                    clock.check(step)
                if step % settings.eval_every == 0 or step == settings.steps - 1:
                    check_finite(nonfinite, step + 1)
                    params = state[: self.num_param_leaves]
                    val = self.scores("val", params)
                    improved = val > best_val
                    best_val = np.where(improved, val, best_val)
                    best_step = np.where(improved, step + 1, best_step)
                    if keep_best:
                        if best_params is None:
                            best_params = [jnp.array(p) for p in params]
                        else:
                            best_params = self._select(jnp.asarray(improved), params, best_params)
                    history.append(
                        {"step": step + 1, "val_score": val.tolist(), "loss": np.asarray(loss).tolist()}
                    )
                    bar.set_postfix(val=f"{val.mean():.3f}", loss=f"{np.asarray(loss).mean():.3f}")
        train_seconds = time.perf_counter() - started
        test_score, test_seconds = None, 0.0
        if keep_best and best_params is not None:
            started = time.perf_counter()
            test_score = self.scores("test", best_params)
            test_seconds = time.perf_counter() - started
        return ClrsOutcome(
            best_val_score=best_val,
            test_score=test_score,
            best_step=best_step,
            final_loss=np.asarray(loss),
            train_seconds=train_seconds,
            test_seconds=test_seconds,
            history=history,
        )
