"""The array_classification task: users' .npz files and the default digits, one clear line for each kind of bad
data, real sandboxed evaluations of both seeds, and a tiny real search with the mutation method (smoke preset)."""

from __future__ import annotations

import pathlib

import jax
import numpy as np
import pytest

from evojax_nas.evaluator import Evaluator
from evojax_nas.search.runner import run
from evojax_nas.tasks.array_classification.data import load_data, load_data_set, read_data_set
from evojax_nas.tasks.array_classification.task import ArrayClassificationTask
from evojax_nas.tasks.base import ConfigError
from tests.conftest import REPO_ROOT, load_config

SEEDS = REPO_ROOT / "seeds" / "array_classification"


@pytest.fixture(scope="module", autouse=True)
def private_cache(tmp_path_factory):
    """The digits conversion goes to a fresh cache, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVOJAX_NAS_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


def tabular_file(directory: pathlib.Path, **changes) -> pathlib.Path:
    """A small 3-class tabular data set (5 features) written as .npz, with `changes` replacing arrays (None
    drops one)."""
    rng = np.random.default_rng(0)
    y_train, y_test = rng.integers(0, 3, 200), rng.integers(0, 3, 60)
    arrays = {
        "x_train": rng.normal(size=(200, 5)) + y_train[:, None],
        "y_train": y_train,
        "x_test": rng.normal(size=(60, 5)) + y_test[:, None],
        "y_test": y_test,
    }
    arrays.update(changes)
    path = directory / "data.npz"
    np.savez(path, **{name: value for name, value in arrays.items() if value is not None})
    return path


def smoke_config(**task):
    config = load_config("array_classification", "smoke")
    config.log.progress = False
    config.task.update(task)
    return config


def test_default_data_is_digits_converted_once_into_the_cache():
    data = load_data_set("")
    assert data.feature_shape == (8, 8) and data.num_classes == 10
    assert (len(data.x_train), len(data.x_test)) == (1438, 359)
    split = load_data("", 0.1, 0, True)
    assert (len(split.x_train), len(split.x_val)) == (1294, 144)
    np.testing.assert_allclose(split.x_train.mean(axis=0), 0.0, atol=1e-4)  # standardised on training data
    assert load_data("", 0.1, 0, True) is split  # cached per process
    other = load_data("", 0.1, 1, True)  # another split seed draws another validation split
    assert not np.array_equal(other.y_val, split.y_val)


def test_a_user_file_gives_its_shape_classes_and_split(tmp_path):
    path = tabular_file(tmp_path)
    config = smoke_config(data_path=str(path))
    task = ArrayClassificationTask()
    task.validate_config(config)
    assert task.data_shape(config) == ((5,), 3)
    assert task.model_fields(config) == {"num_classes": 3}
    build = task.build_config(config)
    assert build["feature_shape"] == [5] and build["num_classes"] == 3
    data = task.load_data(config)
    assert (len(data.x_train), len(data.x_val), len(data.x_test)) == (180, 20, 60)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"x_test": None, "y_test": None}, "lacks the arrays x_test, y_test"),
        ({"y_train": np.zeros(199, np.int64)}, "x_train has 200 examples but y_train has 199 labels"),
        ({"y_train": np.full(200, 0.5)}, "y_train holds non-integer labels"),
        ({"y_test": np.full(60, -1)}, "y_test holds negative labels"),
        ({"x_train": np.full((200, 5), np.nan)}, "x_train holds 1000 NaN or infinite values"),
        ({"x_test": np.zeros((60, 4))}, "x_train examples have shape (5,) but x_test examples (4,)"),
        ({"y_train": np.array(["a"] * 200)}, "y_train must hold integer class labels"),
        ({"y_train": np.zeros(200, np.int64), "y_test": np.zeros(60, np.int64)}, "at least 2 are needed"),
    ],
)
def test_bad_data_gets_one_clear_line(tmp_path, changes, message):
    with pytest.raises(ConfigError) as error:
        read_data_set(tabular_file(tmp_path, **changes))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_wrong_or_missing_files_are_named(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not an array")
    array = tmp_path / "one.npy"
    np.save(array, np.zeros(3))
    cases = [
        (tmp_path / "absent.npz", "no such file"),
        (text, "is not a readable .npz file"),
        (array, "holds one array, not an .npz archive"),
    ]
    task = ArrayClassificationTask()
    for path, message in cases:
        with pytest.raises(ConfigError, match=message):
            task.validate_config(smoke_config(data_path=str(path)))


def test_bad_task_settings_are_named(tmp_path):
    task = ArrayClassificationTask()
    path = str(tabular_file(tmp_path))
    with pytest.raises(ConfigError, match="config.task.val_fraction must be a fraction"):
        task.validate_config(smoke_config(data_path=path, val_fraction=1.5))
    config = smoke_config(data_path=path)
    config.train.batch_size = 190
    with pytest.raises(ConfigError, match="the training split has 180 examples"):
        task.validate_config(config)


@pytest.fixture(scope="module")
def evaluator():
    with Evaluator(smoke_config()) as evaluator:
        yield evaluator


@pytest.mark.parametrize(("seed", "num_params"), [("mlp", 8970), ("cnn", 9930)])
def test_both_seeds_train_on_digits(evaluator, seed, num_params):
    result = evaluator.evaluate((SEEDS / f"{seed}.py").read_text(), jax.random.key(0))
    assert result["status"] == "ok", result["reason"]
    assert result["num_params"] == num_params
    assert result["val_accuracy"] > 0.5  # 10 classes: far above chance after 40 steps


def test_the_seeds_follow_a_tabular_file(tmp_path):
    """1-D features: the CNN convolves them as a signal; the output width follows the file's 3 classes."""
    with Evaluator(smoke_config(data_path=str(tabular_file(tmp_path)))) as evaluator:
        for seed, num_params in (("mlp", 4739), ("cnn", 1923)):
            result = evaluator.evaluate((SEEDS / f"{seed}.py").read_text(), jax.random.key(0), dry_run=True)
            assert result["status"] == "ok", result["reason"]
            assert result["num_params"] == num_params


def test_a_tiny_mutation_search_runs(tmp_path):
    config = smoke_config()
    config.search.method = "mutation"
    config.search.rounds = 1
    config.search.samples_per_prompt = 1  # 2 prompts of 1 child: two mutants besides the two seeds
    config.search.alpha = 1.0
    config.train.num_seeds = 1
    config.train.steps = 20
    config.train.eval_every = 10
    summary = run(config, tmp_path / "run")
    assert summary["finished"] and summary["samples"] == summary["budget"] > 0
    assert summary["ok"] + summary["duplicate"] >= 1 and summary["final_population"]
    assert (tmp_path / "run" / "journal.jsonl").is_file()
