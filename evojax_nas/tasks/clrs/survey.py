"""Which CLRS fitness tells candidates apart? Trains every seed program on chosen algorithms at a preset's budget
and tabulates how far apart their scores are, against the noise between a program's own training seeds.

    python -m evojax_nas.tasks.clrs.survey --config=configs/clrs.py:cpu --algorithms=graham_scan \
        --results=docs/results/clrs_survey/graham_scan.jsonl --config.train.num_seeds=4 --config.task.score_test=True

Each (program, algorithm) is trained once with the config as given (config overrides on the command line apply to
every run) and appended to `--results` as one JSON line; running the same command again skips what is there, so
a survey cut short resumes. Rows of other settings in the same file are kept and left out of the table. The
Markdown table (stdout, and `--output`) gives per algorithm each program's validation score (mean and per seed),
the OOD test score when `task.score_test` is on, and the span of the programs' means beside the largest spread
between one program's seeds: a fitness separates candidates when the span clearly exceeds that noise.
"""

from __future__ import annotations

import pathlib
import sys
import time

import ml_collections
from absl import app, flags
from ml_collections import config_flags

from evojax_nas.cli import REPO_ROOT, exit_with_usage_error, parse_flags, start_command
from evojax_nas.json_lines import read_json_lines


def settings_of(config: ml_collections.ConfigDict) -> dict:
    """The settings a survey row was trained with (rows of other settings are not compared with it)."""
    return {
        "preset": config.get("preset"),
        "hidden_size": config.model.hidden_size,
        "steps": config.train.steps,
        "num_seeds": config.train.num_seeds,
        "train_lengths": list(config.task.train_lengths),
        "val_length": config.task.val_length,
        # Only when set, so that rows trained before it was recorded keep their settings.
        **({"val_num_samples": config.task.val_num_samples} if config.task.get("val_num_samples") else {}),
        "test_length": config.task.test_length if config.task.score_test else 0,
        "seed": config.seed,
    }


def read_rows(path: pathlib.Path) -> list[dict]:
    """The rows of a survey file (none if it does not exist); a torn last line is ignored."""
    if not path.is_file():
        return []
    rows, torn = read_json_lines(path.read_text())
    for number in torn:
        print(f"warning: ignoring unreadable line {number} of {path}", file=sys.stderr)
    return [row for _, row in rows]


def _spread(values: list[float]) -> float:
    return max(values) - min(values) if values else 0.0


def survey_table(rows: list[dict], settings: dict) -> str:
    """Markdown: per algorithm, the programs trained with `settings`, best validation first, and how far apart
    they are (span of the means, highest mean) against the seed noise (largest spread within one program)."""
    lines = []
    ours = [row for row in rows if row.get("settings") == settings and row.get("status") == "ok"]
    for algorithm in sorted({row["algorithm"] for row in ours}):
        scored = sorted(
            (row for row in ours if row["algorithm"] == algorithm), key=lambda row: -row["val_accuracy"]
        )
        tested = any(row.get("test_accuracy") is not None for row in scored)
        lines += [
            f"### {algorithm}",
            "",
            "| program | params | validation | per seed |"
            + (" OOD test | per seed |" if tested else "")
            + " wall |",
            "|---|---|---|---|" + ("---|---|" if tested else "") + "---|",
        ]
        for row in scored:
            cells = [
                row["program"],
                f"{row['num_params']:,}",
                f"{row['val_accuracy']:.3f}",
                " / ".join(f"{v:.3f}" for v in row["val_score_per_seed"]),
            ]
            if tested:
                cells += [
                    f"{row['test_accuracy']:.3f}" if row.get("test_accuracy") is not None else "-",
                    " / ".join(f"{v:.3f}" for v in row.get("test_score_per_seed", [])),
                ]
            cells.append(f"{row['wall_seconds']:.0f} s")
            lines.append("| " + " | ".join(cells) + " |")
        means = [row["val_accuracy"] for row in scored]
        noise = max(_spread(row["val_score_per_seed"]) for row in scored)
        summary = (
            f"{len(scored)} programs: validation span {_spread(means):.3f} (highest {max(means):.3f}), "
            f"largest seed spread within a program {noise:.3f}"
        )
        if tested:
            test_means = [row["test_accuracy"] for row in scored if row.get("test_accuracy") is not None]
            summary += f"; OOD test span {_spread(test_means):.3f} (highest {max(test_means):.3f})"
        lines += ["", summary + ".", ""]
    return "\n".join(lines) + "\n"


