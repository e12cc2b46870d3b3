"""A finished (or stopped) search as its readers see it: config and state restored from the workdir.

    from evojax_nas.restored_run import restore_run
    run = restore_run("runs/mnist1d_cpu")      # Run(config, state): population, archive, lineage, history

The queries here (best fitness so far, a program's lineage, which error a run measured) feed the report text
(`evojax_nas.analyze`), its plots (`evojax_nas.report_plots`) and the method comparison (`evojax_nas.study`).
"""

from __future__ import annotations

import dataclasses
import json
import pathlib

from evojax_nas.json_lines import read_json_lines
from evojax_nas.population import SEED_ROUND, Individual, get_top
from evojax_nas.search.state import SearchState, restore_state
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec


@dataclasses.dataclass
class Run:
    """A restored run: its config (as JSON data) and its search state."""

    workdir: pathlib.Path
    config: dict
    state: SearchState

    @property
    def method(self) -> str:
        """The search method of the run."""
        return self.config["search"]["method"]

    def children(self) -> list[Individual]:
        """Every sample of the search (seeds excluded), in the order they were drawn."""
        return [i for i in self.state.population.archive if i.round != SEED_ROUND]

    def ranked(self) -> list[Individual]:
        """Everything ever scored that passed the alpha filter, seeds included, fittest first."""
        return get_top(self.state.population.scored(include_seeds=True), len(self.state.population.archive))


def restore_run(workdir: str | pathlib.Path) -> Run:
    """Restores a run's newest readable checkpoint (Orbax) and its config."""
    workdir = pathlib.Path(workdir)
    config_path = workdir / "config.json"
    if not config_path.is_file():
        raise FileNotFoundError(f"'{workdir}' is not a search workdir: it has no config.json")
    return Run(workdir, json.loads(config_path.read_text()), restore_state(workdir))


def round_label(individual: Individual) -> str:
    """'seed' or 'round R' (1-based), as reports name where a program came from."""
    return "seed" if individual.round == SEED_ROUND else f"round {individual.round + 1}"


def short_key(key: str) -> str:
    """A program key shortened for tables, plots and file names."""
    return key[:10]


def format_value(value, pattern: str) -> str:
    """`format(value, pattern)`, or '-' for a value that was not measured (None)."""
    return "-" if value is None else format(value, pattern)


def best_so_far(run: Run) -> tuple[list[int], list[float]]:
    """(sample count, best fitness among children so far) after every sample that raised it (and the last)."""
    counts, values, best = [], [], None
    children = run.children()
    for count, individual in enumerate(children, start=1):
        if individual.status == "ok" and (best is None or individual.fitness > best):
            best = individual.fitness
            counts.append(count)
            values.append(best)
    if best is not None and counts[-1] != len(children):
        counts.append(len(children))
        values.append(best)
    return counts, values


def phase_seconds(run: Run) -> dict[str, float]:
    """Seconds the run spent per phase: evaluating the seeds (its events log) and each round's generate /
    evaluate / tune (its history); phases it never ran are absent."""
    seconds: dict[str, float] = {}
    events = run.workdir / "events.jsonl"
    events_read, _ = read_json_lines(events.read_text()) if events.is_file() else ([], [])
    for _, event in events_read:  # a torn last line of a killed run is left out
        if event.get("event") == "seeds" and event.get("seconds") is not None:
            seconds["seeds"] = seconds.get("seeds", 0.0) + float(event["seconds"])
    for entry in run.state.history:
        for phase, value in (entry.get("seconds") or {}).items():
            seconds[phase] = seconds.get(phase, 0.0) + float(value)
    return seconds


def lineage(run: Run, key: str, max_nodes: int = 60) -> list[tuple[str, str]]:
    """(parent, child) edges of a program's ancestry, back to the seeds (at most `max_nodes` programs)."""
    population = run.state.population
    edges, frontier, seen = [], [key], {key}
    while frontier and len(seen) < max_nodes:
        current = frontier.pop(0)
        for parent in population.get(current).parents:
            edges.append((parent, current))
            if parent not in seen:
                seen.add(parent)
                frontier.append(parent)
    return edges


def error_kind(individuals: list[Individual]) -> str:
    """'test' when every scored program has a test accuracy (the task measured it), else 'val' (e.g. CLRS with
    `task.score_test=False`)."""
    return "test" if individuals and all(i.test_accuracy is not None for i in individuals) else "val"


def error_of(individual: Individual, kind: str, metric: MetricSpec = DEFAULT_METRIC) -> float | None:
    """The error (`metric.error`, by default 1 - accuracy) of the test or validation score (None when not
    measured)."""
    score = individual.test_accuracy if kind == "test" else individual.val_accuracy
    return None if score is None else metric.error(score)
