"""What a search tells its user and its workdir: progress bars and one line per round on stderr, the event log,
TensorBoard scalars, and the JSON summary `main` prints."""

from __future__ import annotations

import math
import pathlib
import sys
from collections.abc import Sequence

import ml_collections
from tqdm import tqdm

from evojax_nas.checkpointing import RunStore
from evojax_nas.population import REJECTION_REASONS, SEED_ROUND, Individual, get_top, pareto_front
from evojax_nas.search.config import sample_budget
from evojax_nas.search.state import SearchState
from evojax_nas.tasks.base import DEFAULT_METRIC, MetricSpec


class RunLog:
    """Progress bars, one-line round summaries, the event log and TensorBoard scalars."""

    def __init__(self, config: ml_collections.ConfigDict, store: RunStore):
        self.store = store
        self.progress = bool(config.get("log", {}).get("progress", True))
        self.writer = None
        if config.get("log", {}).get("tensorboard", True) and store.primary:  # one writer per run
            # Deferred: tensorboardX loads protobuf; runs without TensorBoard (tests, readers) skip it.
            from tensorboardX import SummaryWriter

            self.writer = SummaryWriter(str(store.workdir / "tensorboard"))

    def bar(self, total: int, description: str) -> tqdm:
        """A tqdm progress bar on stderr (disabled with `config.log.progress=False`)."""
        return tqdm(
            total=total,
            desc=description,
            file=sys.stderr,
            disable=not self.progress,
            leave=False,
            dynamic_ncols=True,
            mininterval=1.0,
        )

    def line(self, message: str) -> None:
        """One line on stderr."""
        print(message, file=sys.stderr, flush=True)

    def event(self, record: dict) -> None:
        """One record in events.jsonl."""
        self.store.append_event(record)

    def scalars(self, step: int, values: dict[str, float | None]) -> None:
        """TensorBoard scalars (None and NaN are skipped)."""
        if self.writer is None:
            return
        for name, value in values.items():
            if value is not None and math.isfinite(float(value)):
                self.writer.add_scalar(name, float(value), step)
        self.writer.flush()

    def close(self) -> None:
        """Closes the TensorBoard writer."""
        if self.writer is not None:
            self.writer.close()


