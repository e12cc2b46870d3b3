"""The plots of a search report: Pareto front, best fitness against samples drawn, a program's lineage.

Each function draws one figure of a restored run (`evojax_nas.restored_run.Run`) into a PNG file;
`evojax_nas.analyze.write_report` selects the Agg backend before calling them, and `evojax_nas.study` reuses
`plot_fitness_vs_samples` to compare methods.
"""

from __future__ import annotations

import pathlib
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from evojax_nas.population import SEED_ROUND, pareto_front
from evojax_nas.restored_run import Run, best_so_far, error_kind, error_of, format_value, lineage, short_key


def front_xy(front, kind: str) -> tuple[list[int], list[float]]:
    """The parameter counts and `kind` errors of a Pareto front's members, for plotting."""
    return [i.num_params for i in front], [error_of(i, kind) for i in front]


def save_figure(figure, axes, path: pathlib.Path) -> None:
    """Shows the legend when anything is labelled, lays out, writes `path` (120 dpi) and closes the figure."""
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def _round_colours(rounds: list[int]) -> dict:
    """A colour per round: black for the seeds, then viridis from the first round to the last."""
    cmap = matplotlib.colormaps["viridis"]
    children_rounds = [r for r in rounds if r != SEED_ROUND]
    last = max(children_rounds, default=0)
    return {r: ("black" if r == SEED_ROUND else cmap(0.1 + 0.8 * r / max(1, last))) for r in rounds}


def plot_pareto(run: Run, path: pathlib.Path) -> None:
    """Test error vs parameters of every scored program; seeds and each round in their own colour; the
    test-error Pareto front highlighted."""
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
            *front_xy(front, kind),
            where="post",
            color="crimson",
            linewidth=1.5,
            label="Pareto front",
        )
        axes.scatter(
            *front_xy(front, kind),
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
    save_figure(figure, axes, path)


def plot_lineage(run: Run, key: str, path: pathlib.Path) -> None:
    """The ancestry of one program as a layered graph (rows are rounds, seeds at the top)."""
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
        params, val = format_value(individual.num_params, ","), format_value(individual.val_accuracy, ".3f")
        text = f"{short_key(node)}\n{params} p\nval {val}"
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
    axes.set_title(f"lineage of the best program {short_key(key)}")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
