"""Compares search methods over several search seeds at equal sample budgets.

    python -m evojax_nas.study --config=configs/mnist1d.py:cpu --workdir=runs/study \
        --methods=evoprompting,no_prompt_tuning,mutation,naive_prompting --search_seeds=0,1

A method may carry `search` settings after `+` (a variant, compared as a method of its own), e.g.
`--methods=evoprompting,evoprompting+parent_choice=pareto+parent_order=worst_to_best`; another section's field
is written `section.field` (`evoprompting+lm.tune=lora`).

Each (method, seed) is an ordinary search in `workdir/<method>_seed<seed>` (resumable: running the study again
continues unfinished runs and skips finished ones), with its own report. Runs go seed by seed (every method on
the first seed, then on the next), so a study stopped part-way compares all methods on the seeds it finished.
`--compare_only` runs nothing and compares the finished runs only, to see where a long study stands while it
runs or after it was stopped. The comparison also takes in the finished runs of methods not in `--methods` that
the workdir holds on the same seeds (`--nocompare_others` leaves them out), so that running one method into a
study's workdir does not narrow the study's comparison to that method. The comparison goes to
`workdir/comparison/` (`--comparison_name` names another sub-directory, for example one per set of search seeds):
fitness_vs_samples.png (best params x val error so far, median and min-max over seeds),
pareto.png (the final test-error Pareto fronts of every method together) and README.md (a table per method:
best fitness, its size and accuracies, valid/duplicate rates, front size, search minutes; mean and spread over
seeds), written by `evojax_nas.comparison`.
"""

from __future__ import annotations

import copy
import pathlib
import re
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
_COMPARE_ONLY = flags.DEFINE_bool(
    "compare_only",
    False,
    "Run nothing: write the comparison of the runs that have finished so far (a long study's standing).",
)
_COMPARE_OTHERS = flags.DEFINE_bool(
    "compare_others",
    True,
    "Also compare the finished runs of methods not in --methods that the workdir holds (on --search_seeds).",
)
_COMPARISON_NAME = flags.DEFINE_string(
    "comparison_name",
    "comparison",
    "Sub-directory of --workdir the comparison goes to (for example one per set of search seeds).",
)
_RUN_DIRECTORY = re.compile(r"(?P<method>.+)_seed(?P<seed>-?\d+)")


def run_directory(workdir: pathlib.Path, method: str, seed: int) -> pathlib.Path:
    """Where the run of `method` with search seed `seed` lives."""
    return workdir / f"{method}_seed{seed}"


def finished_run(directory: pathlib.Path):
    """The restored run in `directory` if it has finished; None if it has not (or has not started)."""
    from evojax_nas.analyze import restore_run

    try:
        run = restore_run(directory)
    except FileNotFoundError:  # not started, or no round checkpointed yet
        return None
    return run if run.state.finished else None


def other_methods_runs(workdir: pathlib.Path, methods: list[str], seeds: list[int]) -> dict[str, list]:
    """The finished runs in `workdir` of methods not in `methods`, on `seeds` (by method name, seeds in order)."""
    found: dict[str, dict[int, pathlib.Path]] = {}
    for directory in sorted(workdir.iterdir()) if workdir.is_dir() else []:
        match = _RUN_DIRECTORY.fullmatch(directory.name)
        if directory.is_dir() and match and match["method"] not in methods and int(match["seed"]) in seeds:
            found.setdefault(match["method"], {})[int(match["seed"])] = directory
    runs: dict[str, list] = {}
    for method, directories in found.items():
        finished = [finished_run(directories[seed]) for seed in seeds if seed in directories]
        if any(finished):
            runs[method] = [run for run in finished if run is not None]
    return runs


def main(argv: list[str]) -> None:
    """Runs (or resumes) every (method, seed) search, reports each, and writes the comparison."""
    config = start_command(argv, _CONFIG, [(_WORKDIR, "the directory of the study")])
    comparison_name = _COMPARISON_NAME.value
    if (
        not comparison_name
        or comparison_name != pathlib.Path(comparison_name).name
        or comparison_name == ".."
    ):
        exit_with_usage_error(f"--comparison_name must be a plain directory name, got '{comparison_name}'")
    if _RUN_DIRECTORY.fullmatch(comparison_name):
        exit_with_usage_error(
            f"--comparison_name '{comparison_name}' looks like a run's directory (METHOD_seedN)"
        )
    # Deferred until the flags are read, so that --help and usage errors stay fast (the search, the restored runs
    # and the comparison load JAX and the evaluator).
    from evojax_nas import search
    from evojax_nas.analyze import restore_run, write_report
    from evojax_nas.comparison import write_comparison
    from evojax_nas.search.config import apply_variant, parse_variant

    variants = {}
    for spec in _METHODS.value:
        try:
            variants[spec] = parse_variant(spec, config)
        except ValueError as error:
            exit_with_usage_error(f"--methods: {error}")
        if variants[spec][0] not in search.METHODS:
            exit_with_usage_error(
                f"--methods: '{variants[spec][0]}' is unknown; choose from {', '.join(search.METHODS)}"
            )
    try:
        seeds = [int(seed) for seed in _SEARCH_SEEDS.value]
    except ValueError:
        exit_with_usage_error(f"--search_seeds must be integers, got {','.join(_SEARCH_SEEDS.value)}")
    workdir = pathlib.Path(_WORKDIR.value)
    runs: dict[str, list] = {method: [] for method in variants}
    # Seed-major, so that a study stopped part-way has every method on the first seeds rather than a few methods
    # on all of them.
    for seed in seeds:
        for method, (name, overrides) in variants.items():
            run_config = copy.deepcopy(config)
            run_config.search.method = name
            apply_variant(run_config, overrides)
            run_config.seed = seed
            directory = run_directory(workdir, method, seed)
            if _COMPARE_ONLY.value:
                run = finished_run(directory)
                if run is not None:
                    runs[method].append(run)
                continue
            print(f"study: {method}, seed {seed} -> {directory}", file=sys.stderr, flush=True)
            try:
                search.run(run_config, directory)
            except search.USAGE_ERRORS as error:
                exit_with_usage_error(str(error))
            run = restore_run(directory)
            write_report(run)
            runs[method].append(run)
    runs = {method: members for method, members in runs.items() if members}
    if _COMPARE_OTHERS.value:
        others = other_methods_runs(workdir, list(variants), seeds)
        if others:
            print(f"study: also comparing {', '.join(others)} (finished in {workdir})", file=sys.stderr)
        runs.update(others)
    if not runs:
        exit_with_usage_error(f"--compare_only: no run of these methods and seeds has finished in {workdir}")
    comparison = write_comparison(workdir, runs, comparison_name)
    print_json_line({"comparison": str(comparison), "runs": sum(len(m) for m in runs.values())})


if __name__ == "__main__":
    app.run(main, flags_parser=parse_flags)
