"""The report of a search, restored from its Orbax checkpoints: leaderboard, Pareto plot, progress, lineage.

    python -m evojax_nas.analyze --workdir=runs/mnist1d_cpu        # writes runs/mnist1d_cpu/report/

    from evojax_nas.analyze import restore_run, write_report
    run = restore_run("runs/mnist1d_cpu")      # Run(config, state): population, archive, lineage, history
    write_report(run, "runs/mnist1d_cpu/report")

`report/` holds README.md (the run, per-round counts, novelty rejection's attempts and rejected draws by reason
when `search.max_resamples` > 0, the leaderboard with parameters, validation and test accuracy, round and
parents), pareto.png (test error vs parameters; seeds and every round in their own colour,
the front highlighted), fitness_vs_samples.png, lineage.png (the best program's ancestry) and programs/ (the
best programs as .py files). Test accuracy is reported here only; the search never looks at it.

This module writes the report's text; the restored run and its queries live in `evojax_nas.restored_run`, the
figures in `evojax_nas.report_plots` (both re-exported here: `Run`, `restore_run`, `error_kind`, `error_of`,
`best_so_far`, `lineage`, `plot_pareto`, `plot_fitness_vs_samples`, `plot_lineage`).
"""

from __future__ import annotations

import collections
import pathlib
import re

import matplotlib
from absl import app, flags

from evojax_nas import arms_report
from evojax_nas.cli import exit_with_usage_error, parse_flags, print_json_line, start_command
from evojax_nas.population import REJECTION_REASONS, SEED_ROUND, Individual, get_top
from evojax_nas.programs import structure_key
from evojax_nas.report_plots import plot_fitness_vs_samples, plot_lineage, plot_pareto
from evojax_nas.restored_run import (
    Run,
    best_so_far,
    error_kind,
    error_of,
    format_value,
    lineage,
    restore_run,
    round_label,
    short_key,
)
from evojax_nas.search.reporting import attempt_counts

__all__ = [
    "LEADERBOARD_SIZE",
    "Run",
    "best_so_far",
    "error_kind",
    "error_of",
    "leaderboard_rows",
    "lineage",
    "main",
    "plot_fitness_vs_samples",
    "plot_lineage",
    "plot_pareto",
    "refusal_reasons",
    "rejection_rows",
    "restore_run",
    "round_rows",
    "write_programs",
    "write_report",
]

LEADERBOARD_SIZE = 10


def refusal_reasons(children: list[Individual], size: int = 8) -> list[tuple[tuple[str, str], int]]:
    """The most frequent (status, reason) of rejected and failed samples, line numbers and details dropped."""
    counter = collections.Counter()
    for individual in children:
        if individual.status in ("rejected", "failed"):
            reason = re.sub(r"line \d+", "line N", (individual.reason or "").split("(<candidate")[0])
            counter[(individual.status, reason.strip().replace("|", "/")[:120])] += 1
    return counter.most_common(size)


def rejection_rows(run: Run) -> list[str]:
    """Markdown table rows of novelty rejection per round (`config.search.max_resamples` > 0): operator draws,
    attempts, samples drawn again, rejected draws by reason, and what reached the evaluator. Rounds recorded
    before rejection existed show '-'."""
    reasons = " | ".join(f"rejected: {reason}" for reason in REJECTION_REASONS)
    rows = [
        f"| round | samples | draws | attempts | resampled samples | {reasons} | duplicates recorded | reached the "
        "evaluator |",
        "|---" * (7 + len(REJECTION_REASONS)) + "|",
    ]
    for entry in run.state.history:
        rejected = entry.get("rejected_before_training") or {}
        cells = [
            entry.get("draws"),
            entry.get("attempts"),
            entry.get("resampled_samples"),
            *(rejected.get(reason) for reason in REJECTION_REASONS),
        ]
        rows.append(
            f"| {entry['round']} | {entry['samples']} | "
            + " | ".join(format_value(cell, "d") for cell in cells)
            + f" | {entry['duplicate']} | {entry['samples'] - entry['duplicate']} |"
        )
    return rows


