"""MNIST-1D's evaluator side: its data and the checks of `config.task`.

Validation accuracy drives the fitness; test accuracy is reported only. Training and scoring are the classifier
tasks' (`evojax_nas.tasks.classifier.base`).
"""

from __future__ import annotations

import ml_collections

from evojax_nas.tasks.classifier.base import ClassifierTask
from evojax_nas.tasks.classifier.training import ClassificationData
from evojax_nas.tasks.common import require
from evojax_nas.tasks.mnist1d.data import FEATURE_SHAPE, NUM_CLASSES, NUM_TRAIN_POOL, load_data


class MNIST1DTask(ClassifierTask):
    """Image-free classification of 1-D signals with small Flax models."""

    name = "mnist1d"

    def load_data(self, config: ml_collections.ConfigDict) -> ClassificationData:
        return load_data(config.task.num_val, config.task.split_seed)

    def validate_task(self, config: ml_collections.ConfigDict) -> None:
        num_val = config.task.num_val
        require(
            isinstance(num_val, int) and 0 < num_val < NUM_TRAIN_POOL - config.train.batch_size,
            f"config.task.num_val must leave at least one batch of training data, got {num_val}",
        )

    def data_shape(self, config: ml_collections.ConfigDict) -> tuple[tuple[int, ...], int]:
        return FEATURE_SHAPE, NUM_CLASSES
