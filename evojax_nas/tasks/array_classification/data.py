"""Users' own classification data: an `.npz` holding `x_train, y_train, x_test, y_test`, checked and split.

Features may have any shape (`x_*[examples, *feature_shape]`, any real dtype); labels are whole numbers from 0.
The validation split is held out of the training arrays with a seeded permutation; the training split's
per-feature mean and standard deviation can standardise all three splits (`config.task.standardize`). Every
problem with a file is one `ConfigError` line naming the file, the array and what is wrong.

With no file the task uses scikit-learn's bundled `digits` (1,797 8x8 images, 10 classes; read from a file
that ships with scikit-learn, no download), converted on first use into the cache
(`$EVOJAX_NAS_CACHE/data/digits.npz`, default `~/.cache/evojax_nas/data/digits.npz`) with a fixed 20% test split.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import pathlib
import tempfile
import zipfile

import numpy as np

from evojax_nas.cli import cache_root
from evojax_nas.tasks.base import ConfigError
from evojax_nas.tasks.classifier.training import ClassificationData

REQUIRED_ARRAYS = ("x_train", "y_train", "x_test", "y_test")
DIGITS_FILE = "digits.npz"
DIGITS_TEST_FRACTION = 0.2
DIGITS_SPLIT_SEED = 0


@dataclasses.dataclass(frozen=True, eq=False)  # hashed by identity: a key of the split cache
class ArrayDataSet:
    """A checked data set as the file holds it (before the validation split)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    @property
    def feature_shape(self) -> tuple[int, ...]:
        """The shape of one example's features."""
        return tuple(int(n) for n in self.x_train.shape[1:])

    @property
    def num_classes(self) -> int:
        """One more than the largest label of either split."""
        return int(max(self.y_train.max(), self.y_test.max())) + 1


def data_cache_dir() -> pathlib.Path:
    """Where converted data sets are cached: `$EVOJAX_NAS_CACHE/data`, default `~/.cache/evojax_nas/data`."""
    return pathlib.Path(cache_root()) / "data"


def write_npz(path: pathlib.Path, arrays: dict[str, np.ndarray]) -> None:
    """Writes `arrays` to `path` atomically (a temporary file renamed into place), creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as handle:
        np.savez(handle, **arrays)
    os.replace(handle.name, path)


def digits_arrays() -> dict[str, np.ndarray]:
    """scikit-learn's bundled `digits` as 8x8 float32 images and int32 labels, split 80/20 with a fixed seed."""
    try:
        # Deferred: scikit-learn is needed only to convert the default data set once.
        from sklearn.datasets import load_digits
    except ImportError:
        raise ConfigError(
            "the default data set (digits) needs scikit-learn (pip install scikit-learn); "
            "or point config.task.data_path at an .npz file"
        ) from None
    digits = load_digits()
    x, y = np.asarray(digits.images, np.float32), np.asarray(digits.target, np.int32)
    order = np.random.default_rng(DIGITS_SPLIT_SEED).permutation(len(x))
    num_test = int(round(DIGITS_TEST_FRACTION * len(x)))
    test, train = order[:num_test], order[num_test:]
    return {"x_train": x[train], "y_train": y[train], "x_test": x[test], "y_test": y[test]}


def default_data_path() -> pathlib.Path:
    """The cached digits file, converted on first use."""
    path = data_cache_dir() / DIGITS_FILE
    if not path.is_file():
        write_npz(path, digits_arrays())
    return path


def _read_npz(path: pathlib.Path) -> dict[str, np.ndarray]:
    if not path.is_file():
        raise ConfigError(f"config.task.data_path: no such file '{path}'")
    try:
        loaded = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError) as error:
        detail = " ".join(str(error).split())[:200]
        raise ConfigError(f"config.task.data_path '{path}' is not a readable .npz file ({detail})") from None
    if not isinstance(loaded, np.lib.npyio.NpzFile):
        raise ConfigError(
            f"config.task.data_path '{path}' holds one array, not an .npz archive of {', '.join(REQUIRED_ARRAYS)}"
        )
    with loaded as archive:
        missing = [name for name in REQUIRED_ARRAYS if name not in archive.files]
        if missing:
            raise ConfigError(
                f"data file '{path}' lacks the arrays {', '.join(missing)} (it has: "
                f"{', '.join(archive.files) or 'none'}); it needs {', '.join(REQUIRED_ARRAYS)}"
            )
        try:
            return {name: archive[name] for name in REQUIRED_ARRAYS}
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
            detail = " ".join(str(error).split())[:200]
            raise ConfigError(f"data file '{path}': an array cannot be read ({detail})") from None


