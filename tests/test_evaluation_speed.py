"""Speed features of child evaluation (issue 14): the overlapped pool, parallel compilation, the once-per-process
batch-order compile, and the early stop. Each must leave results unchanged where it is exact, and the early stop
must stop exactly where its rule says. Real sandbox builds and real JAX training on a tiny MLP (smoke budget)."""

from __future__ import annotations

import dataclasses
import threading
import time

import jax
import numpy as np
import pytest

from evojax_nas.evaluator import EvaluatorPool
from evojax_nas.tasks.base import ConfigError
from evojax_nas.tasks.classifier.base import train_settings
from evojax_nas.tasks.classifier.training import ExportedClassifier
from evojax_nas.tasks.mnist1d.data import load_data
from evojax_nas.tasks.mnist1d.task import MNIST1DTask
from evojax_nas.training import compiled_batch_indices, compiler_options, training_gate
from tests.conftest import load_config

TINY_MLP = '''"""A tiny MLP."""

import flax.linen as nn


class Model(nn.Module):
    width: int = 16

    @nn.compact
    def __call__(self, x):
        return nn.Dense(features=10)(nn.relu(nn.Dense(features=self.width)(x)))
'''


def _config(**train):
    config = load_config("mnist1d", "smoke")
    config.sandbox.wall_seconds = 60.0
    config.train.num_seeds = 1
    config.train.steps = 40
    config.train.eval_every = 10
    for name, value in train.items():
        config.train[name] = value
    return config


@pytest.fixture(scope="module")
def built(evaluator):
    """One sandbox build of the tiny MLP under the test config (metadata, artifacts)."""
    config = _config()
    build = evaluator.sandbox.build(TINY_MLP, evaluator.task.build_config(config))
    assert build.status == "ok", build.reason
    return config, build


def _classifier(config, build, **settings):
    classifier = ExportedClassifier(
        build.artifacts,
        int(build.metadata["num_param_leaves"]),
        dataclasses.replace(train_settings(config), **settings),
    )
    return classifier


@pytest.fixture(scope="module")
def compiled(built):
    config, build = built
    classifier = _classifier(config, build)
    classifier.compile(load_data(config.task.num_val, config.task.split_seed))
    return classifier


def test_parallel_compile_trains_the_same_and_batch_order_compiles_once(built, compiled):
    config, build = built
    hits_before = compiled_batch_indices.cache_info().hits
    parallel = _classifier(config, build, parallel_compile=True)
    parallel.compile(load_data(config.task.num_val, config.task.split_seed))
    assert compiled_batch_indices.cache_info().hits > hits_before  # not compiled again for a new candidate
    key = jax.random.key(7)
    expected, got = compiled.train(key), parallel.train(key)
    assert got.history == expected.history
    np.testing.assert_array_equal(got.best_val_accuracy, expected.best_val_accuracy)
    np.testing.assert_array_equal(got.final_loss, expected.final_loss)


def test_lower_cpu_optimization_level_reaches_xla_and_trains(built):
    config, build = built
    assert compiler_options(3) is None  # XLA's default: nothing to pass
    assert compiler_options(1) == {"xla_backend_optimization_level": 1}
    default, lower = (_classifier(config, build, cpu_optimization_level=level) for level in (3, 1))
    for classifier in (default, lower):
        classifier.compile(load_data(config.task.num_val, config.task.split_seed))
    key = jax.random.key(11)
    # Exact for this tiny MLP; not for every program (bench/search_throughput.py: 2 of 12 children moved by one
    # validation example).
    expected, got = default.train(key), lower.train(key)
    assert got.history == expected.history
    np.testing.assert_array_equal(got.final_loss, expected.final_loss)
    # The option reaches XLA: a level it does not know is refused there.
    bad = _classifier(config, build, cpu_optimization_level="fast")
    with pytest.raises(Exception, match="xla_backend_optimization_level"):
        bad.compile(load_data(config.task.num_val, config.task.split_seed))


