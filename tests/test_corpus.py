"""The corpus builder: size-steered growth with real sandboxed dry runs, examples with hindsight targets and
smaller-child pairs, and the CLI end to end (real mutation, real sandboxed training, resume)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from evojax_nas import corpus
from evojax_nas.program_mutation import ProgramMutator
from evojax_nas.programs import normalize_source
from evojax_nas.prompting import format_metrics
from evojax_nas.tasks.classifier import mutations as rules
from evojax_nas.tasks.classifier.build import POLICY, PROGRAM_HEADER
from tests.conftest import REPO_ROOT

SEEDS = {path.stem: path.read_text() for path in sorted((REPO_ROOT / "seeds" / "mnist1d").glob("*.py"))}
POOL_SIZE = 8
COMMAND = [
    sys.executable,
    "-m",
    "evojax_nas.corpus",
    "--config=configs/mnist1d.py:smoke",
    f"--pool_size={POOL_SIZE}",
    "--heldout_fraction=0.2",
    "--config.train.steps=20",
    "--config.train.eval_every=20",
    "--config.train.num_seeds=1",
]


def _jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One corpus built by the CLI: real growth (sandboxed dry runs), real sandboxed training."""
    workdir = tmp_path_factory.mktemp("corpus") / "corpus"
    command = [*COMMAND, f"--workdir={workdir}"]
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return workdir, command, json.loads(completed.stdout.strip().splitlines()[-1])


def _measured_pool(workdir) -> list[corpus.PoolProgram]:
    measured = {record["key"]: record for record in _jsonl(workdir / "programs.jsonl")}
    pool = [corpus.PoolProgram(**record) for record in _jsonl(workdir / "pool.jsonl")]
    for program in pool:
        record = measured[program.key]
        program.status, program.num_params = record["status"], record["num_params"]
        program.val_accuracy = record["val_accuracy"]
    return pool


def test_growth_spans_sizes_from_hundreds_to_tens_of_thousands(built):
    workdir, _, summary = built
    pool = _measured_pool(workdir)
    bins = corpus.SizeBins()
    assert len({p.key for p in pool}) == POOL_SIZE
    assert all(p.num_params == p.built_params for p in pool if p.status == "ok")  # growth sized them right
    sizes = [p.num_params for p in pool if p.status == "ok"]
    assert summary["size_histogram"] == bins.histogram(sizes)
    assert sum(count > 0 for count in summary["size_histogram"]) >= 4, summary
    assert min(sizes) < 1_000 and max(sizes) > 30_000, sizes  # the seeds are 5,110-91,082 parameters
    assert all(bins.min_params <= p.built_params <= bins.max_params for p in pool)
    by_key = {p.key: p for p in pool}
    for program in pool[len(SEEDS) :]:
        assert len(program.parents) in (1, 2) and all(parent in by_key for parent in program.parents)


