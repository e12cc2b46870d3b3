"""Scoring an operator's children: held-out parent pairs of a corpus, a sandbox dry run of every child, and the
rates `evojax_nas.tools.operator_eval` reports (valid, novel, size hit, why not novel, where sizes land)."""

from __future__ import annotations

import collections
import pathlib
import sys
from collections.abc import Container, Sequence
from typing import Any

import numpy as np
from tqdm import tqdm

from evojax_nas.json_lines import read_json_lines
from evojax_nas.programs import program_key


def load_corpus(directory: pathlib.Path) -> tuple[list, dict[str, str]]:
    """Held-out programs (as prompt examples) and every corpus program by normalised key (key -> source)."""
    from evojax_nas.prompting import Example  # deferred: prompting loads JAX, and --help should not wait

    for name in ("pool.jsonl", "heldout.jsonl"):
        if not (directory / name).is_file():
            raise FileNotFoundError(
                f"corpus directory '{directory}' lacks {name}; build it with evojax_nas.corpus"
            )
    pool, heldout = (_corpus_records(directory / name) for name in ("pool.jsonl", "heldout.jsonl"))
    examples = [Example(p["source"], int(p["num_params"]), float(p["val_accuracy"])) for p in heldout]
    return examples, {p["key"]: p["source"] for p in pool}


def _corpus_records(path: pathlib.Path) -> list[dict]:
    """The records of one corpus file; a line that is not JSON is a ValueError naming the file and line."""
    records, torn = read_json_lines(path.read_text())
    if torn:
        raise ValueError(f"{path} line {torn[0]} is not JSON; rebuild the corpus with evojax_nas.corpus")
    return [record for _, record in records]


def corpus_pairs(
    directory: pathlib.Path, count: int, rng: np.random.Generator
) -> tuple[list, dict[str, str]]:
    """`count` random pairs of the corpus's held-out programs and every corpus program by key; raises
    ValueError with fewer than 2 held-out programs."""
    heldout, known = load_corpus(directory)
    if len(heldout) < 2:
        raise ValueError(f"the corpus has {len(heldout)} held-out programs; at least 2 are needed")
    pairs = [[heldout[i] for i in rng.choice(len(heldout), size=2, replace=False)] for _ in range(count)]
    return pairs, known


def _rates(records: list[dict]) -> dict:
    count = len(records)
    if not count:
        return {"samples": 0, "valid_rate": None, "novel_rate": None, "size_hit_rate": None}
    return {
        "samples": count,
        "valid_rate": sum(r["valid"] for r in records) / count,
        "novel_rate": sum(r["novel"] for r in records) / count,
        "size_hit_rate": sum(r["size_hit"] for r in records) / count,
    }


def _why_not_novel(records: list[dict]) -> dict:
    """The valid children that are not novel, as shares of all samples: copies of a parent of their prompt, and
    rediscoveries of another corpus program (valid = novel + these two)."""
    count = len(records)
    return {
        "parent_copy_rate": sum(r["copies_parent"] for r in records) / count if count else None,
        "corpus_match_rate": sum(r["in_corpus"] for r in records) / count if count else None,
    }


def _size_landing(records: list[dict]) -> dict:
    """Where the children's sizes land: the share of samples valid and smaller than both parents, and the median
    of (child size / smaller parent's size) over the valid novel children (None without any)."""
    ratios = [r["num_params"] / r["smaller_parent"] for r in records if r["novel"]]
    smaller = sum(r["valid"] and r["num_params"] < r["smaller_parent"] for r in records)
    return {
        "smaller_than_parents_rate": smaller / len(records) if records else None,
        "novel_size_ratio_median": float(np.median(ratios)) if ratios else None,
    }


def score_children(
    children: Sequence[Sequence[Any]],
    parents_by_prompt: Sequence[Sequence[Any]],
    targets: Sequence[float],
    corpus_keys: Container[str],
    evaluator: Any,
    key: Any,
    description: str = "checking",
) -> list[dict]:
    """Dry-runs every child and records validity, novelty and size hits (a progress bar per prompt on stderr)."""
    records = []
    for prompt_index, group in enumerate(tqdm(children, desc=description, unit="prompt", file=sys.stderr)):
        parent_keys = {program_key(p.source) for p in parents_by_prompt[prompt_index]}
        smaller_parent = min(p.num_params for p in parents_by_prompt[prompt_index])
        for child in group:
            result = evaluator.evaluate(child.source, key, dry_run=True)
            valid = result["status"] == "ok"
            child_key = program_key(child.source)
            copies_parent = valid and child_key in parent_keys
            in_corpus = valid and not copies_parent and child_key in corpus_keys
            novel = valid and not copies_parent and not in_corpus
            size_hit = valid and result["num_params"] <= 1.1 * targets[prompt_index]
            records.append(
                {
                    "valid": valid,
                    "novel": novel,
                    "copies_parent": copies_parent,
                    "in_corpus": in_corpus,
                    "size_hit": size_hit,
                    "num_params": result["num_params"] if valid else None,
                    "smaller_parent": smaller_parent,
                    "temperature": child.temperature,
                    "reason": result["reason"],
                }
            )
    return records


def summarize(records: list[dict]) -> dict:
    """Overall rates, why valid children were not novel (`_why_not_novel`), where the sizes land
    (`_size_landing`), rates per temperature, and the most common refusal
    reasons."""
    by_temperature = collections.defaultdict(list)
    for record in records:
        if record["temperature"] is not None:
            by_temperature[f"{record['temperature']:g}"].append(record)
    reasons = collections.Counter(r["reason"].split(":")[0][:80] for r in records if not r["valid"])
    return {
        **_rates(records),
        **_why_not_novel(records),
        **_size_landing(records),
        "per_temperature": {t: _rates(rs) for t, rs in sorted(by_temperature.items())},
        "top_failure_reasons": dict(reasons.most_common(5)),
    }