def duration(seconds: float) -> str:
    """A duration in the largest sensible unit: '45 s', '12 min', '3.4 h', '2.1 days'."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def attempt_counts(individuals: Sequence[Individual]) -> dict:
    """Novelty rejection's counts over `individuals`: their draws (`attempts`), the draws rejected before
    training and drawn again (`resamples`), those by reason, and how many samples needed more than one draw."""
    rejected = {
        reason: sum(i.rejected_attempts.get(reason, 0) for i in individuals) for reason in REJECTION_REASONS
    }
    return {
        "attempts": sum(i.attempts for i in individuals),
        "resamples": sum(rejected.values()),
        "resampled_samples": sum(i.attempts > 1 for i in individuals),
        "rejected_before_training": rejected,
    }


def brief(individual: Individual) -> dict:
    """An individual as the summary and the seeds event list it."""
    return {
        "key": individual.key,
        "origin": individual.origin,
        "status": individual.status,
        "num_params": individual.num_params,
        "val_accuracy": individual.val_accuracy,
        "fitness": individual.fitness,
        "reason": individual.reason,
    }


def describe(individual: Individual, metric: MetricSpec = DEFAULT_METRIC) -> str:
    """'fitness -47.2 (350 params, val 0.865)'."""
    score = metric.format(individual.val_accuracy)
    return f"fitness {individual.fitness:.1f} ({individual.num_params:,} params, {metric.label} {score})"


def round_summary(
    state: SearchState,
    round_index: int,
    children: Sequence[Individual],
    tuning: dict | None,
    seconds: dict,
    draws: dict,
    metric: MetricSpec = DEFAULT_METRIC,
) -> dict:
    """The history entry of a finished round: counts, rates, rejected draws, the best child, G and P, tuning,
    timings. `draws` holds the operator draws and resample waves of the round."""
    population = state.population
    counts = population.counts(children)
    scored_children = population.scored(include_seeds=False)
    best = get_top(scored_children, 1)
    best = best[0] if best else None
    num = max(1, len(children))
    return {
        "round": round_index + 1,
        "samples": len(children),
        "total_samples": state.samples,
        **counts,
        "valid_rate": (counts["ok"] + counts["filtered"]) / num,
        "novel_rate": 1.0 - counts["duplicate"] / num,
        **attempt_counts(children),
        "draws": draws["draws"],
        "resample_waves": draws["waves"],
        "best_fitness": None if best is None else best.fitness,
        "best_num_params": None if best is None else best.num_params,
        "best_val_accuracy": None if best is None else best.val_accuracy,
        "best_key": None if best is None else best.key,
        "pareto_front_size": len(pareto_front(scored_children, metric=metric)),
        "pool_size": len(population.pool),
        "parents": list(population.parents),
        "tuning": tuning,
        "seconds": {name: round(value, 2) for name, value in seconds.items()},
    }


def round_line(summary: dict, header: str, max_resamples: int, metric: MetricSpec = DEFAULT_METRIC) -> str:
    """The one-line summary of a round on stderr; `header` is 'round t/T [method]'."""
    best_text = "no scored child yet"
    if summary["best_fitness"] is not None:
        best_text = (
            f"best fitness {summary['best_fitness']:.1f} ({summary['best_num_params']:,} params, "
            f"{metric.label} {metric.format(summary['best_val_accuracy'])})"
        )
    tuning = summary["tuning"]
    tuning_text = (
        f"; tuning loss {tuning['first_loss']:.3f}->{tuning['loss']:.3f} on {tuning['examples']}"
        + (f", prompt drift {tuning['drift']:.3f}" if "drift" in tuning else "")
        if tuning
        else ""
    )
    timing = " ".join(f"{name} {value:.0f}s" for name, value in summary["seconds"].items())
    arms_text = "".join(
        f"; {arm} {entry['samples']} (ok {entry['ok']}, reward {entry['mean_reward'] or 0.0:.3f})"
        for arm, entry in summary.get("arms", {}).items()
        if entry["samples"]
    )
    rejected = summary["rejected_before_training"]
    attempts_text = (
        f"; {summary['attempts']} attempts, rejected before training: "
        + ", ".join(f"{reason} {rejected[reason]}" for reason in REJECTION_REASONS)
        + f" ({summary['resample_waves']} resample waves)"
        if max_resamples > 0
        else ""
    )
    return (
        f"{header}: {summary['samples']} samples (ok {summary['ok']}, filtered {summary['filtered']}, duplicate "
        f"{summary['duplicate']}, rejected {summary['rejected']}, failed {summary['failed']}){attempts_text}; "
        f"{best_text}; front {summary['pareto_front_size']}{tuning_text}{arms_text}; {timing}"
    )


def round_scalars(summary: dict) -> dict[str, float | None]:
    """The TensorBoard scalars of a round."""
    rejected = summary["rejected_before_training"]
    return {
        "search/best_fitness": summary["best_fitness"],
        "search/best_val_accuracy": summary["best_val_accuracy"],
        "search/pareto_front_size": summary["pareto_front_size"],
        "search/valid_rate": summary["valid_rate"],
        "search/novel_rate": summary["novel_rate"],
        "search/round": summary["round"],
        "search/attempts": summary["attempts"],
        "search/resamples": summary["resamples"],
        **{f"search/rejected_{reason}": rejected[reason] for reason in REJECTION_REASONS},
        "tuning/loss": None if summary["tuning"] is None else summary["tuning"]["loss"],
        **{  # the prompt's distance from where it started, and the LoRA factors' size, when recorded
            f"tuning/{name}": value
            for name, value in (summary["tuning"] or {}).items()
            if name in ("drift", "lora_rms")
        },
        **{f"seconds/{name}": value for name, value in summary["seconds"].items()},
        **{f"arms/{arm}_samples": entry["samples"] for arm, entry in summary.get("arms", {}).items()},
        **{f"arms/{arm}_mean_reward": entry["mean_reward"] for arm, entry in summary.get("arms", {}).items()},
    }


def arm_totals(history: Sequence[dict]) -> dict:
    """A hybrid run's arms over all its rounds: per arm samples, ok, duplicate, failed and mean reward ({} for
    other methods)."""
    totals: dict[str, dict] = {}
    for summary in history:
        for arm, entry in summary.get("arms", {}).items():
            total = totals.setdefault(
                arm, {"samples": 0, "ok": 0, "duplicate": 0, "failed": 0, "reward_sum": 0.0}
            )
            for name in total:
                total[name] += entry[name]
    for total in totals.values():
        total["mean_reward"] = total.pop("reward_sum") / total["samples"] if total["samples"] else None
    return totals


def summarize(state: SearchState, workdir: pathlib.Path, config: ml_collections.ConfigDict) -> dict:
    """The JSON summary `main` prints: counts, the final population, where things are."""
    population = state.population
    final = [population.get(k) for k in state.final]
    children = [i for i in population.archive if i.round != SEED_ROUND]
    return {
        "workdir": str(workdir),
        "method": config.search.method,
        "finished": state.finished,
        "rounds": state.round,
        "samples": state.samples,
        "budget": sample_budget(config),
        **population.counts(children),
        **attempt_counts(children),
        **({"arms": arm_totals(state.history)} if state.bandit is not None else {}),
        "final_population": [brief(i) for i in final],
    }
