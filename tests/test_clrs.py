"""The CLRS task: seed sizes, the sandboxed build, real training and scoring, and the report's counting."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from tests.conftest import REPO_ROOT, load_config

SEEDS_DIR = REPO_ROOT / "seeds" / "clrs"

# Whole-model parameters at hidden 128 and 8 triplet features (README table; `evaluate --dry_run`).
PAPER_SIZE_PARAMS = {
    "standard": {"bfs": 523_963, "insertion_sort": 524_477},
    "mlp_output": {"bfs": 540_475, "insertion_sort": 540_989},
    "sum_aggregation": {"bfs": 523_963, "insertion_sort": 524_477},
    "mlp_node": {"bfs": 524_179, "insertion_sort": 524_693},
    "mlp_edge": {"bfs": 524_179, "insertion_sort": 524_693},
    "mlp_graph": {"bfs": 524_035, "insertion_sort": 524_549},
    "mlp_node_no_graph": {"bfs": 523_147, "insertion_sort": 523_661},
    "no_triplets": {"bfs": 545_411, "insertion_sort": 545_925},
    "bilinear": {"bfs": 750_387, "insertion_sort": 750_901},
}


def seed_source(name: str) -> str:
    return (SEEDS_DIR / f"{name}.py").read_text()


def small_data_config(preset: str | None = None, algorithm: str = "bfs"):
    """A config whose data is tiny (one training length), for builds that only count parameters."""
    config = load_config("clrs", preset)
    config.task.algorithm = algorithm
    config.task.train_lengths = (4,)
    config.task.train_pool_size = 32
    config.task.val_length = 5
    config.task.val_num_samples = 32
    return config


@pytest.mark.parametrize(("algorithm", "expected"), [("bfs", 523_963), ("insertion_sort", 524_477)])
def test_standard_seed_dry_run_has_dm_clrs_size(algorithm, expected):
    from evojax_nas.evaluator import Evaluator

    config = small_data_config(algorithm=algorithm)
    with Evaluator(config) as evaluator:
        result = evaluator.evaluate(seed_source("standard"), jax.random.key(0), dry_run=True)
    assert result["status"] == "ok", result["reason"]
    assert result["num_params"] == expected


def test_every_seed_builds_and_the_standard_one_matches_dm_clrs_own_model():
    from evojax_nas.sandbox.restricted import load_program
    from evojax_nas.tasks.clrs import build as clrs_build
    from evojax_nas.tasks.clrs.report import reference_num_params
    from evojax_nas.tasks.clrs.task import ClrsTask, load_data

    seeds = sorted(path.stem for path in SEEDS_DIR.glob("*.py"))
    assert len(seeds) == 9 and "standard" in seeds
    task = ClrsTask()
    assert set(task.seed_programs(load_config("clrs"))) == set(seeds)
    for algorithm in ("bfs", "insertion_sort"):
        config = small_data_config(algorithm=algorithm)
        build_config = task.build_config(config)
        counts = {}
        for name in seeds:
            module = load_program(seed_source(name), clrs_build.POLICY)
            shapes = clrs_build.parameter_shapes(module, build_config)
            counts[name] = sum(int(np.prod(leaf.shape)) for leaf in jax.tree.leaves(shapes))
        assert counts["standard"] == reference_num_params(config, load_data(config))
        assert counts["sum_aggregation"] == counts["standard"]  # only the aggregation differs
        assert counts == {name: PAPER_SIZE_PARAMS[name][algorithm] for name in seeds}


def test_contract_violations_are_rejected_with_a_reason():
    from evojax_nas.evaluator import Evaluator

    wrong_shape = (
        "import haiku as hk\n\n\ndef get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):\n"
        "    return hk.Linear(out_size)(z)\n"
    )
    uses_os = "import os\n\n\ndef get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):\n    return z\n"
    config = small_data_config("smoke")
    with Evaluator(config) as evaluator:
        shape_result = evaluator.evaluate(wrong_shape, jax.random.key(0), dry_run=True)
        policy_result = evaluator.evaluate(uses_os, jax.random.key(0), dry_run=True)
    assert shape_result["status"] == "rejected" and "expected (2, 5, 5, 16)" in shape_result["reason"]
    assert policy_result["status"] == "rejected" and "'os'" in policy_result["reason"]


def test_summary_counts_wins_as_the_paper_does():
    from evojax_nas.tasks.clrs.published import TRIPLET_GMPNN_OOD_PERCENT, parse_algorithms
    from evojax_nas.tasks.clrs.report import markdown, summarize

    assert len(parse_algorithms("all", tuple(TRIPLET_GMPNN_OOD_PERCENT))) == 30
    with pytest.raises(ValueError, match="unknown"):
        parse_algorithms("bfs,sorting", tuple(TRIPLET_GMPNN_OOD_PERCENT))
    rows = [
        {"algorithm": "bfs", "status": "ok", "published_percent": 99.73, "test_percent": 99.9},
        {"algorithm": "heapsort", "status": "ok", "published_percent": 31.04, "test_percent": 20.0},
        {"algorithm": "dfs", "status": "failed", "reason": "timed out", "published_percent": 47.79},
    ]
    summary = summarize(rows)
    assert (summary["wins"], summary["num_scored"], summary["won_algorithms"]) == (1, 2, ["bfs"])
    assert summary["mean_published_percent"] == pytest.approx((99.73 + 31.04) / 2)
    settings = {
        "program": "p.py",
        "steps": 100,
        "num_seeds": 2,
        "hidden_size": 32,
        "nb_triplet_fts": 8,
        "optimizer": "adam",
        "learning_rate": 1e-3,
        "batch_size": 32,
        "train_lengths": (4,),
        "val_length": 16,
        "eval_every": 50,
        "test_length": 64,
    }
    text = markdown(rows, summary, settings)
    assert "**1 of 2**" in text and "Ibarz et al. 2022" in text and "Reduced mode" in text
    assert "baseline" not in text and "beats_baseline" not in summary

    # Side by side with a baseline program: beaten on bfs, not on heapsort; a failed baseline is not paired.
    rows[0].update(
        baseline_status="ok", baseline_reason="", baseline_test_percent=99.0, baseline_num_params=900
    )
    rows[1].update(
        baseline_status="ok", baseline_reason="", baseline_test_percent=25.0, baseline_num_params=900
    )
    rows[2].update(baseline_status="failed", baseline_reason="nan loss")
    summary = summarize(rows)
    assert (summary["beats_baseline"], summary["num_paired"]) == (["bfs"], 2)
    assert summary["mean_baseline_test_percent"] == pytest.approx(62.0)
    text = markdown(rows, summary, {**settings, "baseline": "standard.py"})
    assert "beside `standard.py`" in text and "**1 of 2** algorithms scored for both" in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert all(line.count("|") == table[0].count("|") for line in table)
    assert table[1].endswith("| 99.00 | – | 900 | yes |") and "failed: nan loss" in table[3]


def test_bad_config_values_are_named():
    from evojax_nas.tasks.base import ConfigError
    from evojax_nas.tasks.clrs.task import ClrsTask

    for field, value, pattern in [
        (("task", "algorithm"), "sorting", "config.task.algorithm"),
        (("task", "train_pool_size"), 4, "train_pool_size"),
        (("train", "optimizer"), "lion", "optimizer"),
        (("model", "encoder_init"), "he", "encoder_init"),
        (("train", "seed_batching"), "loop", "seed_batching 'loop' is for classifier tasks"),
    ]:
        config = load_config("clrs", "smoke")
        config[field[0]][field[1]] = value
        with pytest.raises(ConfigError, match=pattern):
            ClrsTask().validate_config(config)


def test_presets():
    paper = load_config("clrs")
    assert (paper.model.hidden_size, paper.model.nb_triplet_fts, paper.train.batch_size) == (128, 8, 32)
    assert (paper.train.learning_rate, paper.train.grad_clip_norm, paper.train.steps) == (1e-3, 1.0, 2000)
    assert paper.train.optimizer == "adamw" and paper.task.algorithm == "bfs"
    assert tuple(paper.task.train_lengths) == (4, 7, 11, 13, 16) and paper.task.val_length == 16
    assert tuple(paper.task.search_algorithms) == ("articulation_points", "graham_scan", "mst_kruskal")
    assert tuple(load_config("clrs", "cpu").task.search_algorithms) == ("mst_prim",)
    assert tuple(load_config("clrs", "smoke").task.search_algorithms) == ()
    assert load_config("clrs", "cpu").model.hidden_size < 128
    with pytest.raises(ValueError, match="unknown preset"):
        load_config("clrs", "huge")


def test_builder_and_task_import_without_tensorflow():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from evojax_nas.tasks.clrs import build, task\n"
        "assert not [m for m in sys.modules if m.startswith('tensorflow')], 'TensorFlow was imported'\n"
        "import clrs as dm_clrs\n"
        "assert dm_clrs.build_sampler and dm_clrs.models.BaselineModel\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr[-2000:]


def test_a_search_scores_a_candidate_on_every_search_algorithm():
    """Search mode trains the candidate on each of `search_algorithms`; the fitness inputs are the means and
    each algorithm's numbers equal a plain evaluation on that algorithm with the same key."""
    from evojax_nas.evaluator import Evaluator

    config = small_data_config("smoke")
    config.train.steps = 4
    config.train.eval_every = 2
    config.task.search_algorithms = ("bfs", "dfs")
    key = jax.random.key(3)
    with Evaluator(config, search=True) as evaluator:
        combined = evaluator.evaluate(seed_source("standard"), key)
    assert combined["status"] == "ok", combined["reason"]
    assert combined["algorithm"] == "bfs,dfs" and set(combined["per_algorithm"]) == {"bfs", "dfs"}
    config.task.algorithm = "dfs"
    with Evaluator(config) as evaluator:  # not a search: config.task.algorithm alone
        alone = evaluator.evaluate(seed_source("standard"), key)
    assert alone["algorithm"] == "dfs"
    per = combined["per_algorithm"]
    assert (
        per["dfs"]["num_params"] == alone["num_params"]
        and per["dfs"]["val_accuracy"] == alone["val_accuracy"]
    )
    assert per["bfs"]["num_params"] != per["dfs"]["num_params"]  # other decoders
    assert combined["num_params"] == round((per["bfs"]["num_params"] + per["dfs"]["num_params"]) / 2)
    assert combined["val_accuracy"] == pytest.approx(
        (per["bfs"]["val_accuracy"] + per["dfs"]["val_accuracy"]) / 2
    )
    assert combined["fitness"] == pytest.approx(-combined["num_params"] * (1 - combined["val_accuracy"]))
    # A candidate that breaks on one algorithm is refused with that algorithm named.
    config.task.algorithm = "bfs"
    config.task.search_algorithms = ("bfs", "insertion_sort")
    broken = (
        "import haiku as hk\n\n\ndef get_triplet_msgs(z, edge_fts, graph_fts, nb_triplet_fts, out_size):\n"
        "    return hk.Linear(out_size)(z)\n"
    )
    with Evaluator(config, search=True) as evaluator:
        refused = evaluator.evaluate(broken, key, dry_run=True)
    assert refused["status"] == "rejected" and refused["reason"].startswith("bfs: ")