def _check_features(path: pathlib.Path, name: str, x: np.ndarray) -> np.ndarray:
    if x.ndim < 2 or x.shape[0] == 0:
        raise ConfigError(
            f"data file '{path}': {name} must be [examples, *features] with examples, got {x.shape}"
        )
    if not (np.issubdtype(x.dtype, np.number) or x.dtype == np.bool_) or np.issubdtype(
        x.dtype, np.complexfloating
    ):
        raise ConfigError(f"data file '{path}': {name} must hold real numbers, got dtype {x.dtype}")
    x = x.astype(np.float32)
    bad = int(np.size(x) - np.count_nonzero(np.isfinite(x)))
    if bad:
        raise ConfigError(f"data file '{path}': {name} holds {bad} NaN or infinite values")
    return x


def _check_labels(path: pathlib.Path, name: str, y: np.ndarray) -> np.ndarray:
    if y.ndim != 1:
        raise ConfigError(f"data file '{path}': {name} must be one label per example, got shape {y.shape}")
    if not (np.issubdtype(y.dtype, np.integer) or np.issubdtype(y.dtype, np.floating)):
        raise ConfigError(f"data file '{path}': {name} must hold integer class labels, got dtype {y.dtype}")
    if np.issubdtype(y.dtype, np.floating):
        fractional = y[~(np.isfinite(y) & (y == np.round(y)))]
        if fractional.size:
            raise ConfigError(
                f"data file '{path}': {name} holds non-integer labels (e.g. {fractional[0]!r}); "
                "labels are class numbers 0, 1, 2, ..."
            )
    if y.min() < 0:
        raise ConfigError(
            f"data file '{path}': {name} holds negative labels (e.g. {y.min()}); classes start at 0"
        )
    return y.astype(np.int32)


def read_data_set(path: pathlib.Path) -> ArrayDataSet:
    """Reads and checks the `.npz` at `path`; raises `ConfigError` with one line for any problem."""
    arrays = _read_npz(path)
    x_train, x_test = (_check_features(path, name, arrays[name]) for name in ("x_train", "x_test"))
    y_train, y_test = (_check_labels(path, name, arrays[name]) for name in ("y_train", "y_test"))
    for split, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        if len(x) != len(y):
            raise ConfigError(
                f"data file '{path}': x_{split} has {len(x)} examples but y_{split} has {len(y)} labels"
            )
    if x_train.shape[1:] != x_test.shape[1:]:
        raise ConfigError(
            f"data file '{path}': x_train examples have shape {x_train.shape[1:]} but x_test examples "
            f"{x_test.shape[1:]}"
        )
    data = ArrayDataSet(x_train, y_train, x_test, y_test)
    if data.num_classes < 2:
        raise ConfigError(
            f"data file '{path}': the labels name {data.num_classes} class; at least 2 are needed"
        )
    return data


def resolve_path(data_path: str) -> pathlib.Path:
    """The file `config.task.data_path` names (empty: the cached default data set, converted if missing)."""
    return pathlib.Path(data_path).expanduser().resolve() if data_path else default_data_path()


@functools.lru_cache(maxsize=4)
def _load_checked(path: pathlib.Path, modified: int, size: int) -> ArrayDataSet:
    del modified, size  # part of the cache key only: a rewritten file is read again
    return read_data_set(path)


def load_data_set(data_path: str) -> ArrayDataSet:
    """The checked data set of `config.task.data_path`, read once per process (again if the file changes)."""
    path = resolve_path(data_path)
    stat = path.stat() if path.is_file() else None
    return _load_checked(path, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


def num_validation(num_train: int, val_fraction: float) -> int:
    """How many training examples the validation split takes (at least one)."""
    return max(1, int(round(val_fraction * num_train)))


@functools.lru_cache(maxsize=4)
def split(data: ArrayDataSet, val_fraction: float, split_seed: int, standardize: bool) -> ClassificationData:
    """Holds out `val_fraction` of the training examples (seeded) and optionally standardises every split with
    the remaining training examples' per-feature mean and standard deviation (a constant feature keeps scale 1).
    Cached per data set and settings."""
    order = np.random.default_rng(split_seed).permutation(len(data.x_train))
    num_val = num_validation(len(order), val_fraction)
    val_index, train_index = order[:num_val], order[num_val:]
    x_train, x_val, x_test = data.x_train[train_index], data.x_train[val_index], data.x_test
    if standardize:
        mean = x_train.mean(axis=0)
        std = x_train.std(axis=0)
        std = np.where(std > 1e-6, std, 1.0).astype(np.float32)
        x_train, x_val, x_test = ((x - mean) / std for x in (x_train, x_val, x_test))
    return ClassificationData(
        x_train=np.asarray(x_train, np.float32),
        y_train=data.y_train[train_index],
        x_val=np.asarray(x_val, np.float32),
        y_val=data.y_train[val_index],
        x_test=np.asarray(x_test, np.float32),
        y_test=data.y_test,
    )


def load_data(data_path: str, val_fraction: float, split_seed: int, standardize: bool) -> ClassificationData:
    """The split (and standardised) data of `config.task`; read and split once per process."""
    return split(load_data_set(data_path), val_fraction, split_seed, standardize)
