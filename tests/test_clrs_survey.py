"""`python -m evojax_nas.tasks.clrs.survey`: a real smoke survey of one seed (sandboxed build, real training),
resumed without training again; the table's span and noise on rows written by hand."""

from __future__ import annotations

import json
import subprocess
import sys

from evojax_nas.tasks.clrs.survey import read_rows, survey_table
from tests.conftest import REPO_ROOT

SETTINGS = {"preset": "cpu", "steps": 300}


def _row(program, algorithm, per_seed, test=None, settings=SETTINGS, status="ok"):
    row = {
        "program": program,
        "algorithm": algorithm,
        "settings": settings,
        "status": status,
        "num_params": 29000,
        "val_accuracy": sum(per_seed) / len(per_seed),
        "val_score_per_seed": per_seed,
        "wall_seconds": 100.0,
    }
    if test is not None:
        row.update(test_accuracy=sum(test) / len(test), test_score_per_seed=test)
    return row


def test_table_gives_the_span_of_the_programs_against_their_seed_noise():
    rows = [
        _row("standard", "graham_scan", [0.90, 0.94], test=[0.70, 0.80]),
        _row("no_triplets", "graham_scan", [0.80, 0.82], test=[0.60, 0.62]),
        _row("ignored", "graham_scan", [0.10, 0.10], settings={"preset": "smoke"}),  # other settings
        _row("failed", "graham_scan", [0.0], status="failed"),
        _row("standard", "dfs", [0.5, 0.6]),
    ]
    table = survey_table(rows, SETTINGS)
    assert "ignored" not in table and "failed" not in table
    dfs, graham = table.split("### graham_scan")  # algorithms in name order
    assert graham.index("| standard") < graham.index("| no_triplets")  # best validation first
    assert "validation span 0.110 (highest 0.920), largest seed spread within a program 0.040" in graham
    assert "OOD test span 0.140 (highest 0.750)" in graham
    assert "OOD test" not in dfs and "1 programs: validation span 0.000" in dfs


def _survey(*arguments):
    command = [sys.executable, "-m", "evojax_nas.tasks.clrs.survey", *arguments]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)


def test_smoke_survey_trains_once_and_resumes(tmp_path):
    results = tmp_path / "survey.jsonl"
    arguments = (
        "--config=configs/clrs.py:smoke",
        "--algorithms=bfs",
        f"--programs={REPO_ROOT / 'seeds' / 'clrs' / 'standard.py'}",
        f"--results={results}",
        "--config.train.steps=4",
        "--config.train.eval_every=2",
    )
    first = _survey(*arguments)
    assert first.returncode == 0, first.stderr[-3000:]
    (row,) = read_rows(results)
    assert row["status"] == "ok" and row["program"] == "standard" and len(row["val_score_per_seed"]) == 2
    assert row["settings"]["steps"] == 4 and "### bfs" in first.stdout
    again = _survey(*arguments)
    assert again.returncode == 0 and "bfs: standard" not in again.stderr  # nothing trained again
    assert len(read_rows(results)) == 1 and again.stdout == first.stdout
    missing = _survey("--config=configs/clrs.py:smoke")
    assert missing.returncode == 2 and "--results is required" in missing.stderr.strip().splitlines()[-1]
    wrong = _survey(*arguments[:-2], "--algorithms=no_such_algorithm")
    assert wrong.returncode == 2 and "no_such_algorithm" in wrong.stderr.strip().splitlines()[-1]
    json.dumps(row)  # the row is plain JSON
