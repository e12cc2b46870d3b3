"""The evaluator side shared by tasks whose candidates are Flax classifiers of arrays.

A subclass supplies its data (`load_data`), the checks of its `config.task` section (`validate_task`) and,
where the data decides them, the feature shape, class count and the Model fields the framework sets
(`model_fields`). Training, budget checks and scoring (best validation accuracy over training, test accuracy at
the best-validation step) are the same for all: `evojax_nas.tasks.classifier.training`.
"""

from __future__ import annotations

import abc
import math

import jax
import ml_collections

from evojax_nas.evaluation_result import budget_violation
from evojax_nas.tasks.base import Task
from evojax_nas.tasks.classifier import build
from evojax_nas.tasks.classifier.training import (
    ClassificationData,
    ExportedClassifier,
    TrainSettings,
)
from evojax_nas.tasks.common import (
    export_platform,
    is_real_number,
    optimizer_settings,
    require,
    validate_train,
)
from evojax_nas.training import XLA_DEFAULT_OPTIMIZATION_LEVEL, CandidateFailed

TRAIN_COUNT_FIELDS = ("steps", "batch_size", "eval_every", "num_seeds", "eval_batch_size", "steps_per_call")


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
        time_projection_margin=float(train.get("time_projection_margin", 0.0)),
        max_loop_iterations=int(config.budget.get("max_loop_iterations", 0)),
        parallel_compile=bool(train.get("parallel_compile", False)),
        cpu_optimization_level=int(train.get("cpu_optimization_level", XLA_DEFAULT_OPTIMIZATION_LEVEL)),
        early_stop_step=math.ceil(early_stop * train.steps) if early_stop else 0,
        early_stop_accuracy=1.0 - alpha,
        seed_loop=resolve_seed_batching(train.seed_batching, jax.default_backend()) == "loop",
    )


def resolve_seed_batching(setting: str, platform: str) -> str:
    """`auto` means `loop` on CPU (one seed's step compiled once and called per seed: measured fastest there,
    `bench/eval_throughput.py --seed_batchings unroll loop`) and `vmap` elsewhere."""
    if setting == "auto":
        return "loop" if platform == "cpu" else "vmap"
    return setting


def validate_classifier_train(config: ml_collections.ConfigDict) -> None:
    """Checks `config.train` and `config.budget.max_loop_iterations` as every classifier task needs them."""
    train = config.train
    validate_train(train, TRAIN_COUNT_FIELDS)
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
        is_real_number(early_stop) and 0 <= early_stop < 1,
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


class ClassifierTask(Task):
    """A task whose candidates are Flax `Model`s mapping `[batch, *feature_shape]` to logits."""

    program_header = build.PROGRAM_HEADER
    policy = build.POLICY
    mutations_module = "evojax_nas.tasks.classifier.mutations"

    @abc.abstractmethod
    def load_data(self, config: ml_collections.ConfigDict) -> ClassificationData:
        """The split data set (cached per process by the subclass)."""

    @abc.abstractmethod
    def validate_task(self, config: ml_collections.ConfigDict) -> None:
        """Raises `ConfigError` for an invalid `config.task` value (the train fields are checked already)."""

    @abc.abstractmethod
    def data_shape(self, config: ml_collections.ConfigDict) -> tuple[tuple[int, ...], int]:
        """The feature shape of one example and the number of classes."""

    def model_fields(self, config: ml_collections.ConfigDict) -> dict:
        """Model fields the framework sets to the data's values when a program declares them (default: none)."""
        return {}

    def validate_config(self, config: ml_collections.ConfigDict) -> None:
        validate_classifier_train(config)
        self.validate_task(config)

    def build_config(self, config: ml_collections.ConfigDict) -> dict:
        train = config.train
        platform = jax.default_backend()
        feature_shape, num_classes = self.data_shape(config)
        batching = resolve_seed_batching(train.seed_batching, platform)
        settings = {
            # "loop": one seed's functions, called for each seed in turn by the trainer.
            "num_seeds": 1 if batching == "loop" else train.num_seeds,
            "batch_size": train.batch_size,
            "eval_batch_size": train.eval_batch_size,
            "feature_shape": list(feature_shape),
            "num_classes": num_classes,
            "platforms": [export_platform(platform)],
            "seed_batching": "unroll" if batching == "loop" else batching,
            "optimizer": optimizer_settings(train),
        }
        fields = self.model_fields(config)
        return {**settings, "model_fields": fields} if fields else settings

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
        compile_seconds, memory_bytes = classifier.compile(self.load_data(config))
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
