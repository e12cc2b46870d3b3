"""Full-benchmark CLRS-30 report for one triplet function, beside the published Triplet-GMPNN numbers.

    python -m evojax_nas.tasks.clrs.report --program=seeds/clrs/standard.py --algorithms=all --steps=10000 --num_seeds=3
    python -m evojax_nas.tasks.clrs.report --program=F --config=configs/clrs.py:cpu --algorithms=bfs,insertion_sort \
        --steps=200 --num_seeds=2 --output=report.md                      # reduced mode for a CPU

For each algorithm the program is trained with the reference protocol of `configs/clrs.py` (validation every
`eval_every` steps at n=16; the best-validation parameters of each seed are tested out of distribution at
n=64), then a Markdown table is printed (and written to `--output`): OOD test score (mean ± std over seeds), the
published Triplet-GMPNN score (`evojax_nas/tasks/clrs/published.py`, source named under the table), whether the
program wins (higher mean OOD score, as EvoPrompting counts wins), and the model sizes of both. With
`--baseline=P` a second program (for example `seeds/clrs/standard.py`) is trained with the same seeds on every
algorithm and shown side by side, with whether the program beats it. The last line of stdout is one JSON object
with every number. Exit code 2 for a bad flag or missing file.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys

from absl import app, flags
from ml_collections import config_flags

from evojax_nas.cli import exit_with_usage_error, parse_flags, print_json_line, start_command
from evojax_nas.tasks.clrs.published import (
    EVOPROMPTING_WINS,
    TRIPLET_GMPNN_OOD_PERCENT,
    TRIPLET_GMPNN_SOURCE,
    parse_algorithms,
)

_DEFAULT_CONFIG = str(pathlib.Path(__file__).resolve().parents[3] / "configs" / "clrs.py")
_CONFIG = config_flags.DEFINE_config_file("config", _DEFAULT_CONFIG, "CLRS config file[:preset].")
_PROGRAM = flags.DEFINE_string("program", None, "Path of the triplet-function program to report on.")
_BASELINE = flags.DEFINE_string(
    "baseline", "", "Optional second program trained with the same seeds and shown side by side."
)
_ALGORITHMS = flags.DEFINE_string(
    "algorithms", "all", "'all' or a comma-separated list of CLRS-30 algorithms."
)
_STEPS = flags.DEFINE_integer("steps", 10000, "Training steps per algorithm (reference: 10000).")
_NUM_SEEDS = flags.DEFINE_integer("num_seeds", 3, "Seeds per algorithm, trained together.")
_OUTPUT = flags.DEFINE_string("output", "", "Also write the Markdown report to this file.")
_PROGRESS = flags.DEFINE_bool("progress", True, "Show progress bars on stderr.")

REFERENCE_SETTINGS = {
    "hidden_size": 128,
    "nb_triplet_fts": 8,
    "steps": 10000,
    "val_length": 16,
    "test_length": 64,
}


def reference_num_params(config, data) -> int:
    """Parameters of dm-clrs's own Triplet-GMPNN (`BaselineModel`) at the config's sizes, on `data`'s spec."""
    # Deferred as in `_algorithm_row` (this runs only once the flags are read).
    import haiku as hk  # noqa: F401 - dm-clrs's models need it imported
    import jax
    import numpy as np

    from evojax_nas.tasks.clrs.dm_clrs import import_clrs

    clrs = import_clrs()
    model = config.model
    feedback = data.val.to_feedback(np.arange(min(4, data.val.num_samples)))
    baseline = clrs.models.BaselineModel(
        data.spec_dict(),
        feedback,
        clrs.get_processor_factory("triplet_gmpnn", use_ln=model.use_ln, nb_triplet_fts=model.nb_triplet_fts),
        hidden_dim=model.hidden_size,
        encode_hints=model.encode_hints,
        decode_hints=model.decode_hints,
        encoder_init=model.encoder_init,
    )
    shapes = jax.eval_shape(
        lambda key: baseline.net_fn.init(
            key, [feedback.features], True, algorithm_index=-1, return_hints=False, return_all_outputs=False
        ),
        jax.random.PRNGKey(0),
    )
    return int(sum(int(np.prod(leaf.shape)) for leaf in jax.tree.leaves(shapes)))


def summarize(rows: list[dict]) -> dict:
    """Wins (mean OOD score above the published Triplet-GMPNN score) and means over the scored algorithms."""
    scored = [row for row in rows if row.get("test_percent") is not None]
    wins = [row["algorithm"] for row in scored if row["test_percent"] > row["published_percent"]]
    mean = lambda values: sum(values) / len(values) if values else None  # noqa: E731
    summary = {
        "num_algorithms": len(rows),
        "num_scored": len(scored),
        "wins": len(wins),
        "won_algorithms": wins,
        "mean_test_percent": mean([row["test_percent"] for row in scored]),
        "mean_published_percent": mean([row["published_percent"] for row in scored]),
    }
    if any("baseline_status" in row for row in rows):
        paired = [row for row in scored if row.get("baseline_test_percent") is not None]
        summary.update(
            num_paired=len(paired),
            beats_baseline=[row["algorithm"] for row in paired if beats_baseline(row)],
            mean_baseline_test_percent=mean([row["baseline_test_percent"] for row in paired]),
        )
    return summary


