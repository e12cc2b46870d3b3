"""The corpus builder end to end on a tiny pool: real mutation, real sandboxed measurement, real examples."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_corpus_cli_builds_resumable_examples(tmp_path):
    workdir = tmp_path / "corpus"
    command = [
        sys.executable,
        "-m",
        "evojax_nas.corpus",
        "--config=configs/mnist1d.py:smoke",
        f"--workdir={workdir}",
        "--pool_size=8",
        "--heldout_fraction=0.25",
        "--config.train.steps=20",
        "--config.train.eval_every=10",
    ]
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-2000:]
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    assert summary["programs"] == 8 and summary["ok"] >= 6
    assert summary["heldout"] >= 1 and summary["examples"] >= 2
    pool = {
        record["key"]: record for record in map(json.loads, (workdir / "pool.jsonl").read_text().splitlines())
    }
    heldout = {json.loads(line)["key"] for line in (workdir / "heldout.jsonl").read_text().splitlines()}
    measured = {
        record["key"]: record
        for record in map(json.loads, (workdir / "programs.jsonl").read_text().splitlines())
    }
    assert set(measured) == set(pool)
    for line in (workdir / "examples.jsonl").read_text().splitlines():
        example = json.loads(line)
        assert example["context"].count('"""Metrics:') == 3
        assert example["context"].endswith("class Model(nn.Module):")
        child = measured[example["child"]]
        assert f"'num_params': '{child['num_params']}'" in example["context"].rsplit('"""Metrics:', 1)[1]
        assert not heldout & {example["child"], *example["parents"]}
        assert example["target"].strip() and "class Model" not in example["target"]
    # Resuming measures nothing again and gives the same examples.
    before = (workdir / "programs.jsonl").read_text()
    again = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    assert (workdir / "programs.jsonl").read_text() == before
    assert json.loads(again.stdout.strip().splitlines()[-1]) == summary
