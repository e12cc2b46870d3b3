"""The MNIST-1D task: local data, the seeds' sizes, and real training vmapped over seeds."""

from __future__ import annotations

import os

import jax
import numpy as np
import pytest

from evojax_nas.tasks.mnist1d.data import load_data
from tests.conftest import REPO_ROOT, load_config


def seed_source(name: str) -> str:
    return (REPO_ROOT / "seeds" / "mnist1d" / f"{name}.py").read_text()


def test_data_is_generated_locally_and_split(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    state = np.random.get_state()[1].copy()
    data = load_data(500, 0)
    assert os.listdir(tmp_path) == []  # nothing written to the current directory
    assert np.array_equal(np.random.get_state()[1], state)  # the global NumPy generator is left alone
    assert (
        data.x_train.shape == (3500, 40) and data.x_val.shape == (500, 40) and data.x_test.shape == (1000, 40)
    )
    assert set(np.unique(data.y_train)) == set(range(10))
    train_rows = {row.tobytes() for row in data.x_train}
    assert not any(row.tobytes() in train_rows for row in data.x_val)
    assert load_data(500, 0) is data  # generated once per process
    other = load_data(500, 1)
    assert not np.array_equal(other.x_val, data.x_val)


@pytest.mark.parametrize(
    ("seed", "num_params"), [("cnn", 5210), ("mlp", 15210), ("residual_cnn", 91082), ("gru", 5110)]
)
def test_seed_parameter_counts(evaluator, seed, num_params):
    result = evaluator.evaluate(seed_source(seed), jax.random.key(0), dry_run=True)
    assert result["status"] == "ok", result["reason"]
    assert result["num_params"] == num_params
    assert result["flops"] > 0


def test_training_learns_and_is_reproducible(evaluator, smoke_config):
    source = seed_source("mlp")
    first = evaluator.evaluate(source, jax.random.key(3))
    second = evaluator.evaluate(source, jax.random.key(3))
    third = evaluator.evaluate(source, jax.random.key(4))
    assert first["status"] == "ok", first["reason"]
    assert first["val_accuracy"] > 0.2  # 10 classes: chance is 0.1
    assert first["val_accuracy_per_seed"] == second["val_accuracy_per_seed"]
    assert first["val_accuracy_per_seed"] != third["val_accuracy_per_seed"]
    per_seed = first["val_accuracy_per_seed"]
    assert len(per_seed) == smoke_config.train.num_seeds and len(set(per_seed)) > 1  # seeds differ
    assert first["fitness"] == pytest.approx(-first["num_params"] * (1 - first["val_accuracy"]))
    assert first["compile_seconds"] > 0 and first["train_seconds"] > 0


def test_steps_per_call_gives_the_same_training():
    from evojax_nas.evaluator import Evaluator

    config = load_config("mnist1d", "smoke")
    source = seed_source("mlp")
    with Evaluator(config) as evaluator:
        looped = evaluator.evaluate(source, jax.random.key(1))
    config.train.steps_per_call = 10
    with Evaluator(config) as evaluator:
        fused = evaluator.evaluate(source, jax.random.key(1))
    np.testing.assert_allclose(looped["val_accuracy_per_seed"], fused["val_accuracy_per_seed"], atol=0.01)


def test_vmap_and_unrolled_seeds_train_the_same_models():
    from evojax_nas.evaluator import Evaluator

    results = {}
    for mode in ("vmap", "unroll"):
        config = load_config("mnist1d", "smoke")
        config.train.seed_batching = mode
        with Evaluator(config) as evaluator:
            results[mode] = evaluator.evaluate(seed_source("cnn"), jax.random.key(2))
    assert results["vmap"]["num_params"] == results["unroll"]["num_params"] == 5210
    np.testing.assert_allclose(
        results["vmap"]["final_loss_per_seed"], results["unroll"]["final_loss_per_seed"], rtol=1e-3
    )


def test_bad_config_values_are_named():
    from evojax_nas.tasks.base import ConfigError
    from evojax_nas.tasks.mnist1d.task import MNIST1DTask

    config = load_config("mnist1d", "smoke")
    config.train.eval_every = 7
    config.train.steps_per_call = 2
    with pytest.raises(ConfigError, match="eval_every"):
        MNIST1DTask().validate_config(config)
    config = load_config("mnist1d", "smoke")
    config.train.optimizer = "lion"
    with pytest.raises(ConfigError, match="optimizer"):
        MNIST1DTask().validate_config(config)
    config = load_config("mnist1d", "smoke")
    config.train.time_projection_margin = 0.5  # would fail candidates that fit the limit
    with pytest.raises(ConfigError, match="time_projection_margin"):
        MNIST1DTask().validate_config(config)


def test_presets():
    paper = load_config("mnist1d")
    assert (paper.train.optimizer, paper.train.learning_rate, paper.train.batch_size, paper.train.steps) == (
        "adamw",
        0.01,
        128,
        8000,
    )
    assert paper.train.eval_every <= 250 and paper.train.num_seeds == 4
    with pytest.raises(ValueError, match="unknown preset"):
        load_config("mnist1d", "huge")