def leaderboard_rows(run: Run, size: int = LEADERBOARD_SIZE) -> list[str]:
    """Markdown table rows of the `size` fittest programs ever scored (seeds included)."""
    rows = [
        "| rank | program | from | params | val acc | test acc | fitness | parents |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for rank, individual in enumerate(run.ranked()[:size], start=1):
        origin = individual.origin if individual.round == SEED_ROUND else round_label(individual)
        parents = ", ".join(short_key(k) for k in individual.parents) or "-"
        rows.append(
            f"| {rank} | `{short_key(individual.key)}` | {origin} | {individual.num_params:,} | "
            f"{format_value(individual.val_accuracy, '.3f')} | {format_value(individual.test_accuracy, '.3f')} | "
            f"{individual.fitness:.1f} | {parents} |"
        )
    return rows


def write_programs(run: Run, directory: pathlib.Path, size: int = LEADERBOARD_SIZE) -> list[pathlib.Path]:
    """The `size` fittest programs as .py files, each with its metrics and lineage as a leading comment."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for rank, individual in enumerate(run.ranked()[:size], start=1):
        path = directory / f"rank{rank:02d}_{short_key(individual.key)}.py"
        header = (
            f"# rank {rank} of {run.method} run {run.workdir.name}: {individual.num_params:,} params, "
            f"val {format_value(individual.val_accuracy, '.4f')}, "
            f"test {format_value(individual.test_accuracy, '.4f')}, "
            f"fitness {individual.fitness:.2f}\n# {round_label(individual)}, origin {individual.origin}; parents: "
            f"{', '.join(individual.parents) or '-'}\n"
        )
        path.write_text(header + individual.source)
        paths.append(path)
    return paths


def round_structures(run: Run, round_number: int) -> int:
    """How many distinct program structures (`programs.structure_key`: numbers masked) the samples of round
    `round_number` (1-based, as the reports and the round history count) have."""
    return len({structure_key(i.source) for i in run.state.population.round_samples(round_number - 1)})


def round_rows(run: Run) -> list[str]:
    """Markdown table rows of the rounds: counts, distinct structures, best fitness so far, tuning loss, seconds
    per phase."""
    rows = [
        "| round | samples | ok | filtered | duplicate | rejected | failed | structures | best fitness so far | "
        "tuning loss | seconds |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for entry in run.state.history:
        tuning = entry.get("tuning") or {}
        seconds = ", ".join(f"{name} {value:.0f}" for name, value in entry.get("seconds", {}).items())
        rows.append(
            f"| {entry['round']} | {entry['samples']} | {entry['ok']} | {entry['filtered']} | {entry['duplicate']} | "
            f"{entry['rejected']} | {entry['failed']} | {round_structures(run, entry['round'])} | "
            f"{format_value(entry.get('best_fitness'), '.1f')} | {format_value(tuning.get('loss'), '.3f')} | "
            f"{seconds} |"
        )
    return rows


def _summary_lines(run: Run, children: list[Individual]) -> list[str]:
    """The report's title, the run's settings and sample counts, and the table of rounds."""
    state, search = run.state, run.config["search"]
    counts = state.population.counts(children)
    return [
        f"# Search report: {run.workdir.name}",
        "",
        f"Method `{run.method}` on task `{run.config['task']['name']}` (preset `{run.config.get('preset')}`, seed "
        f"{run.config.get('seed')}); p={search['num_parents']}, k={search['num_in_context']}, T={search['rounds']}, "
        f"m={search['prompts_per_round']}, n={search['samples_per_prompt']}, alpha={search['alpha']}; "
        f"{'finished' if state.finished else f'stopped after round {state.round}'}.",
        "",
        f"Samples: {len(children)} (ok {counts['ok']}, filtered by alpha {counts['filtered']}, duplicate "
        f"{counts['duplicate']}, rejected {counts['rejected']}, failed {counts['failed']}).",
        "",
        *round_rows(run),
        "",
        "Structures: the distinct programs among the round's samples once every number is masked (a round whose "
        "children only retune sizes has few).",
    ]


def _rejection_lines(run: Run, children: list[Individual]) -> list[str]:
    """Novelty rejection's attempts and rejected draws (nothing when `search.max_resamples` is 0)."""
    max_resamples = run.config["search"].get("max_resamples", 0)
    if not max_resamples:
        return []
    attempts = attempt_counts(children)
    rejected = attempts["rejected_before_training"]
    return [
        "",
        f"Novelty rejection before training (`max_resamples` = {max_resamples}): {attempts['attempts']} "
        f"attempts for {len(children)} samples; {attempts['resamples']} draws were rejected before training "
        "and drawn again ("
        + ", ".join(f"{reason} {rejected[reason]}" for reason in REJECTION_REASONS)
        + f"), {attempts['resampled_samples']} samples needed more than one draw. Duplicates and policy "
        "rejections above are the samples whose last draw was still rejected.",
        "",
        *rejection_rows(run),
    ]


def _refusal_lines(children: list[Individual]) -> list[str]:
    """The table of the most frequent reasons samples were rejected or failed (nothing when none were)."""
    reasons = refusal_reasons(children)
    if not reasons:
        return []
    return [
        "",
        "Most frequent reasons a sample was rejected or failed:",
        "",
        "| samples | status | reason |",
        "|---|---|---|",
        *(f"| {count} | {status} | {reason} |" for (status, reason), count in reasons),
    ]


def _figure_lines(run: Run, directory: pathlib.Path) -> list[str]:
    """Draws pareto.png, fitness_vs_samples.png and (when there is a scored child) lineage.png into
    `directory`; returns the lines that show them."""
    lines = ["", "![Pareto](pareto.png)", "", "![fitness vs samples](fitness_vs_samples.png)", ""]
    plot_pareto(run, directory / "pareto.png")
    plot_fitness_vs_samples({run.method: [run]}, directory / "fitness_vs_samples.png")
    best_child = get_top([i for i in run.ranked() if i.round != SEED_ROUND], 1)
    if best_child:
        plot_lineage(run, best_child[0].key, directory / "lineage.png")
        lines += [
            f"Lineage of the best child `{short_key(best_child[0].key)}`:",
            "",
            "![lineage](lineage.png)",
            "",
        ]
    return lines


def write_report(run: Run, directory: str | pathlib.Path | None = None) -> pathlib.Path:
    """Writes the report of `run` into `directory` (default `workdir/report`); returns the directory."""
    matplotlib.use("Agg")
    directory = pathlib.Path(directory) if directory is not None else run.workdir / "report"
    directory.mkdir(parents=True, exist_ok=True)
    children = run.children()
    lines = _summary_lines(run, children) + _rejection_lines(run, children) + _refusal_lines(children)
    if run.state.bandit is not None:
        lines += arms_report.report_lines(run.state, directory)
    lines += ["", "## Leaderboard (everything scored, seeds included; test accuracy for reporting only)", ""]
    lines += leaderboard_rows(run)
    lines += _figure_lines(run, directory)
    programs = write_programs(run, directory / "programs")
    lines += ["Best programs: " + ", ".join(f"[{p.name}](programs/{p.name})" for p in programs), ""]
    (directory / "README.md").write_text("\n".join(lines))
    return directory


def main(argv: list[str]) -> None:
    """CLI: restores `--workdir` and writes its report."""
    start_command(argv, required=[(_WORKDIR, "the directory of a search run")])
    try:
        run = restore_run(_WORKDIR.value)
    except FileNotFoundError as error:
        exit_with_usage_error(str(error))
    directory = write_report(run, _OUTPUT.value or None)
    best = run.ranked()[0] if run.ranked() else None
    print_json_line(
        {
            "report": str(directory),
            "samples": len(run.children()),
            "best_key": None if best is None else best.key,
            "best_num_params": None if best is None else best.num_params,
            "best_test_accuracy": None if best is None else best.test_accuracy,
        }
    )


if __name__ == "__main__":
    # Flags are defined only when this module runs as a script: evojax_nas.study imports it and defines its own
    # --workdir.
    _WORKDIR = flags.DEFINE_string("workdir", None, "Workdir of a search run (python -m evojax_nas.main).")
    _OUTPUT = flags.DEFINE_string("output", None, "Report directory (default: <workdir>/report).")
    app.run(main, flags_parser=parse_flags)