def test_interrupted_growth_resumes_to_the_same_pool(tmp_path):
    """Growth logic only: a stand-in size (the normalised program's length) replaces the sandbox's dry run, so
    that the test runs in seconds; the CLI test below grows with real dry runs."""

    def size_of(source: str) -> int:
        return 40 * len(normalize_source(source))

    def grow(journal, rng):
        mutator = ProgramMutator(rules.MUTATION_RULES, rules.crossover, POLICY, max_rules_per_mutation=4)
        return corpus.grow_pool(SEEDS, mutator, 24, rng, size_of, journal=journal)

    whole = tmp_path / "whole.jsonl"
    pool = grow(whole, np.random.default_rng(0))
    lines = whole.read_text().splitlines(keepends=True)
    assert len(lines) == 24 and len({p.key for p in pool}) == 24
    interrupted = tmp_path / "interrupted.jsonl"
    interrupted.write_text("".join(lines[:11]) + lines[11][: len(lines[11]) // 2])  # killed mid-write
    resumed = grow(interrupted, np.random.default_rng(123))  # its state is replaced by the journal's
    assert [p.key for p in resumed] == [p.key for p in pool]
    assert interrupted.read_text() == whole.read_text()
    assert grow(interrupted, np.random.default_rng(7)) == resumed  # a finished journal grows nothing


def test_examples_target_the_child_and_reach_the_smaller_child_share(built):
    workdir, _, _ = built
    pool = _measured_pool(workdir)
    by_key = {p.key: p for p in pool}
    every, _ = corpus.build_examples(pool, PROGRAM_HEADER, 0.0, np.random.default_rng(1), 3, 0.0)
    thinned, _ = corpus.build_examples(pool, PROGRAM_HEADER, 0.0, np.random.default_rng(1), 3, 0.4)
    assert any(e["smaller_child"] for e in every)
    assert np.mean([e["smaller_child"] for e in thinned]) >= 0.4 and len(thinned) >= 4
    kept = {json.dumps(e, sort_keys=True) for e in thinned}
    assert all(json.dumps(e, sort_keys=True) in kept for e in every if e["smaller_child"])  # never dropped
    for example in every + thinned:
        child = by_key[example["child"]]
        parents = [by_key[key] for key in example["parents"]]
        # Hindsight relabelling: the prompt's target docstring holds the child's own measured metrics.
        target = format_metrics(child.num_params, child.val_accuracy) + f"\n{PROGRAM_HEADER}"
        assert example["context"].endswith(target), example["context"][-200:]
        assert example["smaller_child"] == all(child.num_params < p.num_params for p in parents)
        assert set(child.parents) <= set(example["parents"]) and len(parents) == 2
        own = [by_key[key] for key in child.parents]
        larger_others = [
            p
            for p in pool
            if p.status == "ok"
            and p.key not in (child.key, *child.parents)
            and p.num_params > child.num_params
        ]
        if len(own) == 1 and child.num_params < own[0].num_params and larger_others:
            assert example["smaller_child"]  # a shrinking mutant is shown with a larger second parent


def test_size_bins_and_their_errors():
    bins = corpus.SizeBins(100, 100_000, 6)
    assert bins.labels() == ["100-316", "316-1000", "1000-3162", "3162-10000", "10000-31623", "31623-100000"]
    assert [bins.index(n) for n in (20, 100, 400, 5_210, 99_999)] == [0, 0, 1, 3, 5]
    assert bins.histogram([20, 100, 5_210, 100_000, 200_000]) == [1, 0, 0, 1, 0, 1]
    with pytest.raises(ValueError, match="min_params < max_params"):
        corpus.SizeBins(1_000, 100)


def test_corpus_cli_builds_resumable_examples(built):
    workdir, command, summary = built
    assert summary["programs"] == POOL_SIZE and summary["ok"] >= POOL_SIZE - 2
    assert summary["heldout"] >= 1 and summary["examples"] >= 2
    assert sum(summary["size_histogram"]) == summary["ok"] - summary["outside_bins"]
    assert len(summary["size_bins"]) == 6 and (workdir / "size_histogram.png").stat().st_size > 0
    pool = {record["key"]: record for record in _jsonl(workdir / "pool.jsonl")}
    heldout = {record["key"] for record in _jsonl(workdir / "heldout.jsonl")}
    measured = {record["key"]: record for record in _jsonl(workdir / "programs.jsonl")}
    assert set(measured) == set(pool)
    assert all(record["val_source"] == "trained" for record in measured.values())
    examples = _jsonl(workdir / "examples.jsonl")
    assert summary["smaller_child_examples"] == sum(e["smaller_child"] for e in examples)
    assert summary["smaller_child_fraction"] >= 0.4
    for example in examples:
        assert example["context"].count('"""Metrics:') == 3
        assert example["context"].endswith("class Model(nn.Module):")
        child = measured[example["child"]]
        target = format_metrics(child["num_params"], child["val_accuracy"]) + "\nclass Model(nn.Module):"
        assert example["context"].endswith(target)  # hindsight: the trained child's achieved metrics
        sizes = [measured[key]["num_params"] for key in example["parents"]]
        assert example["smaller_child"] == (child["num_params"] < min(sizes))
        assert not heldout & {example["child"], *example["parents"]}
        assert example["target"].strip() and "class Model" not in example["target"]
    # Resuming measures nothing again and gives the same examples.
    before = (workdir / "programs.jsonl").read_text()
    again = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    assert (workdir / "programs.jsonl").read_text() == before
    assert json.loads(again.stdout.strip().splitlines()[-1]) == summary
    # Resuming with another seed would mix two growths: refused with one line naming the field.
    other = subprocess.run([*command, "--seed=5"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert other.returncode != 0 and "seed" in other.stderr.strip().splitlines()[-1]
