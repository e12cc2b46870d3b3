"""The evaluator side of array_classification: the data of `config.task` and its checks.

`config.task.data_path` names the `.npz` (empty: the cached digits); `val_fraction` of its training examples,
drawn with `split_seed`, form the validation split, whose best accuracy over training drives the fitness; the
file's test arrays give the reported-only test accuracy. The feature shape and the class count come from the
data: a program receives `x: float32[batch, *feature_shape]`, and a Model that declares a `num_classes` field
gets the data's class count. Training and scoring are the classifier tasks' (`evojax_nas.tasks.classifier`).
"""

from __future__ import annotations

import ml_collections

from evojax_nas.tasks.array_classification.data import load_data, load_data_set, num_validation
from evojax_nas.tasks.classifier.base import ClassifierTask
from evojax_nas.tasks.classifier.training import ClassificationData
from evojax_nas.tasks.common import require


class ArrayClassificationTask(ClassifierTask):
    """Classification of arrays from a user's `.npz` file (default: scikit-learn's digits)."""

    name = "array_classification"

    def load_data(self, config: ml_collections.ConfigDict) -> ClassificationData:
        task = config.task
        return load_data(
            str(task.data_path), float(task.val_fraction), int(task.split_seed), bool(task.standardize)
        )

    def validate_task(self, config: ml_collections.ConfigDict) -> None:
        task = config.task
        require(
            isinstance(task.data_path, str),
            f"config.task.data_path must be a file path or '' (the default data set), got {task.data_path!r}",
        )
        fraction = task.val_fraction
        require(
            isinstance(fraction, float) and 0 < fraction < 1,
            f"config.task.val_fraction must be a fraction in (0, 1), got {fraction!r}",
        )
        require(
            isinstance(task.split_seed, int) and not isinstance(task.split_seed, bool),
            f"config.task.split_seed must be an integer, got {task.split_seed!r}",
        )
        require(
            isinstance(task.standardize, bool),
            f"config.task.standardize must be True or False, got {task.standardize!r}",
        )
        num_examples = len(
            load_data_set(task.data_path).x_train
        )  # a bad file raises its one-line ConfigError
        num_train = num_examples - num_validation(num_examples, fraction)
        require(
            num_train >= config.train.batch_size,
            f"the training split has {num_train} examples ({num_examples} in x_train less config.task.val_fraction "
            f"= {fraction}), fewer than config.train.batch_size = {config.train.batch_size}",
        )

    def data_shape(self, config: ml_collections.ConfigDict) -> tuple[tuple[int, ...], int]:
        data = load_data_set(config.task.data_path)
        return data.feature_shape, data.num_classes

    def model_fields(self, config: ml_collections.ConfigDict) -> dict:
        return {"num_classes": load_data_set(config.task.data_path).num_classes}
