"""The hybrid method's bookkeeping of its operator arms: which arm made a child, and a round's counts per arm."""

from __future__ import annotations

from collections.abc import Sequence

from evojax_nas import bandit
from evojax_nas.population import Individual


def arm_of(individual: Individual) -> str:
    """The operator that made a hybrid search's child: its origin's first word ("lm" for the LM)."""
    return individual.origin.split(":", 1)[0].strip()


def arm_stats(
    children: Sequence[Individual], rewards: Sequence[tuple[str, float]], posterior: bandit.BanditState
) -> dict:
    """Per arm: samples, ok / duplicate / failed (rejected, failed or filtered) counts, mean reward, and the
    posterior mean after the update."""
    means = posterior.means()
    stats = {
        arm: {
            "samples": 0,
            "ok": 0,
            "duplicate": 0,
            "failed": 0,
            "reward_sum": 0.0,
            "posterior_mean": means[arm],
        }
        for arm in posterior.arms
    }
    for child, (arm, reward) in zip(children, rewards, strict=True):
        entry = stats[arm]
        entry["samples"] += 1
        entry["reward_sum"] += reward
        outcome = child.status if child.status in ("ok", "duplicate") else "failed"
        entry[outcome] += 1
    for entry in stats.values():
        entry["mean_reward"] = entry["reward_sum"] / entry["samples"] if entry["samples"] else None
    return stats
