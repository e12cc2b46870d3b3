"""Adapter-training examples from finished searches: the LM's own children that did what a prompt asks.

    python -m evojax_nas.harvest --runs='docs/results/mnist1d_cpu_study_v3/*_seed*' --workdir=runs/harvest

Every prompt of a search asks for a child smaller and more accurate than its parents; most children the LM
writes are not. This collects the ones that were (expert iteration, or rejection-sampling fine-tuning): children
written by the LM (`origin == "lm"`) that were trained and passed the alpha filter (`ok`) and, by default, are
smaller than every in-context parent, and, with `min_changed_lines`, that differ from each parent by at least
that many changed lines (a search's late parents are small, and children one line away from one of them teach
an operator that a near-copy is the answer; see `changed_lines`). Each becomes an example in the corpus format
of `evojax_nas.corpus` (`examples.jsonl`: the prompt with the parents' measured metrics, the child's achieved metrics as the target,
the child's code as the completion), once per parent order. The same (parents, child) from several runs (runs
of one seed share their first rounds) is kept once. `summary.json` counts what each run gave. Nothing here runs
JAX: the runs are read from their Orbax checkpoints.
"""

from __future__ import annotations

import difflib
import glob
import itertools
import json
import pathlib
from collections.abc import Iterable, Sequence

from absl import app, flags

from evojax_nas.cli import exit_with_usage_error, parse_flags, print_json_line, repo_relative
from evojax_nas.corpus_examples import example_record, smaller_than_all
from evojax_nas.population import Individual
from evojax_nas.restored_run import Run, restore_run
from evojax_nas.tasks.registry import get_task

LM_ORIGIN = "lm"  # Individual.origin of a child the LM wrote


def expand_runs(patterns: Iterable[str]) -> list[pathlib.Path]:
    """The search workdirs named by `patterns` (paths or glob patterns), sorted, each once; raises
    FileNotFoundError for a pattern that names no directory with a config.json."""
    runs: dict[str, pathlib.Path] = {}
    for pattern in patterns:
        matches = [
            pathlib.Path(p) for p in sorted(glob.glob(pattern)) if (pathlib.Path(p) / "config.json").is_file()
        ]
        if not matches:
            raise FileNotFoundError(
                f"--runs: '{pattern}' names no search workdir (a directory with config.json)"
            )
        runs.update({str(path): path for path in matches})
    return [runs[name] for name in sorted(runs)]


def _scored_by_key(run: Run) -> dict[str, Individual]:
    """The scored individual of each program key (a later duplicate sample of a program shares its key)."""
    return {i.key: i for i in run.state.population.archive if i.scored and i.num_params is not None}


