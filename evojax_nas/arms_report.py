"""The hybrid method's part of a search report: what each operator arm drew, earned and produced.

Used by `evojax_nas.analyze` when the run's state holds a bandit (`search.method = hybrid`): a table of arms per
round and overall (samples, ok / duplicate / failed, mean reward, posterior mean), the arm that produced each
Pareto-front member, and `arms.png`, the share of each round's samples given to each arm.
"""

from __future__ import annotations

import pathlib

import matplotlib.pyplot as plt

from evojax_nas.population import SEED_ROUND, pareto_front
from evojax_nas.report_plots import save_figure
from evojax_nas.search.arms import arm_of
from evojax_nas.search.reporting import arm_totals
from evojax_nas.search.state import SearchState
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec


def _reward(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def arm_rows(state: SearchState) -> list[str]:
    """Markdown rows: per round and arm its samples, ok / duplicate / failed counts, mean reward and posterior
    mean; then the totals over the run."""
    rows = [
        "| round | arm | samples | ok | duplicate | failed | mean reward | posterior mean |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for entry in state.history:
        for arm, stats in entry.get("arms", {}).items():
            rows.append(
                f"| {entry['round']} | {arm} | {stats['samples']} | {stats['ok']} | {stats['duplicate']} | "
                f"{stats['failed']} | {_reward(stats['mean_reward'])} | {stats['posterior_mean']:.3f} |"
            )
    for arm, stats in arm_totals(state.history).items():
        rows.append(
            f"| all | **{arm}** | {stats['samples']} | {stats['ok']} | {stats['duplicate']} | {stats['failed']} | "
            f"{_reward(stats['mean_reward'])} | |"
        )
    return rows


def front_arm_rows(state: SearchState, metric: MetricSpec = DEFAULT_METRIC) -> list[str]:
    """Markdown rows: each member of the Pareto front of everything scored (seeds included), and its arm."""
    front = pareto_front(state.population.scored(include_seeds=True), metric=metric)
    rows = ["| program | arm | round | params | score | fitness |", "|---|---|---|---|---|---|"]
    for individual in sorted(front, key=lambda i: i.num_params):
        arm = "seed" if individual.round == SEED_ROUND else arm_of(individual)
        rows.append(
            f"| `{individual.key[:10]}` | {arm} | {individual.round + 1 if individual.round != SEED_ROUND else '-'} "
            f"| {individual.num_params:,} | {metric.format(individual.val_accuracy)} | {individual.fitness:.1f} |"
        )
    return rows


def plot_arm_choice(state: SearchState, path: pathlib.Path) -> None:
    """A stacked bar chart of the share of each round's samples each arm drew."""
    rounds = [entry["round"] for entry in state.history if entry.get("arms")]
    arms = list(state.bandit["arms"]) if state.bandit else []
    figure, axes = plt.subplots(figsize=(6, 3.5))
    bottom = [0.0] * len(rounds)
    for arm in arms:
        shares = []
        for entry in state.history:
            if not entry.get("arms"):
                continue
            total = sum(stats["samples"] for stats in entry["arms"].values()) or 1
            shares.append(entry["arms"].get(arm, {"samples": 0})["samples"] / total)
        axes.bar(rounds, shares, bottom=bottom, label=arm)
        bottom = [b + s for b, s in zip(bottom, shares, strict=True)]
    axes.set_xlabel("round")
    axes.set_ylabel("share of the round's samples")
    axes.set_ylim(0, 1)
    axes.set_title("hybrid: arm chosen per prompt slot")
    save_figure(figure, axes, path)


def report_lines(
    state: SearchState, directory: pathlib.Path, metric: MetricSpec = DEFAULT_METRIC
) -> list[str]:
    """The report's section on the arms (draws `arms.png` into `directory`)."""
    plot_arm_choice(state, directory / "arms.png")
    return [
        "",
        "## Operator arms (hybrid)",
        "",
        "Each prompt slot went to the arm a discounted Thompson-sampling bandit drew; a child's reward grows with "
        "its relative fitness gain over its better parent (0 when invalid or a duplicate, `valid_reward` when "
        "valid but not better).",
        "",
        *arm_rows(state),
        "",
        "Pareto front (parameters vs validation score, everything scored) and the arm that produced each member:",
        "",
        *front_arm_rows(state, metric),
        "",
        "![arm choice per round](arms.png)",
    ]
