"""Compares search methods over several search seeds at equal sample budgets.

    python -m evojax_nas.study --config=configs/mnist1d.py:cpu --workdir=runs/study \
        --methods=evoprompting,no_prompt_tuning,mutation,naive_prompting --search_seeds=0,1

Each (method, seed) is an ordinary search in `workdir/<method>_seed<seed>` (resumable: running the study again
continues unfinished runs and skips finished ones), with its own report. The comparison goes to
`workdir/comparison/`: fitness_vs_samples.png (best params x val error so far, median and min-max over seeds),
pareto.png (the final test-error Pareto fronts of every method together) and README.md (a table per method:
best fitness, its size and accuracies, valid/duplicate rates, front size; mean and spread over seeds).
"""

from __future__ import annotations

import copy
import pathlib
import statistics
import sys

from absl import app, flags
from ml_collections import config_flags

from evojax_nas.cli import exit_with_usage_error, parse_flags, print_json_line, start_command

_CONFIG = config_flags.DEFINE_config_file(
    "config", None, "Task and search config, e.g. configs/mnist1d.py:cpu."
)
_WORKDIR = flags.DEFINE_string("workdir", None, "Directory of the study (one sub-directory per run).")
_METHODS = flags.DEFINE_list(
    "methods",
    ["evoprompting", "no_prompt_tuning", "mutation", "naive_prompting"],
    "Search methods to compare.",
)
_SEARCH_SEEDS = flags.DEFINE_list(
    "search_seeds", ["0"], "Values of config.seed, one run per method and seed."
)


def run_directory(workdir: pathlib.Path, method: str, seed: int) -> pathlib.Path:
    """Where the run of `method` with search seed `seed` lives."""
    return workdir / f"{method}_seed{seed}"