def changed_lines(parent_source: str, child_source: str) -> int:
    """How many lines a line diff of the two stored programs (imports and docstrings included) removes or adds,
    blank lines and indentation ignored: 2 for one edited line, 1 for one inserted or deleted line, 0 for a copy."""

    def lines(source: str) -> list[str]:
        return [line.strip() for line in source.splitlines() if line.strip()]

    matcher = difflib.SequenceMatcher(None, lines(parent_source), lines(child_source), autojunk=False)
    return sum((i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def _lm_children_with_parents(run: Run) -> list[tuple[Individual, list[Individual]]]:
    """The run's LM-written children whose in-context parents were all scored, each with those parents in its
    prompt's order."""
    scored = _scored_by_key(run)
    return [
        (child, [scored[key] for key in child.parents])
        for child in run.children()
        if child.origin == LM_ORIGIN and child.parents and all(key in scored for key in child.parents)
    ]


def wanted_children(
    run: Run, smaller_only: bool = True, min_changed_lines: int = 0
) -> list[tuple[Individual, list[Individual]]]:
    """The run's LM-written children that passed the filter (and, with `smaller_only`, are smaller than every
    in-context parent; with `min_changed_lines`, differ from every in-context parent by at least that many
    `changed_lines`), each with its parents as shown in its prompt."""
    chosen = []
    for child, parents in _lm_children_with_parents(run):
        if child.status != "ok":
            continue
        if smaller_only and not smaller_than_all(child, parents):
            continue
        if min(changed_lines(p.source, child.source) for p in parents) < min_changed_lines:
            continue
        chosen.append((child, parents))
    return chosen


def search_prompts(
    workdirs: Sequence[pathlib.Path], from_round: int = 2
) -> tuple[list[list], dict[str, str]]:
    """The parents of the LM's prompts in rounds `from_round` and later of finished searches, as prompt examples
    in the prompt's order (each parent set once, in the order first met), and the programs of every archive by
    key (what a child of these prompts would duplicate in its search; key -> source). Where a search's own small
    children became parents, an operator shows whether it copies them: the operator evaluation's
    `--parents_from`."""
    prompts: dict[tuple[str, ...], list] = {}
    known: dict[str, str] = {}
    for workdir in workdirs:
        run = restore_run(workdir)
        for individual in run.state.population.archive:
            known.setdefault(individual.key, individual.source)
        for child, parents in _lm_children_with_parents(run):
            if child.round >= from_round:
                prompts.setdefault(tuple(child.parents), [parent.as_example() for parent in parents])
    return list(prompts.values()), known


def examples_of(child: Individual, parents: Sequence[Individual], header: str, metric) -> list[dict]:
    """The child's examples, one per order of its parents (`corpus_examples.example_record`)."""
    return [example_record(child, order, header, metric) for order in itertools.permutations(parents)]


def harvest(
    workdirs: Sequence[pathlib.Path], smaller_only: bool = True, min_changed_lines: int = 0
) -> tuple[list[dict], dict]:
    """Examples from every run of `workdirs` (one task), each (parent order, child) once, and a summary of what
    each run gave (`wanted_children`'s filters). Raises ValueError when the runs are of different tasks, give
    no example, or `min_changed_lines` is negative."""
    if min_changed_lines < 0:
        raise ValueError(f"min_changed_lines must be >= 0, got {min_changed_lines}")
    records: list[dict] = []
    seen: set[tuple[str, ...]] = set()
    per_run: dict[str, dict[str, int]] = {}
    task_name = None
    for workdir in workdirs:
        run = restore_run(workdir)
        name = run.config["task"]["name"]
        if task_name not in (None, name):
            raise ValueError(f"runs of two tasks ('{task_name}' and '{name}' in {workdir}); harvest one task")
        task_name = name
        task = get_task(name)
        children = wanted_children(run, smaller_only, min_changed_lines)
        added = 0
        for child, parents in children:
            for record in examples_of(child, parents, task.program_header, task.metric):
                identity = (*record["parents"], record["child"])
                if identity not in seen:
                    seen.add(identity)
                    records.append(record)
                    added += 1
        per_run[repo_relative(workdir)] = {"children": len(children), "new_examples": added}
    if not records:
        raise ValueError("the runs hold no LM child that passed the filter (and shrank); nothing to train on")
    summary = {
        "task": task_name,
        "smaller_only": smaller_only,
        "min_changed_lines": min_changed_lines,
        "examples": len(records),
        "children": len({r["child"] for r in records}),
        "smaller_child_fraction": sum(r["smaller_child"] for r in records) / len(records),
        "runs": per_run,
    }
    return records, summary


def write_harvest(
    directory: pathlib.Path,
    workdirs: Sequence[pathlib.Path],
    smaller_only: bool = True,
    min_changed_lines: int = 0,
) -> dict:
    """Harvests `workdirs` into `directory` (examples.jsonl, summary.json); returns the summary."""
    records, summary = harvest(workdirs, smaller_only, min_changed_lines)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "examples.jsonl", "w") as stream:
        stream.writelines(json.dumps(record) + "\n" for record in records)
    (directory / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def main(argv: list[str]) -> None:
    """Checks the flags, harvests the runs, prints the summary as the last stdout line."""
    if len(argv) > 1:
        exit_with_usage_error(f"unexpected arguments: {' '.join(argv[1:])}")
    options = flags.FLAGS
    if not options.runs or not options.workdir:
        exit_with_usage_error("--runs and --workdir are required")
    try:
        workdirs = expand_runs(options.runs)
        summary = write_harvest(
            pathlib.Path(options.workdir), workdirs, not options.all_children, options.min_changed_lines
        )
    except (FileNotFoundError, ValueError) as error:
        exit_with_usage_error(str(error))
    print_json_line(summary)


if __name__ == "__main__":
    # The flags are defined only when run as a program (tools.adapt imports this module and has its own).
    flags.DEFINE_list(
        "runs",
        None,
        "Search workdirs or glob patterns of them (comma-separated).",
    )
    flags.DEFINE_string("workdir", None, "Where examples.jsonl and summary.json are written.")
    flags.DEFINE_boolean(
        "all_children", False, "Keep every ok LM child, not only those smaller than every parent."
    )
    flags.DEFINE_integer(
        "min_changed_lines",
        0,
        "Keep only children that differ from every parent by at least this many changed lines (0: all).",
    )
    app.run(main, flags_parser=parse_flags)
