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
"""

from __future__ import annotations

import dataclasses
import json
import pathlib
import warnings

from evojax_nas import arms_report
from evojax_nas.cli import exit_with_usage_error, print_json_line, start_command
from evojax_nas.population import REJECTION_REASONS, SEED_ROUND, Individual, get_top, pareto_front
from evojax_nas.search.reporting import attempt_counts
from evojax_nas.search.state import SearchState, restore_state
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec

LEADERBOARD_SIZE = 10


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


def _label(individual: Individual) -> str:
    return "seed" if individual.round == SEED_ROUND else f"round {individual.round + 1}"


def _short(key: str) -> str:
    return key[:10]


def _format(value, pattern: str) -> str:
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


def _round_colours(rounds: list[int]):
    import matplotlib

    cmap = matplotlib.colormaps["viridis"]
    children_rounds = [r for r in rounds if r != SEED_ROUND]
    last = max(children_rounds, default=0)
    return {r: ("black" if r == SEED_ROUND else cmap(0.1 + 0.8 * r / max(1, last))) for r in rounds}


def error_kind(individuals: list[Individual]) -> str:
    """'test' when every scored program has a test accuracy (the task measured it), else 'val' (e.g. CLRS with
    `task.score_test=False`)."""
    return "test" if individuals and all(i.test_accuracy is not None for i in individuals) else "val"


def error_of(individual: Individual, kind: str, metric: MetricSpec = DEFAULT_METRIC) -> float | None:
    """The error (`metric.error`, by default 1 - accuracy) of the test or validation score (None when not
    measured)."""
    score = individual.test_accuracy if kind == "test" else individual.val_accuracy
    return None if score is None else metric.error(score)


def plot_pareto(run: Run, path: pathlib.Path) -> None:
    """Test error vs parameters of every scored program; seeds and each round in their own colour; the
    test-error Pareto front highlighted."""
    import matplotlib.pyplot as plt

    kind = error_kind(run.state.population.scored())
    scored = [i for i in run.state.population.scored() if error_of(i, kind) is not None]
    colours = _round_colours(sorted({i.round for i in scored}))
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for round_index, colour in colours.items():
        members = [i for i in scored if i.round == round_index]
        axes.scatter(
            [i.num_params for i in members],
            [error_of(i, kind) for i in members],
            color=colour,
            marker="s" if round_index == SEED_ROUND else "o",
            s=40 if round_index == SEED_ROUND else 22,
            label="seeds" if round_index == SEED_ROUND else f"round {round_index + 1}",
            alpha=0.85,
        )
    front = pareto_front(scored, error=kind)
    if front:
        axes.step(
            [i.num_params for i in front],
            [error_of(i, kind) for i in front],
            where="post",
            color="crimson",
            linewidth=1.5,
            label="Pareto front",
        )
        axes.scatter(
            [i.num_params for i in front],
            [error_of(i, kind) for i in front],
            facecolors="none",
            edgecolors="crimson",
            s=90,
        )
    axes.set_xscale("log")
    axes.set_xlabel("parameters")
    axes.set_ylabel(f"{kind} error")
    axes.set_title(f"{run.method}: {kind} error vs size")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def plot_fitness_vs_samples(runs: dict[str, list[Run]], path: pathlib.Path) -> None:
    """Best fitness so far (as params x val error, lower is better, log scale) against samples drawn; several
    runs per label are drawn as their median with a min-max band."""
    import matplotlib.pyplot as plt
    import numpy as np

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for label, members in runs.items():
        budget = max(len(run.children()) for run in members)
        grid = np.arange(1, budget + 1)
        curves = []
        for run in members:
            counts, values = best_so_far(run)
            curve = np.full(len(grid), np.nan)
            for count, value in zip(counts, values, strict=True):
                curve[count - 1 :] = -value
            curves.append(curve)
        curves = np.asarray(curves)
        if np.all(np.isnan(curves)):
            continue
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter(
                "ignore", RuntimeWarning
            )  # all-NaN columns before a run's first scored child
            line = axes.plot(grid, np.nanmedian(curves, axis=0), label=label)[0]
            if len(members) > 1:
                axes.fill_between(
                    grid,
                    np.nanmin(curves, axis=0),
                    np.nanmax(curves, axis=0),
                    color=line.get_color(),
                    alpha=0.2,
                )
    axes.set_yscale("log")
    axes.set_xlabel("samples drawn")
    axes.set_ylabel("best params x val error so far (lower is better)")
    axes.grid(alpha=0.3)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def plot_lineage(run: Run, key: str, path: pathlib.Path) -> None:
    """The ancestry of one program as a layered graph (rows are rounds, seeds at the top)."""
    import matplotlib.pyplot as plt

    population = run.state.population
    edges = lineage(run, key)
    nodes = sorted(
        {key, *(a for a, _ in edges), *(b for _, b in edges)}, key=lambda k: population.get(k).round
    )
    by_round: dict[int, list[str]] = {}
    for node in nodes:
        by_round.setdefault(population.get(node).round, []).append(node)
    position = {}
    for round_index, members in by_round.items():
        for slot, node in enumerate(members):
            position[node] = ((slot + 1) / (len(members) + 1), -round_index)
    figure, axes = plt.subplots(figsize=(8, 1.6 + 1.1 * len(by_round)))
    for parent, child in edges:
        (x0, y0), (x1, y1) = position[parent], position[child]
        axes.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            arrowprops={"arrowstyle": "-|>", "color": "grey", "lw": 0.8, "shrinkA": 18, "shrinkB": 18},
        )
    for node, (x, y) in position.items():
        individual = population.get(node)
        text = f"{_short(node)}\n{_format(individual.num_params, ',')} p\nval {_format(individual.val_accuracy, '.3f')}"
        if individual.round == SEED_ROUND:
            text = f"{individual.origin}\n" + text
        axes.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=7,
            bbox={"boxstyle": "round", "facecolor": "gold" if node == key else "white", "edgecolor": "grey"},
        )
    axes.set_yticks(sorted({-r for r in by_round}))
    axes.set_yticklabels(
        ["seeds" if r == SEED_ROUND else f"round {r + 1}" for r in sorted(by_round, reverse=True)]
    )
    axes.set_xticks([])
    axes.set_xlim(0, 1)
    axes.set_ylim(min(-r for r in by_round) - 0.6, max(-r for r in by_round) + 0.6)
    axes.set_title(f"lineage of the best program {_short(key)}")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def refusal_reasons(children: list[Individual], size: int = 8) -> list[tuple[tuple[str, str], int]]:
    """The most frequent (status, reason) of rejected and failed samples, line numbers and details dropped."""
    import collections
    import re

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
            + " | ".join(_format(cell, "d") for cell in cells)
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
        origin = individual.origin if individual.round == SEED_ROUND else _label(individual)
        parents = ", ".join(_short(k) for k in individual.parents) or "-"
        rows.append(
            f"| {rank} | `{_short(individual.key)}` | {origin} | {individual.num_params:,} | "
            f"{_format(individual.val_accuracy, '.3f')} | {_format(individual.test_accuracy, '.3f')} | "
            f"{individual.fitness:.1f} | {parents} |"
        )
    return rows


def write_programs(run: Run, directory: pathlib.Path, size: int = LEADERBOARD_SIZE) -> list[pathlib.Path]:
    """The `size` fittest programs as .py files, each with its metrics and lineage as a leading comment."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for rank, individual in enumerate(run.ranked()[:size], start=1):
        path = directory / f"rank{rank:02d}_{_short(individual.key)}.py"
        header = (
            f"# rank {rank} of {run.method} run {run.workdir.name}: {individual.num_params:,} params, "
            f"val {_format(individual.val_accuracy, '.4f')}, test {_format(individual.test_accuracy, '.4f')}, "
            f"fitness {individual.fitness:.2f}\n# {_label(individual)}, origin {individual.origin}; parents: "
            f"{', '.join(individual.parents) or '-'}\n"
        )
        path.write_text(header + individual.source)
        paths.append(path)
    return paths