def method_rows(runs: dict[str, list]) -> list[str]:
    """Markdown table comparing methods: means over seeds (with min-max where there are several)."""
    from evojax_nas.analyze import error_kind
    from evojax_nas.population import get_top, pareto_front

    def spread(values: list[float], pattern: str) -> str:
        values = [v for v in values if v is not None]
        if not values:
            return "-"
        text = format(statistics.mean(values), pattern)
        if len(values) > 1:
            text += f" ({format(min(values), pattern)} to {format(max(values), pattern)})"
        return text

    rows = [
        "| method | runs | samples | best fitness | its params | its val acc | its test acc | valid rate | "
        "duplicate rate | Pareto front size |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for method, members in runs.items():
        best, samples, valid, duplicate, fronts = [], [], [], [], []
        for run in members:
            children = run.children()
            counts = run.state.population.counts(children)
            top = get_top([i for i in children if i.status == "ok"], 1)
            best.append(top[0] if top else None)
            samples.append(len(children))
            valid.append((counts["ok"] + counts["filtered"]) / max(1, len(children)))
            duplicate.append(counts["duplicate"] / max(1, len(children)))
            scored = run.state.population.scored()
            fronts.append(len(pareto_front(scored, error=error_kind(scored))))
        rows.append(
            f"| {method} | {len(members)} | {spread(samples, '.0f')} | "
            f"{spread([b.fitness if b else None for b in best], '.1f')} | "
            f"{spread([b.num_params if b else None for b in best], ',.0f')} | "
            f"{spread([b.val_accuracy if b else None for b in best], '.3f')} | "
            f"{spread([b.test_accuracy if b else None for b in best], '.3f')} | {spread(valid, '.2f')} | "
            f"{spread(duplicate, '.2f')} | {spread(fronts, '.1f')} |"
        )
    return rows


def plot_fronts(runs: dict[str, list], path: pathlib.Path) -> None:
    """The final test-error Pareto front of every run, one colour per method."""
    import matplotlib.pyplot as plt

    from evojax_nas.analyze import error_kind, error_of
    from evojax_nas.population import pareto_front

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for index, (method, members) in enumerate(runs.items()):
        colour = f"C{index}"
        for number, run in enumerate(members):
            scored = run.state.population.scored()
            kind = error_kind(scored)
            front = pareto_front(scored, error=kind)
            if front:
                axes.step(
                    [i.num_params for i in front],
                    [error_of(i, kind) for i in front],
                    where="post",
                    color=colour,
                    marker="o",
                    markersize=3,
                    alpha=0.8,
                    label=method if number == 0 else None,
                )
    axes.set_xscale("log")
    axes.set_xlabel("parameters")
    axes.set_ylabel("test error (validation error where a task has no test score)")
    axes.set_title("final Pareto fronts (seeds included in every run)")
    axes.grid(alpha=0.3)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def write_comparison(workdir: pathlib.Path, runs: dict[str, list]) -> pathlib.Path:
    """Writes `workdir/comparison/` (plots and README.md) for restored runs grouped by method."""
    import matplotlib

    matplotlib.use("Agg")
    from evojax_nas.analyze import plot_fitness_vs_samples

    directory = workdir / "comparison"
    directory.mkdir(parents=True, exist_ok=True)
    plot_fitness_vs_samples(runs, directory / "fitness_vs_samples.png")
    plot_fronts(runs, directory / "pareto.png")
    first = next(iter(runs.values()))[0]
    search = first.config["search"]
    lines = [
        f"# Method comparison: {workdir.name}",
        "",
        f"Task `{first.config['task']['name']}`, preset `{first.config.get('preset')}`; budget T*m*n = "
        f"{search['rounds']}*{search['prompts_per_round']}*{search['samples_per_prompt']} samples per run; "
        "best fitness = -(params x val error) of the fittest child (seeds excluded); mean over search seeds "
        "(min to max).",
        "",
        *method_rows(runs),
        "",
        "![fitness vs samples](fitness_vs_samples.png)",
        "",
        "![Pareto fronts](pareto.png)",
        "",
        "Runs: "
        + ", ".join(
            f"[{run.workdir.name}](../{run.workdir.name}/report/README.md)"
            for m in runs.values()
            for run in m
        ),
        "",
    ]
    (directory / "README.md").write_text("\n".join(lines))
    return directory


def main(argv: list[str]) -> None:
    """Runs (or resumes) every (method, seed) search, reports each, and writes the comparison."""
    config = start_command(argv, _CONFIG, [(_WORKDIR, "the directory of the study")])
    # Deferred until the flags are read, so that --help and usage errors stay fast (the search loads JAX and the
    # evaluator).
    from evojax_nas import search
    from evojax_nas.analyze import restore_run, write_report

    for method in _METHODS.value:
        if method not in search.METHODS:
            exit_with_usage_error(
                f"--methods: '{method}' is unknown; choose from {', '.join(search.METHODS)}"
            )
    try:
        seeds = [int(seed) for seed in _SEARCH_SEEDS.value]
    except ValueError:
        exit_with_usage_error(f"--search_seeds must be integers, got {','.join(_SEARCH_SEEDS.value)}")
    workdir = pathlib.Path(_WORKDIR.value)
    runs: dict[str, list] = {}
    for method in _METHODS.value:
        for seed in seeds:
            run_config = copy.deepcopy(config)
            run_config.search.method = method
            run_config.seed = seed
            directory = run_directory(workdir, method, seed)
            print(f"study: {method}, seed {seed} -> {directory}", file=sys.stderr, flush=True)
            try:
                search.run(run_config, directory)
            except search.USAGE_ERRORS as error:
                exit_with_usage_error(str(error))
            run = restore_run(directory)
            write_report(run)
            runs.setdefault(method, []).append(run)
    comparison = write_comparison(workdir, runs)
    print_json_line({"comparison": str(comparison), "runs": sum(len(m) for m in runs.values())})


if __name__ == "__main__":
    app.run(main, flags_parser=parse_flags)