def beats_baseline(row: dict) -> bool | None:
    """Whether the program's mean OOD score is above the baseline program's (None when either is missing)."""
    if row.get("test_percent") is None or row.get("baseline_test_percent") is None:
        return None
    return row["test_percent"] > row["baseline_test_percent"]


def _count(value) -> str:
    return f"{value:,}" if value else "–"


def _status(status: str, reason: str | None) -> str:
    """A result's status with its reason, if any."""
    return f"{status}{': ' + reason if reason else ''}"


def _baseline_cells(row: dict, percent) -> str:
    """The baseline program's cells of one table row."""
    status = row.get("baseline_status", "–")
    if status != "ok":
        test = _status(status, row.get("baseline_reason"))
    else:
        test = percent(row.get("baseline_test_percent"), row.get("baseline_test_percent_std"))
    won = beats_baseline(row)
    return (
        f" {test} | {percent(row.get('baseline_val_percent'), row.get('baseline_val_percent_std'))} "
        f"| {_count(row.get('baseline_num_params'))} | {'' if won is None else ('yes' if won else 'no')} |"
    )


def markdown(rows: list[dict], summary: dict, settings: dict) -> str:
    """The report as a Markdown table with its settings and sources."""

    def percent(value, std=None):
        if value is None:
            return "–"
        return f"{value:.2f}" + (f" ± {std:.2f}" if std is not None else "")

    baseline = settings.get("baseline")
    lines = [
        f"# CLRS-30 report: `{settings['program']}`" + (f" beside `{baseline}`" if baseline else ""),
        "",
        f"Settings: {settings['steps']} steps, {settings['num_seeds']} seeds, hidden {settings['hidden_size']}, "
        f"{settings['nb_triplet_fts']} triplet features, {settings['optimizer']} lr {settings['learning_rate']}, "
        f"batch {settings['batch_size']}, train lengths {settings['train_lengths']}, validation at "
        f"n={settings['val_length']} every {settings['eval_every']} steps, OOD test at n={settings['test_length']} "
        "with each seed's best-validation parameters"
        + (" (the baseline program with the same seeds)." if baseline else "."),
        "",
        "| algorithm | OOD test % (ours) | Triplet-GMPNN OOD % (published) | win | val % (ours) "
        "| params (ours) | params (Triplet-GMPNN) | status |"
        + (
            " OOD test % (baseline) | val % (baseline) | params (baseline) | beats baseline |"
            if baseline
            else ""
        ),
        "|---|---|---|---|---|---|---|---|" + ("---|---|---|---|" if baseline else ""),
    ]
    for row in rows:
        win = (
            ""
            if row.get("test_percent") is None
            else ("yes" if row["test_percent"] > row["published_percent"] else "no")
        )
        lines.append(
            f"| {row['algorithm']} | {percent(row.get('test_percent'), row.get('test_percent_std'))} "
            f"| {row['published_percent']:.2f} | {win} | {percent(row.get('val_percent'), row.get('val_percent_std'))} "
            f"| {_count(row.get('num_params'))} | {_count(row.get('reference_num_params'))} "
            f"| {_status(row['status'], row.get('reason'))} |"
            + (_baseline_cells(row, percent) if baseline else "")
        )
    lines += [
        "",
        f"Wins: **{summary['wins']} of {summary['num_scored']}** scored algorithms "
        f"(EvoPrompting reports {EVOPROMPTING_WINS} of 30). Mean OOD over the scored algorithms: ours "
        f"{percent(summary['mean_test_percent'])}, Triplet-GMPNN {percent(summary['mean_published_percent'])}.",
        "",
        f"Published numbers: {TRIPLET_GMPNN_SOURCE}.",
    ]
    if baseline:
        lines[-2:-2] = [
            "",
            f"Against `{baseline}`: the program's mean OOD score is higher on **{len(summary['beats_baseline'])} "
            f"of {summary['num_paired']}** algorithms scored for both; mean OOD over those: baseline "
            f"{percent(summary['mean_baseline_test_percent'])}.",
        ]
    differences = [
        f"{name}={settings[name]} (reference {value})"
        for name, value in REFERENCE_SETTINGS.items()
        if settings.get(name) != value
    ]
    if differences:
        lines += [
            "",
            "Reduced mode: these settings differ from the reference protocol, so the comparison with the "
            f"published numbers is indicative only: {', '.join(differences)}.",
        ]
    return "\n".join(lines) + "\n"