def test_seed_loop_trains_every_seed_as_the_unrolled_program_does():
    fields = ("val_accuracy_per_seed", "test_accuracy_per_seed", "best_step_per_seed", "final_loss_per_seed")
    results = {}
    for batching in ("unroll", "loop"):
        config = _config(seed_batching=batching, num_seeds=3)
        with EvaluatorPool(config) as pool:
            results[batching] = pool.map(
                lambda evaluator, job: evaluator.evaluate(*job), [(TINY_MLP, jax.random.key(5))]
            )[0]
    unrolled, looped = results["unroll"], results["loop"]
    assert unrolled["status"] == looped["status"] == "ok"
    assert {name: looped[name] for name in fields} == {name: unrolled[name] for name in fields}
    assert len(set(looped["final_loss_per_seed"])) == 3  # three different seeds, not one seed three times
    assert looped["num_params"] == unrolled["num_params"]


def test_early_stop_stops_below_the_alpha_threshold_and_keeps_the_best_so_far(compiled):
    key = jax.random.key(3)
    full = compiled.train(key)
    assert full.stopped_early_at == 0 and len(full.history) == 4
    settings = compiled.settings
    try:
        # Threshold 0.999: the tiny MLP is far below it at step 20 (the first validation at or after step 15).
        compiled.settings = dataclasses.replace(settings, early_stop_step=15, early_stop_accuracy=0.999)
        stopped = compiled.train(key)
        # Threshold 0: any candidate that classifies anything passes, so training runs to the end unchanged.
        compiled.settings = dataclasses.replace(settings, early_stop_step=15, early_stop_accuracy=0.0)
        passed = compiled.train(key)
    finally:
        compiled.settings = settings
    assert stopped.stopped_early_at == 20
    assert stopped.history == full.history[:2]
    best_so_far = np.max([record["val_accuracy"] for record in full.history[:2]], axis=0)
    np.testing.assert_array_equal(stopped.best_val_accuracy, best_so_far)
    assert passed.stopped_early_at == 0 and passed.history == full.history


def test_training_gate_makes_trainings_take_turns(compiled):
    lock = threading.Lock()
    finished = threading.Event()

    def train():
        with training_gate(lock):
            compiled.train(jax.random.key(1))
        finished.set()

    with lock:
        thread = threading.Thread(target=train)
        thread.start()
        time.sleep(1.0)
        assert not finished.is_set()  # waits for the lock another candidate's training holds
    thread.join(timeout=120)
    assert finished.is_set()


def test_overlapped_pool_gives_the_sequential_results():
    # The first job runs alone (it fills the data caches); the next three are served by two threads.
    sources = [TINY_MLP, TINY_MLP.replace("width: int = 16", "width: int = 8"), "not python (", TINY_MLP]
    jobs = [(source, jax.random.key(index)) for index, source in enumerate(sources)]
    fields = ("status", "reason", "num_params", "val_accuracy", "test_accuracy", "flops", "program_key")
    outcomes = {}
    for overlap in (False, True):
        config = _config(overlap=overlap, parallel_compile=overlap)
        threads = set()

        def evaluate(evaluator, job, threads=threads):
            threads.add(threading.current_thread().name)
            return evaluator.evaluate(*job)

        with EvaluatorPool(config) as pool:
            results = pool.map(evaluate, jobs)
        outcomes[overlap] = [{name: result[name] for name in fields} for result in results]
        assert len(threads - {"MainThread"}) == (2 if overlap else 1)
    assert outcomes[True] == outcomes[False]
    assert [outcome["status"] for outcome in outcomes[True]] == ["ok", "ok", "rejected", "ok"]
    assert outcomes[True][0]["val_accuracy"] != outcomes[True][3]["val_accuracy"]  # the keys matter


def test_early_stop_in_an_evaluation_reports_where_it_stopped(evaluator):
    config = _config(early_stop=0.25)
    config.search.alpha = 0.001  # accept only validation accuracy above 0.999
    from evojax_nas.evaluator import Evaluator

    with Evaluator(config) as stopping:
        result = stopping.evaluate(TINY_MLP, jax.random.key(0))
    assert result["status"] == "ok" and result["stopped_early_at"] == 10
    assert result["reason"].startswith("stopped early at step 10 of 40")
    assert result["val_accuracy"] <= 0.999


@pytest.mark.parametrize(
    "field, value",
    [
        ("early_stop", 1.0),
        ("early_stop", -0.1),
        ("cpu_optimization_level", 4),
        ("cpu_optimization_level", True),
    ],
)
def test_bad_speed_settings_are_refused_with_their_name(field, value):
    config = _config()
    config.train[field] = value
    with pytest.raises(ConfigError, match=f"config.train.{field}"):
        MNIST1DTask().validate_config(config)