def round_rows(run: Run) -> list[str]:
    """Markdown table rows of the rounds: counts, best fitness so far, tuning loss, seconds per phase."""
    rows = [
        "| round | samples | ok | filtered | duplicate | rejected | failed | best fitness so far | tuning loss | seconds |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for entry in run.state.history:
        tuning = entry.get("tuning") or {}
        seconds = ", ".join(f"{name} {value:.0f}" for name, value in entry.get("seconds", {}).items())
        rows.append(
            f"| {entry['round']} | {entry['samples']} | {entry['ok']} | {entry['filtered']} | {entry['duplicate']} | "
            f"{entry['rejected']} | {entry['failed']} | {_format(entry.get('best_fitness'), '.1f')} | "
            f"{_format(tuning.get('loss'), '.3f')} | {seconds} |"
        )
    return rows


def write_report(run: Run, directory: str | pathlib.Path | None = None) -> pathlib.Path:
    """Writes the report of `run` into `directory` (default `workdir/report`); returns the directory."""
    import matplotlib

    matplotlib.use("Agg")
    directory = pathlib.Path(directory) if directory is not None else run.workdir / "report"
    directory.mkdir(parents=True, exist_ok=True)
    state, search = run.state, run.config["search"]
    children = run.children()
    counts = state.population.counts(children)
    ranked = run.ranked()
    lines = [
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
    ]
    max_resamples = search.get("max_resamples", 0)
    if max_resamples:
        attempts = attempt_counts(children)
        rejected = attempts["rejected_before_training"]
        lines += [
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
    reasons = refusal_reasons(children)
    if reasons:
        lines += [
            "",
            "Most frequent reasons a sample was rejected or failed:",
            "",
            "| samples | status | reason |",
        ]
        lines += ["|---|---|---|"] + [
            f"| {count} | {status} | {reason} |" for (status, reason), count in reasons
        ]
    if state.bandit is not None:
        lines += arms_report.report_lines(state, directory)
    lines += ["", "## Leaderboard (everything scored, seeds included; test accuracy for reporting only)", ""]
    lines += leaderboard_rows(run)
    lines += ["", "![Pareto](pareto.png)", "", "![fitness vs samples](fitness_vs_samples.png)", ""]
    plot_pareto(run, directory / "pareto.png")
    plot_fitness_vs_samples({run.method: [run]}, directory / "fitness_vs_samples.png")
    best_child = get_top([i for i in ranked if i.round != SEED_ROUND], 1)
    if best_child:
        plot_lineage(run, best_child[0].key, directory / "lineage.png")
        lines += [
            f"Lineage of the best child `{_short(best_child[0].key)}`:",
            "",
            "![lineage](lineage.png)",
            "",
        ]
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
    from absl import app, flags

    from evojax_nas.cli import parse_flags

    _WORKDIR = flags.DEFINE_string("workdir", None, "Workdir of a search run (python -m evojax_nas.main).")
    _OUTPUT = flags.DEFINE_string("output", None, "Report directory (default: <workdir>/report).")
    app.run(main, flags_parser=parse_flags)