def _scores(result: dict) -> dict:
    """The report's fields of one evaluation result (status, size, validation and OOD scores)."""
    scores = {"status": result["status"], "reason": result["reason"], "num_params": result.get("num_params")}
    if result["status"] == "ok":
        tested = result.get("test_accuracy") is not None
        scores.update(
            val_percent=100 * result["val_accuracy"],
            val_percent_std=100 * result["val_accuracy_std"],
            test_percent=100 * result["test_accuracy"] if tested else None,
            test_percent_std=100 * result["test_accuracy_std"] if tested else None,
            test_percent_per_seed=[100 * s for s in result.get("test_score_per_seed", [])],
            train_seconds=result.get("train_seconds"),
        )
    return scores


def _algorithm_row(
    config, source: str, algorithm: str, index: int, baseline_source: str | None = None
) -> dict:
    """Trains and scores `source` (and `baseline_source`, same seeds) on one algorithm; its report row."""
    # Deferred until the flags are read, so that --help and usage errors stay fast (the evaluator and the CLRS
    # data load JAX and dm-clrs).
    import jax

    from evojax_nas.evaluator import Evaluator
    from evojax_nas.tasks.base import ConfigError
    from evojax_nas.tasks.clrs.data import generate_data
    from evojax_nas.tasks.clrs.task import load_data

    config.task.algorithm = algorithm
    try:
        evaluator = Evaluator(config)
    except (ConfigError, ValueError) as error:
        exit_with_usage_error(str(error))
    key = jax.random.fold_in(jax.random.key(config.seed), index)
    with evaluator:
        result = evaluator.evaluate(source, key, progress=_PROGRESS.value)
        baseline = (
            None
            if baseline_source is None
            else evaluator.evaluate(baseline_source, key, progress=_PROGRESS.value)
        )
    row = {
        "algorithm": algorithm,
        **_scores(result),
        "published_percent": TRIPLET_GMPNN_OOD_PERCENT[algorithm],
        "reference_num_params": reference_num_params(config, load_data(config)),
    }
    if baseline is not None:
        row.update({f"baseline_{name}": value for name, value in _scores(baseline).items()})
    generate_data.cache_clear()  # one algorithm's pools at a time in memory
    return row


def _settings(config) -> dict:
    """The protocol the report ran with (compared with `REFERENCE_SETTINGS` in the report)."""
    return {
        "program": _PROGRAM.value,
        "baseline": _BASELINE.value or None,
        "steps": config.train.steps,
        "num_seeds": config.train.num_seeds,
        "hidden_size": config.model.hidden_size,
        "nb_triplet_fts": config.model.nb_triplet_fts,
        "optimizer": config.train.optimizer,
        "learning_rate": config.train.learning_rate,
        "batch_size": config.train.batch_size,
        "train_lengths": tuple(config.task.train_lengths),
        "val_length": config.task.val_length,
        "eval_every": config.train.eval_every,
        "test_length": config.task.test_length,
    }


def main(argv: list[str]) -> None:
    """Checks the flags, reports on every algorithm, prints the Markdown report and the JSON line."""
    config = start_command(argv, _CONFIG)
    if not _PROGRAM.value or not os.path.isfile(_PROGRAM.value):
        exit_with_usage_error(f"--program must name an existing program file, got {_PROGRAM.value!r}")
    if _STEPS.value <= 0 or _NUM_SEEDS.value <= 0:
        exit_with_usage_error("--steps and --num_seeds must be positive integers")
    if config.task.get("name") != "clrs":
        exit_with_usage_error(
            f"--config must be a CLRS config (task.name 'clrs'), got {config.task.get('name')!r}"
        )
    if _BASELINE.value and not os.path.isfile(_BASELINE.value):
        exit_with_usage_error(f"--baseline must name an existing program file, got {_BASELINE.value!r}")
    source = pathlib.Path(_PROGRAM.value).read_text(encoding="utf-8")
    baseline_source = pathlib.Path(_BASELINE.value).read_text(encoding="utf-8") if _BASELINE.value else None
    try:
        algorithms = parse_algorithms(_ALGORITHMS.value, tuple(TRIPLET_GMPNN_OOD_PERCENT))
    except ValueError as error:
        exit_with_usage_error(str(error))
    config.train.steps = _STEPS.value
    config.train.num_seeds = _NUM_SEEDS.value
    config.task.score_test = True
    rows = []
    for index, algorithm in enumerate(algorithms):
        print(f"[{index + 1}/{len(algorithms)}] {algorithm}", file=sys.stderr)
        rows.append(_algorithm_row(config, source, algorithm, index, baseline_source))
        print(json.dumps(rows[-1]), file=sys.stderr)
    settings = _settings(config)
    summary = summarize(rows)
    report = markdown(rows, summary, settings)
    sys.stdout.write(report)
    if _OUTPUT.value:
        pathlib.Path(_OUTPUT.value).write_text(report, encoding="utf-8")
    print_json_line({"settings": settings, "summary": summary, "rows": rows})


if __name__ == "__main__":
    app.run(main, flags_parser=parse_flags)
