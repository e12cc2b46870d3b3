"""The comparison of search methods that `evojax_nas.study` writes: a table per method and two plots.

`write_comparison(workdir, runs)` takes restored runs (`evojax_nas.restored_run.Run`) grouped by method and writes
`workdir/comparison/` (or another sub-directory of the workdir): fitness_vs_samples.png (best params x val error so
far, median and min-max over seeds), pareto.png (the final test-error Pareto fronts of every method together) and
README.md (per method: best fitness, its size and accuracies, valid/duplicate rates, front size, minutes spent on
the seeds and the rounds; mean and spread over seeds; how children's sizes moved against their parents' and where
each run's best child came from; each method's best fitness per search seed and its seed-paired record against the
others, with a sign test's p-value; then per search seed each method's front hypervolume against one reference
point, which share of each other method's front it covers, and which fronts it dominates).
"""

from __future__ import annotations

import math
import pathlib
import statistics

import matplotlib
import matplotlib.pyplot as plt

from evojax_nas import front_metrics
from evojax_nas.population import Individual, get_top, pareto_front
from evojax_nas.report_plots import front_xy, plot_fitness_vs_samples, save_figure
from evojax_nas.restored_run import Run, error_kind, phase_seconds, round_label
from evojax_nas.search.arms import arm_of

_LEVEL_TOLERANCE = 1e-6  # relative: float32 carries about 7 significant digits


def _spread(values: list[float | None], pattern: str) -> str:
    """The mean of the measured values, with their min to max when there are several ('-' when none)."""
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    text = format(statistics.mean(values), pattern)
    if len(values) > 1:
        text += f" ({format(min(values), pattern)} to {format(max(values), pattern)})"
    return text


def best_child(run: Run) -> Individual | None:
    """The run's fittest valid child (seeds excluded), or None when it has none."""
    top = get_top([i for i in run.children() if i.status == "ok"], 1)
    return top[0] if top else None


