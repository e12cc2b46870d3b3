"""MNIST-1D (Greydanus 2020): 40-sample 1-D signals, 10 classes; candidates are Flax `Model` classes.

Data is generated locally with `mnist1d.data.make_dataset` (no network, nothing written to disk), once per
process, and split 3500 train / 500 validation / 1000 test with a fixed seed. Validation accuracy drives the
fitness; test accuracy is reported only.
"""

from __future__ import annotations

import functools
import math

import jax
import ml_collections
import numpy as np

from evojax_nas.evaluation_result import budget_violation
from evojax_nas.tasks import mnist1d_build
from evojax_nas.tasks.base import Task
from evojax_nas.tasks.common import export_platform, optimizer_settings, require, validate_train
from evojax_nas.training import CandidateFailed, ClassificationData, ExportedClassifier, TrainSettings

INPUT_LENGTH = 40
NUM_CLASSES = 10
NUM_TRAIN_POOL = 4000  # make_dataset's training examples, split into train and validation


@functools.lru_cache(maxsize=4)
def load_data(num_val: int, split_seed: int) -> ClassificationData:
    """Generates MNIST-1D locally (the frozen-pickle distribution) and splits it; cached per process."""
    import mnist1d.data

    saved_state = np.random.get_state()  # make_dataset reseeds NumPy's global generator
    try:
        raw = mnist1d.data.make_dataset(mnist1d.data.get_dataset_args())
    finally:
        np.random.set_state(saved_state)
    x, y = np.asarray(raw["x"], np.float32), np.asarray(raw["y"], np.int32)
    order = np.random.default_rng(split_seed).permutation(len(x))
    val_index, train_index = order[:num_val], order[num_val:]
    return ClassificationData(
        x_train=x[train_index],
        y_train=y[train_index],
        x_val=x[val_index],
        y_val=y[val_index],
        x_test=np.asarray(raw["x_test"], np.float32),
        y_test=np.asarray(raw["y_test"], np.int32),
    )


def train_settings(config: ml_collections.ConfigDict) -> TrainSettings:
    """The training loop settings from `config.train` (the early stop's threshold from `config.search.alpha`:
    the validation accuracy the alpha filter accepts is above 1 - alpha)."""
    train = config.train
    early_stop = float(train.get("early_stop", 0.0))
    alpha = float(config.search.alpha) if "search" in config else 1.0
    return TrainSettings(
        steps=train.steps,
        batch_size=train.batch_size,
        eval_every=train.eval_every,
        num_seeds=train.num_seeds,
        eval_batch_size=train.eval_batch_size,
        steps_per_call=train.steps_per_call,
        max_seconds=float(train.max_seconds),
        max_loop_iterations=int(config.budget.get("max_loop_iterations", 0)),
        parallel_compile=bool(train.get("parallel_compile", False)),
        early_stop_step=math.ceil(early_stop * train.steps) if early_stop else 0,
        early_stop_accuracy=1.0 - alpha,
    )


def resolve_seed_batching(setting: str, platform: str) -> str:
    """`auto` means `unroll` on CPU (measured faster there, see bench/eval_throughput.py) and `vmap` elsewhere."""
    if setting == "auto":
        return "unroll" if platform == "cpu" else "vmap"
    return setting


