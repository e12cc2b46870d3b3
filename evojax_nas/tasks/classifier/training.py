"""Training and scoring of an exported classifier, all seeds at once, in the evaluating process.

The sandbox hands back four `jax.export` artifacts (see `evojax_nas.tasks.classifier.build`). Here they are
checked against each other, compiled once, and driven by a Python loop over a jitted step (by measurement the
fastest structure on XLA:CPU; `steps_per_call` > 1 runs several steps per call with `lax.fori_loop`). Batches are
gathered on the device from precomputed per-seed permutations, so no data crosses from the host per step.
Accuracies, FLOPs and parameter counts are computed here, never by the candidate. Features may have any shape:
the arrays of `ClassificationData` are `[examples, *feature_shape]`.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np

from evojax_nas.cost_model import analyze_hlo
from evojax_nas.exported import (
    DEFAULT_MAX_LOOP_ITERATIONS,
    ArtifactError,
    count_elements,
    load_artifacts,
    same_shapes,
)
from evojax_nas.training import (
    XLA_DEFAULT_OPTIMIZATION_LEVEL,
    TrainingClock,
    check_finite,
    compiled_batch_indices,
    compiler_options,
    held_gate,
    pad_chunks,
    progress_bar,
    run_compile_jobs,
)

ARTIFACTS = ("init", "train_step", "predict", "forward_one")


@dataclasses.dataclass(frozen=True)
class ClassificationData:
    """A classification data set already split into train, validation and test arrays."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


@dataclasses.dataclass(frozen=True)
class TrainSettings:
    """How long and how to train one candidate."""

    steps: int
    batch_size: int
    eval_every: int
    num_seeds: int
    eval_batch_size: int
    steps_per_call: int = 1
    max_seconds: float = 0.0  # wall-clock limit of training (checked between jitted calls); 0: none
    time_projection_margin: float = 0.0  # fail early when projected past this many times max_seconds; 0: off
    max_loop_iterations: int = DEFAULT_MAX_LOOP_ITERATIONS
    # Compile the training step, evaluation and initialisation on threads at once (XLA releases the GIL); the
    # compiled programs are the same either way.
    parallel_compile: bool = False
    cpu_optimization_level: int = XLA_DEFAULT_OPTIMIZATION_LEVEL  # XLA:CPU backend level of every compile
    # Seed batching "loop": the artifacts hold one seed's functions, compiled once and called for each seed in
    # turn (on XLA:CPU the compile of unrolled seeds grows with their number; training time is about the same).
    seed_loop: bool = False
    # Early stop: at the first validation at or after this step (0: never), a candidate whose mean best
    # validation accuracy so far is not above `early_stop_accuracy` stops training (see `TrainingOutcome`).
    early_stop_step: int = 0
    early_stop_accuracy: float = 0.0


@dataclasses.dataclass
class TrainingOutcome:
    """Per-seed results of training one candidate."""

    best_val_accuracy: np.ndarray
    test_accuracy_at_best: np.ndarray
    best_step: np.ndarray
    final_loss: np.ndarray
    train_seconds: float
    history: list[dict]
    stopped_early_at: int = 0  # the step at which the early stop ended training; 0: trained to the end