def method_rows(runs: dict[str, list[Run]]) -> list[str]:
    """Markdown table comparing methods: means over seeds (with min-max where there are several)."""
    rows = [
        "| method | runs | samples | best fitness | median best fitness | its params | its val acc | its test acc | "
        "valid rate | duplicate rate | Pareto front size | search minutes |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for method, members in runs.items():
        best, samples, valid, duplicate, fronts, minutes = [], [], [], [], [], []
        for run in members:
            children = run.children()
            counts = run.state.population.counts(children)
            best.append(best_child(run))
            samples.append(len(children))
            valid.append((counts["ok"] + counts["filtered"]) / max(1, len(children)))
            duplicate.append(counts["duplicate"] / max(1, len(children)))
            fronts.append(len(front_points(run)))
            minutes.append(sum(phase_seconds(run).values()) / 60)
        rows.append(
            f"| {method} | {len(members)} | {_spread(samples, '.0f')} | "
            f"{_spread([b.fitness if b else None for b in best], '.1f')} | "
            f"{_median([b.fitness if b else None for b in best])} | "
            f"{_spread([b.num_params if b else None for b in best], ',.0f')} | "
            f"{_spread([b.val_accuracy if b else None for b in best], '.3f')} | "
            f"{_spread([b.test_accuracy if b else None for b in best], '.3f')} | {_spread(valid, '.2f')} | "
            f"{_spread(duplicate, '.2f')} | {_spread(fronts, '.1f')} | {_spread(minutes, '.1f')} |"
        )
    return rows


def size_moves(run: Run) -> tuple[float | None, float | None]:
    """Of the run's valid children with measured parents: the share smaller than their smallest parent and the
    share larger than their largest (None when there are none)."""
    sizes = {i.key: i.num_params for i in run.state.population.archive if i.num_params}
    smaller = larger = counted = 0
    for child in run.children():
        parents = [sizes[key] for key in child.parents if key in sizes]
        if child.status != "ok" or not child.num_params or not parents:
            continue
        counted += 1
        smaller += child.num_params < min(parents)
        larger += child.num_params > max(parents)
    return (smaller / counted, larger / counted) if counted else (None, None)


def first_and_last_round_sizes(run: Run) -> tuple[float | None, float | None]:
    """The median size of the valid children of the run's first and of its last round (None for a round with
    none)."""
    children = run.children()
    sizes: dict[int, list[int]] = {}
    for child in children:
        if child.status == "ok" and child.num_params:
            sizes.setdefault(child.round, []).append(child.num_params)
    last = max((child.round for child in children), default=0)
    return tuple(statistics.median(sizes[r]) if r in sizes else None for r in (0, last))


def dynamics_rows(runs: dict[str, list[Run]]) -> list[str]:
    """Markdown table of how each method moved through the size axis: children smaller / larger than their
    parents, the median valid child's size in the first and the last round, and each run's best child (its
    round and the operator that wrote it: "lm" or the program operator's name)."""
    rows = [
        "| method | children smaller than every parent | larger than every parent | median child params, "
        "first round | median child params, last round | best child per search seed |",
        "|---|---|---|---|---|---|",
    ]
    for method, members in runs.items():
        moves = [size_moves(run) for run in members]
        sizes = [first_and_last_round_sizes(run) for run in members]
        best = []
        for run in members:
            top = best_child(run)
            where = f"{round_label(top)}, {arm_of(top)}" if top else "-"
            best.append(f"{run.config.get('seed')}: {where}")
        rows.append(
            f"| {method} | {_spread([m[0] for m in moves], '.2f')} | {_spread([m[1] for m in moves], '.2f')} | "
            f"{_spread([s[0] for s in sizes], ',.0f')} | {_spread([s[1] for s in sizes], ',.0f')} | "
            f"{'; '.join(best)} |"
        )
    return rows


def _median(values: list[float | None]) -> str:
    """The median of the measured values ('-' when none)."""
    values = [v for v in values if v is not None]
    return format(statistics.median(values), ".1f") if values else "-"


def paired_record(fitness: dict[int, float], other: dict[int, float]) -> tuple[int, int, int]:
    """On the search seeds both methods ran: in how many `fitness` is ahead of `other`, level with it, behind it.

    Both map a search seed to a run's best fitness (higher is better). Fitness comes from float32 accuracies
    (averaged over training seeds), so values equal to float32 precision are level.
    """
    shared = set(fitness) & set(other)
    apart = [
        seed for seed in shared if not math.isclose(fitness[seed], other[seed], rel_tol=_LEVEL_TOLERANCE)
    ]
    ahead = sum(fitness[seed] > other[seed] for seed in apart)
    return ahead, len(shared) - len(apart), len(apart) - ahead


def sign_test_p_value(ahead: int, behind: int) -> float:
    """Two-sided exact sign test: how likely a fair coin splits `ahead + behind` seeds at least this unevenly.

    Level seeds are left out (the usual convention). Three seeds can never go below 0.25, five below 0.0625.
    """
    trials = ahead + behind
    tail = sum(math.comb(trials, k) for k in range(min(ahead, behind) + 1)) / 2**trials
    return min(1.0, 2 * tail)


def best_fitness_by_seed(members: list[Run]) -> dict[int, float]:
    """Search seed -> best fitness of the method's runs that have a valid child."""
    fitness = {}
    for run in members:
        best = best_child(run)
        if best is not None:
            fitness[int(run.config["seed"])] = best.fitness
    return fitness


def seed_rows(runs: dict[str, list[Run]]) -> list[str]:
    """Markdown table: each method's best fitness per search seed, and its seed-paired record against the others."""
    by_seed = {method: best_fitness_by_seed(members) for method, members in runs.items()}
    seeds = sorted({seed for fitness in by_seed.values() for seed in fitness})
    rows = [
        "| method | "
        + " | ".join(f"seed {seed}" for seed in seeds)
        + " | median | ahead / level / behind, on shared seeds |",
        "|---|" + "---|" * len(seeds) + "---|---|",
    ]
    for method, fitness in by_seed.items():
        records = []
        for other, other_fitness in by_seed.items():
            record = paired_record(fitness, other_fitness)
            if other != method and sum(record):
                p_value = sign_test_p_value(record[0], record[2])
                records.append(f"{other} {'/'.join(map(str, record))} (p {p_value:.2f})")
        cells = [format(fitness[seed], ".1f") if seed in fitness else "-" for seed in seeds]
        rows.append(
            f"| {method} | {' | '.join(cells)} | {_median(list(fitness.values()))} | {', '.join(records) or '-'} |"
        )
    return rows


def front_points(run: Run) -> list[front_metrics.Point]:
    """A run's final Pareto front (seeds included) as (parameters, error) points, on the test error where every
    scored program has one (else validation)."""
    scored = run.state.population.scored()
    kind = error_kind(scored)
    return list(zip(*front_xy(pareto_front(scored, error=kind), kind), strict=True))


def front_rows(runs: dict[str, list[Run]]) -> list[str]:
    """Per search seed: each method's front hypervolume (log10 parameters x error, one reference point for every
    run), the share of each other method's front points it weakly dominates (coverage), and the methods whose
    fronts its front dominates."""
    fronts = {
        method: {run.config.get("seed"): front_points(run) for run in members}
        for method, members in runs.items()
    }
    budgets = [
        run.config.get("budget", {}).get("max_params") or 0 for members in runs.values() for run in members
    ]
    max_params = max(budgets, default=0) or None
    reference = front_metrics.reference_point(
        [f for by_seed in fronts.values() for f in by_seed.values()], max_params=max_params
    )
    origin = "config.budget.max_params" if max_params else "the next power of ten above every front"
    rows = [
        f"Pareto fronts per search seed: hypervolume of (log10 parameters, error) against the reference point "
        f"({reference[0]:,.0f} parameters: {origin}; error {reference[1]:.1f}), larger is better; a front "
        "dominates another when it weakly dominates each of the other's points and the other does not do the "
        "same back; coverage: the share of another front's points that some point of this front weakly "
        "dominates.",
        "",
        "| seed | method | front size | hypervolume | covers | dominates |",
        "|---|---|---|---|---|---|",
    ]
    seeds = sorted({seed for by_seed in fronts.values() for seed in by_seed}, key=str)
    for seed in seeds:
        for method, by_seed in fronts.items():
            if seed not in by_seed:
                continue
            front = by_seed[seed]
            others = {o: f[seed] for o, f in fronts.items() if o != method and seed in f}
            covers = [f"{o} {front_metrics.coverage(front, other):.0%}" for o, other in others.items()]
            beaten = [o for o, other in others.items() if front_metrics.dominates(front, other)]
            rows.append(
                f"| {seed} | {method} | {len(front)} | {front_metrics.hypervolume(front, reference):.3f} | "
                f"{', '.join(covers) or '-'} | {', '.join(beaten) or '-'} |"
            )
    return rows


def plot_fronts(runs: dict[str, list[Run]], path: pathlib.Path) -> None:
    """The final test-error Pareto front of every run, one colour per method."""
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for index, (method, members) in enumerate(runs.items()):
        colour = f"C{index}"
        for number, run in enumerate(members):
            points = front_points(run)
            if points:
                axes.step(
                    *zip(*points, strict=True),
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
    save_figure(figure, axes, path)


def write_comparison(
    workdir: pathlib.Path, runs: dict[str, list[Run]], name: str = "comparison"
) -> pathlib.Path:
    """Writes `workdir/name/` (plots and README.md) for restored runs grouped by method."""
    matplotlib.use("Agg")
    directory = workdir / name
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
        "best fitness = -(params x val error) of the fittest child (seeds excluded); search minutes = the "
        "seeds' evaluation and every round's generate, evaluate and tune phases; mean over search seeds "
        "(min to max).",
        "",
        *method_rows(runs),
        "",
        "How children's sizes moved: valid children against their in-context or mutated parents (mean over search "
        "seeds, min to max), and where each run's best child came from.",
        "",
        *dynamics_rows(runs),
        "",
        "Best fitness per search seed; ahead / level / behind: on how many of the search seeds both methods ran "
        "the row's method ended fitter than, level with, or less fit than the named one; p: two-sided exact sign "
        "test on the seeds that are not level (the chance that a fair coin splits them at least this unevenly: "
        "three seeds never go below 0.25).",
        "",
        *seed_rows(runs),
        "",
        *front_rows(runs),
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