class MNIST1DTask(Task):
    """Image-free classification of 1-D signals with small Flax models."""

    name = "mnist1d"
    program_header = mnist1d_build.PROGRAM_HEADER
    policy = mnist1d_build.POLICY
    mutations_module = "evojax_nas.tasks.mnist1d_mutations"

    def validate_config(self, config: ml_collections.ConfigDict) -> None:
        train, task = config.train, config.task
        validate_train(
            train, ("steps", "batch_size", "eval_every", "num_seeds", "eval_batch_size", "steps_per_call")
        )
        require(
            isinstance(task.num_val, int) and 0 < task.num_val < NUM_TRAIN_POOL - train.batch_size,
            f"config.task.num_val must leave at least one batch of training data, got {task.num_val}",
        )
        loops = config.budget.get("max_loop_iterations", 0)
        require(
            isinstance(loops, int) and not isinstance(loops, bool) and loops >= 0,
            f"config.budget.max_loop_iterations must be an integer >= 0 (0: no limit), got {loops!r}",
        )
        require(
            train.eval_every % train.steps_per_call == 0,
            f"config.train.eval_every ({train.eval_every}) must be a multiple of steps_per_call ({train.steps_per_call})",
        )
        early_stop = train.get("early_stop", 0.0)
        require(
            isinstance(early_stop, (int, float)) and not isinstance(early_stop, bool) and 0 <= early_stop < 1,
            "config.train.early_stop must be a fraction of config.train.steps in [0, 1) (0: off), "
            f"got {early_stop!r}",
        )
        for flag in ("overlap", "parallel_compile"):
            value = train.get(flag, False)
            require(isinstance(value, bool), f"config.train.{flag} must be True or False, got {value!r}")
        require(
            train.steps % train.steps_per_call == 0,
            f"config.train.steps ({train.steps}) must be a multiple of steps_per_call ({train.steps_per_call})",
        )

    def build_config(self, config: ml_collections.ConfigDict) -> dict:
        train = config.train
        platform = jax.default_backend()
        return {
            "num_seeds": train.num_seeds,
            "batch_size": train.batch_size,
            "eval_batch_size": train.eval_batch_size,
            "input_length": INPUT_LENGTH,
            "num_classes": NUM_CLASSES,
            "platforms": [export_platform(platform)],
            "seed_batching": resolve_seed_batching(train.seed_batching, platform),
            "optimizer": optimizer_settings(train),
        }

    def score(self, metadata, artifacts, config, key, *, dry_run=False, progress=False) -> dict:
        settings = train_settings(config)
        classifier = ExportedClassifier(artifacts, int(metadata.get("num_param_leaves", 0)), settings)
        metrics = {"num_params": classifier.num_params, "flops": classifier.flops_per_example()}
        violation = budget_violation(metrics, config.budget)
        if violation:
            largest = classifier.forward_cost.largest_item() if "FLOPs" in violation else ""
            reason = f"{violation}: {largest}" if largest else violation
            return {**metrics, "status": "rejected", "reason": reason}
        if dry_run:
            return {**metrics, "status": "ok", "reason": ""}
        data = load_data(config.task.num_val, config.task.split_seed)
        compile_seconds, memory_bytes = classifier.compile(data)
        metrics.update(compile_seconds=compile_seconds, memory_bytes=memory_bytes)
        violation = budget_violation(metrics, config.budget)
        if violation:
            return {**metrics, "status": "rejected", "reason": violation}
        try:
            outcome = classifier.train(key, progress=progress)
        except CandidateFailed as error:  # keep what was measured: the compile time counts against the run
            return {**metrics, "status": "failed", "reason": str(error)}
        reason = ""
        if outcome.stopped_early_at:
            reason = (
                f"stopped early at step {outcome.stopped_early_at} of {settings.steps}: validation accuracy "
                f"{outcome.best_val_accuracy.mean():.3f} <= 1 - search.alpha = {settings.early_stop_accuracy:.3f}"
            )
        return {
            **metrics,
            "status": "ok",
            "reason": reason,
            "stopped_early_at": outcome.stopped_early_at,
            "val_accuracy": float(outcome.best_val_accuracy.mean()),
            "val_accuracy_std": float(outcome.best_val_accuracy.std()),
            "test_accuracy": float(outcome.test_accuracy_at_best.mean()),
            "test_accuracy_std": float(outcome.test_accuracy_at_best.std()),
            "val_accuracy_per_seed": outcome.best_val_accuracy.tolist(),
            "test_accuracy_per_seed": outcome.test_accuracy_at_best.tolist(),
            "best_step_per_seed": outcome.best_step.tolist(),
            "final_loss_per_seed": outcome.final_loss.tolist(),
            "train_seconds": outcome.train_seconds,
        }
