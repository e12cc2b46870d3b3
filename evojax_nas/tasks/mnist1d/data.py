"""MNIST-1D data: generated locally with `mnist1d.data.make_dataset` (no network, nothing written to disk).

Generated once per process and split 3500 train / 500 validation (`config.task.num_val`, drawn with
`config.task.split_seed`) / 1000 test.
"""

from __future__ import annotations

import functools

import numpy as np

from evojax_nas.tasks.classifier.training import ClassificationData

FEATURE_SHAPE = (40,)
NUM_CLASSES = 10
NUM_TRAIN_POOL = 4000  # make_dataset's training examples, split into train and validation


@functools.lru_cache(maxsize=4)
def load_data(num_val: int, split_seed: int) -> ClassificationData:
    """Generates MNIST-1D locally (the frozen-pickle distribution) and splits it; cached per process."""
    import mnist1d.data  # deferred: 1.6 s of imports, paid only by a process that trains MNIST-1D candidates

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
