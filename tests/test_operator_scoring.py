"""The operator evaluation's rates, from hand-built child records (no LM, no sandbox: the arithmetic alone)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from evojax_nas.operator_scoring import corpus_pairs, summarize


def _record(valid, copies_parent=False, in_corpus=False, size_hit=False, num_params=None, temperature=0.2):
    return {
        "valid": valid,
        "novel": valid and not copies_parent and not in_corpus,
        "copies_parent": copies_parent,
        "in_corpus": in_corpus,
        "size_hit": size_hit,
        "num_params": num_params,
        "smaller_parent": 1000,
        "temperature": temperature,
        "reason": "" if valid else "build: NameError: x",
    }


def test_summarize_splits_valid_children_and_places_their_sizes():
    records = [
        _record(True, size_hit=True, num_params=500),  # novel, smaller than both parents
        _record(True, num_params=3000, temperature=1.0),  # novel, three times the smaller parent
        _record(True, copies_parent=True, num_params=1000),
        _record(True, in_corpus=True, num_params=800, temperature=1.0),
        _record(False, temperature=1.0),
    ]
    summary = summarize(records)
    assert summary["samples"] == 5
    assert summary["valid_rate"] == pytest.approx(0.8)
    assert summary["novel_rate"] == pytest.approx(0.4)
    assert summary["size_hit_rate"] == pytest.approx(0.2)
    # valid = novel + parent copies + corpus matches
    assert summary["parent_copy_rate"] + summary["corpus_match_rate"] == pytest.approx(0.4)
    assert summary["smaller_than_parents_rate"] == pytest.approx(0.4)  # 500 and 800 (valid, below 1000)
    assert summary["novel_size_ratio_median"] == pytest.approx(np.median([0.5, 3.0]))
    assert summary["per_temperature"]["0.2"]["samples"] == 2
    assert summary["per_temperature"]["1"]["valid_rate"] == pytest.approx(2 / 3)
    assert summary["top_failure_reasons"] == {"build": 1}


def test_summarize_of_no_records_has_no_rates():
    summary = summarize([])
    assert summary["samples"] == 0 and summary["valid_rate"] is None
    assert summary["smaller_than_parents_rate"] is None and summary["novel_size_ratio_median"] is None


def test_corpus_pairs_name_what_a_corpus_lacks(tmp_path):
    with pytest.raises(FileNotFoundError, match="pool.jsonl"):
        corpus_pairs(tmp_path, 3, np.random.default_rng(0))
    program = {"key": "a", "source": "x = 1\n", "num_params": 10, "val_accuracy": 0.5}
    for name in ("pool.jsonl", "heldout.jsonl"):
        (tmp_path / name).write_text(json.dumps(program) + "\n")
    with pytest.raises(ValueError, match="1 held-out programs"):
        corpus_pairs(tmp_path, 3, np.random.default_rng(0))
    (tmp_path / "heldout.jsonl").write_text(json.dumps(program) + '\n{"key": "b", "sou\n')  # a torn write
    with pytest.raises(ValueError, match="heldout.jsonl line 2 is not JSON"):
        corpus_pairs(tmp_path, 3, np.random.default_rng(0))
