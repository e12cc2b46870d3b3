"""operator_eval on a tiny preset: the real SmolLM2 GGUF, real sandboxed checks, held-out seed programs."""

from __future__ import annotations

import json
import subprocess
import sys

import jax
import pytest

from tests.conftest import REPO_ROOT

pytest.importorskip("gguf")


def _write_corpus(directory, evaluator):
    from evojax_nas.programs import program_key

    records = []
    for index, path in enumerate(sorted((REPO_ROOT / "seeds" / "mnist1d").glob("*.py"))):
        source = path.read_text()
        result = evaluator.evaluate(source, jax.random.key(0), dry_run=True)
        # The accuracy is an input to the prompts here (what a parent's docstring says), not a measured output.
        records.append(
            {
                "key": program_key(source),
                "source": source,
                "num_params": result["num_params"],
                "val_accuracy": 0.5 + 0.1 * index,
            }
        )
    directory.mkdir()
    for name in ("pool.jsonl", "heldout.jsonl"):
        (directory / name).write_text("".join(json.dumps(r) + "\n" for r in records))


def test_operator_eval_reports_rates_for_the_lm_and_the_mutation_operator(tmp_path, evaluator):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, evaluator)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "evojax_nas.tools.operator_eval",
            "--task=mnist1d",
            f"--corpus={corpus}",
            "--num_prompts=2",
            "--samples_per_prompt=2",
            "--max_new_tokens=24",
            "--seed=1",
            "--search_seed=3",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    for scores in (report, report["mutation_operator"]):
        assert scores["samples"] == 4
        for rate in ("valid_rate", "novel_rate", "size_hit_rate"):
            assert 0.0 <= scores[rate] <= 1.0
        assert (
            scores["novel_rate"] <= scores["valid_rate"] and scores["size_hit_rate"] <= scores["valid_rate"]
        )
        assert 0.0 <= scores["smaller_than_parents_rate"] <= scores["valid_rate"]
        split = scores["novel_rate"] + scores["parent_copy_rate"] + scores["corpus_match_rate"]
        assert abs(split - scores["valid_rate"]) < 1e-9
        ratio = scores["novel_size_ratio_median"]
        assert (ratio is None) == (scores["novel_rate"] == 0) and (ratio is None or ratio > 0)
    assert set(report["per_temperature"]) <= {"0.2", "0.6", "0.8", "1"}
    assert sum(t["samples"] for t in report["per_temperature"].values()) == 4
    assert report["mutation_operator"]["valid_rate"] >= 0.5
    # The default LM is evaluated with the search's decoding (configs/mnist1d.py:cpu).
    assert (report["copy_penalty"], report["avoid_known"]) == (2.0, True)
    # ... and with the 16-token soft prompt a search with --config.seed=3 starts from.
    assert report["soft_prompt"] == "search seed 3's initial prompt"


def _refused(*flags: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "evojax_nas.tools.operator_eval", *flags],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 2, completed.stderr[-2000:]
    return completed.stderr


def test_operator_eval_needs_one_source_of_parents(tmp_path):
    assert "pool.jsonl" in _refused(f"--corpus={tmp_path / 'missing'}")
    assert "give one of --corpus" in _refused(f"--corpus={tmp_path}", f"--parents_from={tmp_path}")
    assert "--avoid_known needs --copy_penalty" in _refused(
        f"--corpus={tmp_path}", "--avoid_known", "--copy_penalty=0"
    )
    assert "--copy_penalty must be >= 0" in _refused(f"--corpus={tmp_path}", "--copy_penalty=-1")
    assert "at most one of --soft_prompt and --search_seed" in _refused(
        f"--corpus={tmp_path}", f"--soft_prompt={tmp_path}", "--search_seed=0"
    )
