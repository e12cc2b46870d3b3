"""The evaluate command as a user runs it: a real subprocess, JSON on the last stdout line, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from evojax_nas.cli import XLA_CACHE_ENV_VAR
from tests.conftest import REPO_ROOT


def run(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evojax_nas.evaluate", *arguments],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_evaluates_a_seed_and_prints_json_last(tmp_path):
    # Every compile is kept (even the fast ones) in a cache of this test's own.
    cache = tmp_path / "xla"
    env = {
        **os.environ,
        XLA_CACHE_ENV_VAR: str(cache),
        "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0",
    }
    completed = run(
        "--config=configs/mnist1d.py:smoke",
        "--program=seeds/mnist1d/cnn.py",
        "--config.train.steps=20",
        "--config.train.eval_every=10",
        "--config.train.num_seeds=3",
        env=env,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    for key in (
        "status",
        "reason",
        "num_params",
        "val_accuracy",
        "val_accuracy_std",
        "test_accuracy",
        "num_seeds",
        "fitness",
        "flops",
        "compile_seconds",
        "train_seconds",
    ):
        assert key in result
    assert result["status"] == "ok" and result["num_params"] == 5210 and result["num_seeds"] == 3
    assert "evaluating" in completed.stderr
    assert any(cache.iterdir()), "the command kept no compiled executable"


def test_dry_run_counts_without_training():
    completed = run("--config=configs/mnist1d.py", "--program=seeds/mnist1d/mlp.py", "--dry_run")
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["status"] == "ok" and result["num_params"] == 15210 and result["flops"] > 0
    assert "val_accuracy" not in result


def test_a_refused_program_is_not_a_tool_error(tmp_path):
    program = tmp_path / "bad.py"
    program.write_text("import os\nos.system('true')\n")
    completed = run("--config=configs/mnist1d.py:smoke", f"--program={program}")
    assert completed.returncode == 0
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["status"] == "rejected" and "'os'" in result["reason"]


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["--config=configs/mnist1d.py", "--program=missing.py"], "does not exist"),
        (["--config=configs/mnist1d.py", "--program=seeds/mnist1d/mlp.py", "--no_such_flag"], "no_such_flag"),
        (["--config=configs/missing.py", "--program=seeds/mnist1d/mlp.py"], "missing.py"),
        (["--config=configs/mnist1d.py:huge", "--program=seeds/mnist1d/mlp.py"], "unknown preset"),
        (
            ["--config=configs/mnist1d.py", "--program=seeds/mnist1d/mlp.py", "--config.train.steps=0"],
            "config.train.steps",
        ),
        (
            ["--config=configs/mnist1d.py", "--program=seeds/mnist1d/mlp.py", "--config.train.stepz=5"],
            "stepz",
        ),
        (["--program=seeds/mnist1d/mlp.py"], "--config is required"),
    ],
)
def test_usage_errors_exit_2_with_one_line(arguments, fragment):
    completed = run(*arguments)
    assert completed.returncode == 2, (completed.stdout, completed.stderr)
    lines = [line for line in completed.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and fragment in lines[0], completed.stderr


def test_clrs_scores_as_the_search_does():
    """`evaluate` scores a CLRS program on every search algorithm, as the search's fitness does (their mean;
    `--nosearch_score`: `task.algorithm` alone, the path every other CLRS evaluation here takes)."""
    searched = run(
        "--config=configs/clrs.py:smoke",
        "--program=seeds/clrs/standard.py",
        "--dry_run",
        "--config.task.algorithm=bfs",
        "--config.task.search_algorithms=('bfs','insertion_sort')",
    )
    assert searched.returncode == 0, searched.stderr
    assert "scored on bfs, insertion_sort (mean)" in searched.stderr
    assert json.loads(searched.stdout.strip().splitlines()[-1])["status"] == "ok"


def test_paths_written_into_results_are_relative_to_the_repository(tmp_path):
    from evojax_nas.cli import REPO_ROOT, repo_relative

    inside = REPO_ROOT / "evojax_nas" / "lm" / "adapters" / "x.safetensors"
    assert repo_relative(str(inside)) == "evojax_nas/lm/adapters/x.safetensors"
    assert repo_relative(str(tmp_path / "a.json")) == str(tmp_path / "a.json")
    assert repo_relative(None) is None