class ExportedClassifier:
    """A candidate classifier as compiled, checked, exported functions, ready to train on this device."""

    def __init__(self, blobs: dict[str, bytes], num_param_leaves: int, settings: TrainSettings):
        self.settings = settings
        functions = load_artifacts(blobs, ARTIFACTS, settings.max_loop_iterations)
        self._init, self._train_step = functions["init"], functions["train_step"]
        self._predict, self._forward_one = functions["predict"], functions["forward_one"]
        state = list(self._init.out_avals)
        if not 0 < num_param_leaves <= len(state):
            raise ArtifactError(f"bad parameter leaf count {num_param_leaves}")
        self.num_state_leaves = len(state)
        self.num_param_leaves = num_param_leaves
        params = state[:num_param_leaves]
        seeds = self.compiled_seeds
        checks = {
            "init takes per-seed keys": len(self._init.in_avals) == 1
            and self._init.in_avals[0].shape[0] == seeds,
            "every state leaf has a seed axis": all(aval.shape[:1] == (seeds,) for aval in state),
            "train_step consumes the init state": same_shapes(self._train_step.in_avals[: len(state)], state),
            "train_step returns the same state": same_shapes(self._train_step.out_avals[: len(state)], state),
            "train_step returns one loss per seed": self._train_step.out_avals[-1].shape == (seeds,),
            "predict takes the parameters": same_shapes(self._predict.in_avals[:num_param_leaves], params),
            "forward_one takes one seed's parameters": [a.shape for a in self._forward_one.in_avals[:-1]]
            == [a.shape[1:] for a in params],
        }
        broken = [name for name, holds in checks.items() if not holds]
        if broken:
            raise ArtifactError(f"artifacts are inconsistent: {'; '.join(broken)}")
        self.num_params = count_elements(self._forward_one.in_avals[:-1])
        self.num_classes = int(self._predict.out_avals[0].shape[-1])

    def flops_per_example(self) -> float:
        """Forward-pass FLOPs for one example: XLA's cost analysis of the exported forward function plus what
        it misses (loop bodies after their first iteration, LAPACK custom calls; `evojax_nas.cost_model`)."""
        args, kwargs = jax.tree.unflatten(self._forward_one.in_tree, self._forward_one.in_avals)
        lowered = jax.jit(self._forward_one.call).lower(*args, **kwargs)
        analysis = lowered.cost_analysis()
        if isinstance(analysis, list):
            analysis = analysis[0]
        self.forward_cost = analyze_hlo(lowered.as_text(dialect="hlo"))
        return float((analysis or {}).get("flops", float("nan"))) + self.forward_cost.extra_operations

    @property
    def compiled_seeds(self) -> int:
        """Seeds one call of the compiled functions trains: all of them, or one with `seed_loop`."""
        return 1 if self.settings.seed_loop else self.settings.num_seeds

    def compile(self, data: ClassificationData) -> tuple[float, int]:
        """Places the data on the device and compiles the training and evaluation steps.

        Returns the compile time in seconds and the peak memory estimate of the training step in bytes (all
        seeds: with `seed_loop`, one seed's step times the number of seeds).
        """
        started = time.perf_counter()
        self._place_data(data)
        built = run_compile_jobs(self._compile_jobs(), self.settings.parallel_compile)
        compiled = self._run = built["run"]
        self._accuracies, self._init_fn = built["accuracies"], built["init"]
        self._batch_indices = built["batch_indices"]
        peak = _peak_bytes(compiled) * (self.settings.num_seeds // self.compiled_seeds)
        return time.perf_counter() - started, peak

    def _place_data(self, data: ClassificationData) -> None:
        """The training arrays, and the validation and test sets padded to whole evaluation chunks, on the
        device."""
        self._x_train = jnp.asarray(data.x_train, jnp.float32)
        self._y_train = jnp.asarray(data.y_train, jnp.int32)
        self._eval_sets = {
            name: tuple(jnp.asarray(a) for a in pad_chunks(x, y, self.settings.eval_batch_size))
            for name, (x, y) in {"val": (data.x_val, data.y_val), "test": (data.x_test, data.y_test)}.items()
        }
        self._num_train = len(data.x_train)
        self._num_examples = {"val": len(data.x_val), "test": len(data.x_test)}

    def _compile_jobs(self) -> dict[str, Callable[[], object]]:
        """What `compile` compiles, by name: the training steps, the accuracies, init and the batch orders."""
        settings = self.settings
        state = list(self._init.out_avals)
        index_spec = jax.ShapeDtypeStruct(
            (settings.steps, self.compiled_seeds, settings.batch_size), jnp.int32
        )
        flag_spec = jax.ShapeDtypeStruct((self.compiled_seeds,), jnp.bool_)
        step_spec = jax.ShapeDtypeStruct((), jnp.int32)
        params = state[: self.num_param_leaves]
        key_spec = self._init.in_avals[0]
        device = jax.config.jax_default_device
        options = compiler_options(settings.cpu_optimization_level)
        return {
            "run": lambda: (
                jax.jit(self._run_steps, donate_argnums=(0, 1))
                .lower(state, flag_spec, self._x_train, self._y_train, index_spec, step_spec)
                .compile(compiler_options=options)
            ),
            "accuracies": lambda: (
                jax.jit(self._split_accuracies)
                .lower(params, self._eval_sets["val"], self._eval_sets["test"])
                .compile(compiler_options=options)
            ),
            "init": lambda: (
                jax.jit(self._init.call)
                .lower(jax.ShapeDtypeStruct(key_spec.shape, key_spec.dtype))
                .compile(compiler_options=options)
            ),
            "batch_indices": lambda: compiled_batch_indices(
                settings.num_seeds, self._num_train, settings.batch_size, settings.steps, device
            ),
        }

    def _run_steps(self, state, nonfinite, x_train, y_train, indices, first_step):
        def one_step(step, carry):
            state, nonfinite, _ = carry
            batch = jax.lax.dynamic_index_in_dim(indices, step, axis=0, keepdims=False)
            state, loss = self._train_step.call(state, x_train[batch], y_train[batch])
            return list(state), nonfinite | ~jnp.isfinite(loss), loss

        carry = (state, nonfinite, jnp.zeros((self.compiled_seeds,), jnp.float32))
        if self.settings.steps_per_call == 1:
            return one_step(first_step, carry)
        return jax.lax.fori_loop(first_step, first_step + self.settings.steps_per_call, one_step, carry)

    def _split_accuracies(self, params, val_set, test_set):
        """Per seed, the number of correctly classified validation and test examples (exact in float32; the
        trainer divides on the host, so every seed batching gives the same accuracies)."""

        def correct(split):
            x, y, mask = split

            def chunk_correct(chunk):
                xs, ys, ms = chunk
                logits = self._predict.call(params, xs)  # [seeds, chunk, classes]
                hits = (jnp.argmax(logits, axis=-1) == ys[None, :]).astype(jnp.float32)
                return jnp.sum(hits * ms[None, :], axis=-1)

            return jnp.sum(jax.lax.map(chunk_correct, (x, y, mask)), axis=0)

        return correct(val_set), correct(test_set)

    def train(self, key: jax.Array, progress: bool = False, on_eval: Callable[[dict], None] | None = None):
        """Trains every seed, validating every `eval_every` steps; returns a `TrainingOutcome`.

        `key` is split into per-seed initialisation and data-order keys. Raises `CandidateFailed` when a loss
        becomes NaN or infinite. With an early stop set (`TrainSettings.early_stop_step`), training ends at the
        first validation at or after that step when the mean over seeds of the best validation accuracy so far
        is not above `early_stop_accuracy`; the outcome then says where (`stopped_early_at`). Holds the lock of
        `training_gate`, if one is set on this thread, while it trains.
        """
        with held_gate():
            return self._train(key, progress, on_eval)

    def _train(self, key: jax.Array, progress: bool, on_eval: Callable[[dict], None] | None):
        settings = self.settings
        init_key, data_key = jax.random.split(key)
        init_keys = jax.random.key_data(jax.random.split(init_key, settings.num_seeds))
        clock = TrainingClock(settings.max_seconds, settings.steps, settings.time_projection_margin)
        indices = self._batch_indices(jax.random.split(data_key, settings.num_seeds))
        # One group of seeds per compiled call: all seeds at once, or (seed_loop) each seed alone, with the same
        # per-seed keys and batch orders either way.
        width = self.compiled_seeds
        groups = [slice(first, first + width) for first in range(0, settings.num_seeds, width)]
        states = [list(self._init_fn(init_keys[group])) for group in groups]
        group_indices = [indices[:, group] for group in groups] if len(groups) > 1 else [indices]
        flags = [jnp.zeros((width,), jnp.bool_) for _ in groups]
        losses = [jnp.zeros((width,), jnp.float32) for _ in groups]
        stopped_early_at = 0
        best = _BestSoFar(settings.num_seeds)
        step = 0
        with progress_bar(settings.steps, progress) as bar:
            while step < settings.steps:
                previous_loss = losses[-1]
                for g in range(len(groups)):
                    states[g], flags[g], losses[g] = self._run(
                        states[g], flags[g], self._x_train, self._y_train, group_indices[g], step
                    )
                step += settings.steps_per_call
                if settings.max_seconds:
                    # Dispatch is asynchronous: wait for the previous call (one call stays queued, so the
                    # device keeps busy) before reading the clock, else the limit would be seen only at the
                    # next validation.
                    previous_loss.block_until_ready()
                    clock.check(step - settings.steps_per_call)
                if step % settings.eval_every == 0 or step >= settings.steps:
                    check_finite(_concatenated(flags), step)
                    correct = [
                        self._accuracies(
                            state[: self.num_param_leaves], self._eval_sets["val"], self._eval_sets["test"]
                        )
                        for state in states
                    ]
                    val, test = (
                        np.concatenate([np.asarray(counts[split]) for counts in correct])
                        / self._num_examples[name]
                        for split, name in enumerate(("val", "test"))
                    )
                    loss = _concatenated(losses)
                    record = best.update(step, val, test, loss)
                    if on_eval is not None:
                        on_eval(record)
                    bar.set_postfix(val=f"{val.mean():.3f}", loss=f"{np.asarray(loss).mean():.3f}")
                    if self._stops_early(step, best.val):
                        stopped_early_at = step
                        break
                bar.update(min(settings.steps_per_call, settings.steps - bar.n))
        return TrainingOutcome(
            best_val_accuracy=best.val,
            test_accuracy_at_best=best.test,
            best_step=best.step,
            final_loss=np.asarray(_concatenated(losses)),
            train_seconds=time.perf_counter() - clock.started,
            history=best.history,
            stopped_early_at=stopped_early_at,
        )

    def _stops_early(self, step: int, best_val: np.ndarray) -> bool:
        """Whether the early stop ends training at this validation (see `TrainSettings.early_stop_step`)."""
        settings = self.settings
        return bool(
            settings.early_stop_step
            and step >= settings.early_stop_step
            and step < settings.steps
            and not float(best_val.mean()) > settings.early_stop_accuracy
        )


class _BestSoFar:
    """Per seed: the best validation accuracy so far, the test accuracy and step where it was reached, and the
    history of validations."""

    def __init__(self, num_seeds: int):
        self.val = np.full((num_seeds,), -1.0)
        self.test = np.zeros((num_seeds,))
        self.step = np.zeros((num_seeds,), np.int64)
        self.history: list[dict] = []

    def update(self, step: int, val: np.ndarray, test: np.ndarray, loss: jax.Array) -> dict:
        """Takes one validation's accuracies; returns its history record."""
        improved = val > self.val
        self.val = np.where(improved, val, self.val)
        self.test = np.where(improved, test, self.test)
        self.step = np.where(improved, step, self.step)
        record = {"step": step, "val_accuracy": val.tolist(), "loss": np.asarray(loss).tolist()}
        self.history.append(record)
        return record


def _concatenated(per_group: list[jax.Array]) -> jax.Array:
    """Per-seed values of every seed group, in seed order (the one group's array itself when there is one)."""
    return per_group[0] if len(per_group) == 1 else jnp.concatenate(per_group)


def _peak_bytes(compiled) -> int:
    """The compiled training step's peak memory estimate (arguments, outputs and temporaries, less aliased
    buffers); 0 where XLA gives no analysis."""
    memory = compiled.memory_analysis()
    if memory is None:
        return 0
    peak = int(memory.argument_size_in_bytes + memory.output_size_in_bytes + memory.temp_size_in_bytes)
    return peak - int(getattr(memory, "alias_size_in_bytes", 0))
