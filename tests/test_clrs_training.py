"""CLRS training: real, sandbox-built models trained and scored here, and parity with dm-clrs's BaselineModel."""

from __future__ import annotations

import dataclasses

import jax
import numpy as np
import pytest

from tests.conftest import REPO_ROOT, load_config


def seed_source(name: str) -> str:
    return (REPO_ROOT / "seeds" / "clrs" / f"{name}.py").read_text()


def build(config, source: str, data):
    """Builds `source` in the real sandbox for `config`; returns (metadata, artifacts)."""
    from evojax_nas.evaluator import sandbox_limits
    from evojax_nas.sandbox.client import SandboxClient
    from evojax_nas.tasks.clrs.task import ClrsTask

    with SandboxClient("clrs", sandbox_limits(config)) as client:
        result = client.build(source, ClrsTask().build_config(config, data))
    assert result.status == "ok", result.reason
    return result.metadata, result.artifacts


def test_evaluator_trains_and_scores_with_test_at_best_validation():
    from evojax_nas.evaluator import Evaluator

    config = load_config("clrs", "smoke")
    config.task.score_test = True
    with Evaluator(config) as evaluator:
        result = evaluator.evaluate(seed_source("standard"), jax.random.key(0))
    assert result["status"] == "ok", result["reason"]
    assert result["num_params"] > 0 and result["compile_seconds"] > 0
    assert 0.4 < result["val_accuracy"] <= 1.0  # bfs pointers at n=6: chance is about 1/6
    assert 0.0 <= result["test_accuracy"] <= 1.0 and len(result["test_score_per_seed"]) == 2
    assert result["fitness"] == pytest.approx(-result["num_params"] * (1 - result["val_accuracy"]))
    assert all(1 <= step <= config.train.steps for step in result["best_step_per_seed"])


def test_standard_seed_reproduces_dm_clrs_baseline_model_and_training_is_reproducible():
    """Same initial parameters (to float rounding) as `clrs.models.BaselineModel`, same losses and scores."""
    from evojax_nas.tasks.clrs.dm_clrs import import_clrs
    from evojax_nas.tasks.clrs.task import load_data, train_settings
    from evojax_nas.tasks.clrs.training import ExportedClrsModel

    clrs = import_clrs()
    config = load_config("clrs", "smoke")
    config.task.train_lengths = (5,)
    config.train.optimizer = "adam"  # dm-clrs's optimiser: clip by global norm 1.0, then Adam
    data = load_data(config)
    assert data.train[0].num_nodes == 5 and data.val.num_nodes == config.task.val_length and data.test is None
    metadata, artifacts = build(config, seed_source("standard"), data)
    model = ExportedClrsModel(artifacts, metadata, train_settings(config))
    model.compile(data)

    pool, batch_size = data.train[0], config.train.batch_size
    baseline = clrs.models.BaselineModel(
        data.spec_dict(),
        pool.to_feedback(np.arange(batch_size)),
        clrs.get_processor_factory("triplet_gmpnn", use_ln=True, nb_triplet_fts=config.model.nb_triplet_fts),
        hidden_dim=config.model.hidden_size,
        encode_hints=True,
        decode_hints=True,
        encoder_init="xavier_on_scalars",
        learning_rate=config.train.learning_rate,
        grad_clip_max_norm=config.train.grad_clip_norm,
    )
    baseline.init(pool.to_feedback(np.arange(batch_size)).features, 7)

    # Both seeds start from BaselineModel.init(seed=7)'s key; seed 1 trains on other samples.
    state = model.init_state(np.stack([np.asarray(jax.random.PRNGKey(7))] * 2))
    num_param_leaves = metadata["num_param_leaves"]
    ours = dict(zip(metadata["param_names"], state[:num_param_leaves], strict=True))
    theirs = {
        jax.tree_util.keystr(path): leaf
        for path, leaf in jax.tree_util.tree_flatten_with_path(baseline.params)[0]
    }
    assert sorted(ours) == sorted(theirs)
    for name, value in theirs.items():
        np.testing.assert_allclose(np.asarray(ours[name])[0], value, rtol=1e-6, atol=1e-7, err_msg=name)

    for index in range(3):
        rows = np.arange(index * batch_size, (index + 1) * batch_size)
        state, loss = model.train_step_on(state, 0, np.stack([rows, rows[::-1] + batch_size]))
        baseline_loss = baseline.feedback(jax.random.PRNGKey(index), pool.to_feedback(rows))
        np.testing.assert_allclose(float(loss[0]), float(baseline_loss), rtol=2e-4)
        assert float(loss[1]) != float(loss[0])
    ours_scores = model.scores("val", state[:num_param_leaves])
    baseline_preds, _ = baseline.predict(jax.random.PRNGKey(0), data.val.to_feedback().features)
    baseline_score = clrs.evaluate(data.val.to_feedback().outputs, baseline_preds)["score"]
    assert ours_scores[0] == pytest.approx(baseline_score, abs=1e-6)

    first = model.train(jax.random.key(3))
    second = model.train(jax.random.key(3))
    third = model.train(jax.random.key(4))
    np.testing.assert_array_equal(first.best_val_score, second.best_val_score)
    np.testing.assert_array_equal(first.final_loss, second.final_loss)
    assert not np.array_equal(first.final_loss, third.final_loss)
    assert first.final_loss[0] != first.final_loss[1]  # seeds train differently
    # The modules compiled side by side on threads train the same as compiled one after the other.
    assert not model.settings.parallel_compile
    threaded = ExportedClrsModel(
        artifacts, metadata, dataclasses.replace(train_settings(config), parallel_compile=True)
    )
    threaded.compile(data)
    again = threaded.train(jax.random.key(3))
    np.testing.assert_array_equal(again.final_loss, first.final_loss)
    np.testing.assert_array_equal(again.best_val_score, first.best_val_score)
    assert [record["step"] for record in first.history] == [1, 11, 20]  # after step 1, every 10, the last
    assert np.mean(first.history[-1]["loss"]) < np.mean(first.history[0]["loss"])  # it learns


def test_vmapped_bilinear_seed_trains_at_smoke():
    """The bilinear seed with vmapped seeds: before `evojax_nas.tasks.clrs.gradients.exact_max_gradients`, XLA:CPU on an AVX-512
    host recomputed its triplet tensor with other FMA contractions for the max's gradient, and every gradient
    was NaN from the first step (docs/clrs.md). One training length keeps it to one compiled step."""
    from evojax_nas.evaluator import Evaluator

    config = load_config("clrs", "smoke")
    config.train.seed_batching = "vmap"
    config.task.train_lengths = (4,)
    config.train.steps = 3
    config.train.eval_every = 2
    with Evaluator(config) as evaluator:
        result = evaluator.evaluate(seed_source("bilinear"), jax.random.key(0))
    assert result["status"] == "ok", result["reason"]
    assert np.isfinite(result["final_loss_per_seed"]).all() and 0.0 < result["val_accuracy"] <= 1.0