def _program_paths(text: str) -> list[pathlib.Path]:
    """The programs named by `--programs`: a directory (its *.py, sorted) or a comma list of files."""
    candidate = pathlib.Path(text)
    if candidate.is_dir():
        paths = sorted(candidate.glob("*.py"))
    else:
        paths = [pathlib.Path(name.strip()) for name in text.split(",") if name.strip()]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing or not paths:
        exit_with_usage_error(f"--programs names no program files (missing: {missing or text!r})")
    return paths


def main(argv: list[str]) -> None:
    """Trains what the results file lacks, one (program, algorithm) at a time, then prints the table."""
    results_flag = (flags.FLAGS["results"], "the JSONL file the survey appends to (and resumes from)")
    config = start_command(argv, flags.FLAGS["config"], [results_flag])
    if config.task.get("name") != "clrs":
        exit_with_usage_error(f"--config must be a CLRS config, got task.name {config.task.get('name')!r}")
    # Deferred until the flags are read (fast --help and usage errors): the evaluator loads JAX and dm-clrs,
    # checkpointing Orbax.
    import jax

    from evojax_nas.checkpointing import append_json_line
    from evojax_nas.evaluator import Evaluator
    from evojax_nas.tasks.base import ConfigError
    from evojax_nas.tasks.clrs.data import generate_data
    from evojax_nas.tasks.clrs.published import TRIPLET_GMPNN_OOD_PERCENT, parse_algorithms

    try:
        algorithms = parse_algorithms(flags.FLAGS.algorithms, tuple(TRIPLET_GMPNN_OOD_PERCENT))
    except ValueError as error:
        exit_with_usage_error(str(error))
    programs = _program_paths(flags.FLAGS.programs)
    results = pathlib.Path(flags.FLAGS.results)
    results.parent.mkdir(parents=True, exist_ok=True)
    settings = settings_of(config)
    done = {
        (row["program"], row["algorithm"]) for row in read_rows(results) if row.get("settings") == settings
    }
    for algorithm in algorithms:
        todo = [path for path in programs if (path.stem, algorithm) not in done]
        if not todo:
            continue
        config.task.algorithm = algorithm
        try:
            evaluator = Evaluator(config, search=False)
        except (ConfigError, ValueError) as error:
            exit_with_usage_error(str(error))
        with evaluator:
            for path in todo:
                print(f"{algorithm}: {path.stem}", file=sys.stderr, flush=True)
                started = time.monotonic()
                result = evaluator.evaluate(path.read_text(), jax.random.key(config.seed))
                row = {
                    "program": path.stem,
                    "algorithm": algorithm,
                    "settings": settings,
                    "wall_seconds": round(time.monotonic() - started, 1),
                    **{key: value for key, value in result.items() if key != "program_key"},
                }
                append_json_line(results, row)
                print(
                    f"  {row['status']}: validation {row.get('val_accuracy')} in {row['wall_seconds']} s",
                    file=sys.stderr,
                    flush=True,
                )
        generate_data.cache_clear()  # one algorithm's pools in memory at a time
    table = survey_table(read_rows(results), settings)
    sys.stdout.write(table)
    if flags.FLAGS.output:
        pathlib.Path(flags.FLAGS.output).write_text(table)


if __name__ == "__main__":
    # The flags are defined only when run as a program (no module-level flags to clash with an importer's).
    config_flags.DEFINE_config_file(
        "config", str(REPO_ROOT / "configs" / "clrs.py:cpu"), "CLRS config[:preset]."
    )
    flags.DEFINE_string("algorithms", "graham_scan", "'all' or a comma-separated list of CLRS-30 algorithms.")
    flags.DEFINE_string(
        "programs", str(REPO_ROOT / "seeds" / "clrs"), "A directory of programs or a comma list."
    )
    flags.DEFINE_string("results", "", "JSONL file the rows are appended to (the survey resumes from it).")
    flags.DEFINE_string("output", "", "Also write the Markdown table to this file.")
    app.run(main, flags_parser=parse_flags)
