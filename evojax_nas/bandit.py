"""A bandit over the operators that write children (the `hybrid` method's arms).

Each slot of a round (`search.hybrid.samples_per_slot` samples of one parent group; 0: a prompt's n) goes to the
arm drawn by discounted Thompson sampling, after every arm has had one slot:

- every arm keeps a Beta(a, b) posterior over the probability that its child is an improvement; a child's reward
  r in [0, 1] counts as r successes and 1 - r failures (the fractional Bernoulli update, so a continuous reward
  needs no threshold);
- the reward grows with the child's relative fitness gain over its better parent, g = `(f_child - f_parent) /
  |f_parent|` clipped at 0, as g / (g + `half_gain`): scale-free (fitness spans five orders of magnitude between a
  100- and a 100,000-parameter model), 0 for a child that does not improve, 0.5 for a gain of `half_gain`, near 1
  for large gains, and 0 (the lowest reward) for an invalid, failed or duplicate child. A valid child that is no
  fitter earns `valid_reward` (0.1 by default): once improvements dry up, every arm's reward would otherwise be 0
  and the decayed posteriors could not tell an arm that writes valid programs from one that only copies. Using g
  itself (clipped to [0, 1]) was tried first: typical gains are a few percent, so every arm looked like a failing
  one and the arm with the fewest pulls (widest posterior) kept winning slots whatever it produced
  (tests/test_hybrid.py);
- before each round's update the counts are multiplied by `decay` (< 1), so an arm that was good early and went
  stale loses its lead within a few rounds, and an arm that failed early is tried again (its posterior drifts back
  toward the prior); `min_share` reserves a floor of slots spread over the arms in turn, so no arm is starved
  forever by bad luck in round 0.

Why Thompson sampling rather than UCB: a round's slots are all assigned before any of its children is scored, and
UCB would give every slot of a round to the same arm; Thompson draws each slot independently from the
posteriors, which spreads a round over the arms in proportion to the belief that each is best. The draws come
from a JAX key of the run's PRNG stream, so a resumed or multi-device run makes the same choices.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np

PRIOR = 1.0  # Beta(1, 1): uniform before any child is seen
FAILED_REWARD = 0.0


def improvement_reward(
    child_fitness: float | None,
    parent_fitnesses: Sequence[float | None],
    half_gain: float = 0.02,
    valid_reward: float = 0.0,
) -> float:
    """The reward of one child: `valid_reward` + (1 - `valid_reward`) g / (g + `half_gain`), g its fitness gain
    over its better parent relative to that parent's |fitness|, clipped at 0. A child without a fitness (invalid,
    failed, duplicate, filtered) earns `FAILED_REWARD`, and so does one with no scored parent to compare with."""
    if half_gain <= 0:
        raise ValueError(f"half_gain must be positive, got {half_gain}")
    if not 0.0 <= valid_reward < 1.0:
        raise ValueError(f"valid_reward must be in [0, 1), got {valid_reward}")
    if child_fitness is None or not math.isfinite(child_fitness):
        return FAILED_REWARD
    known = [f for f in parent_fitnesses if f is not None and math.isfinite(f)]
    if not known:
        return FAILED_REWARD
    best = max(known)
    gain = max(0.0, (child_fitness - best) / max(abs(best), 1e-9))
    return float(valid_reward + (1.0 - valid_reward) * gain / (gain + half_gain))


@dataclasses.dataclass
class BanditState:
    """The arms' discounted posterior counts (`successes[i]`, `failures[i]`, prior not included) and the pulls."""

    arms: tuple[str, ...]
    successes: np.ndarray
    failures: np.ndarray
    pulls: np.ndarray

    @classmethod
    def fresh(cls, arms: Sequence[str]) -> BanditState:
        """No evidence yet: every arm at the prior."""
        if len(arms) < 2 or len(set(arms)) != len(arms):
            raise ValueError(f"a bandit needs at least two distinct arms, got {list(arms)}")
        zeros = np.zeros(len(arms), dtype=np.float64)
        return cls(tuple(arms), zeros.copy(), zeros.copy(), np.zeros(len(arms), dtype=np.int64))

    def means(self) -> dict[str, float]:
        """Posterior mean success probability of each arm."""
        alpha, beta = self.successes + PRIOR, self.failures + PRIOR
        return {arm: float(a / (a + b)) for arm, a, b in zip(self.arms, alpha, beta, strict=True)}

    def to_json(self) -> dict:
        """A JSON-serialisable copy (for the checkpoint's state)."""
        return {
            "arms": list(self.arms),
            "successes": [float(x) for x in self.successes],
            "failures": [float(x) for x in self.failures],
            "pulls": [int(x) for x in self.pulls],
        }

    @classmethod
    def from_json(cls, record: dict) -> BanditState:
        """Inverse of `to_json`."""
        return cls(
            tuple(record["arms"]),
            np.asarray(record["successes"], dtype=np.float64),
            np.asarray(record["failures"], dtype=np.float64),
            np.asarray(record["pulls"], dtype=np.int64),
        )


def choose_arms(state: BanditState, num_slots: int, key: jax.Array, min_share: float = 0.0) -> list[str]:
    """The arm of each of `num_slots` slots: the first `floor(min_share * num_slots)` slots cycle through the arms
    (starting where the pulls so far leave off; before any pull, at least one slot per arm: every arm is tried
    once before the posteriors decide, as UCB starts), every other slot takes the arm whose Beta posterior draw is
    highest. Deterministic in `key`."""
    if num_slots < 0 or not 0.0 <= min_share <= 1.0:
        raise ValueError(f"need num_slots >= 0 and min_share in [0, 1], got {num_slots}, {min_share}")
    forced = int(math.floor(min_share * num_slots))
    if not state.pulls.any():
        forced = min(num_slots, max(forced, len(state.arms)))
    start = int(state.pulls.sum())
    choices = [state.arms[(start + slot) % len(state.arms)] for slot in range(forced)]
    if num_slots > forced:
        alpha = jnp.asarray(state.successes + PRIOR, dtype=jnp.float32)
        beta = jnp.asarray(state.failures + PRIOR, dtype=jnp.float32)
        draws = jax.random.beta(key, alpha, beta, shape=(num_slots - forced, len(state.arms)))
        choices += [state.arms[int(i)] for i in np.asarray(jnp.argmax(draws, axis=1))]
    return choices


def update(state: BanditState, rewards: Sequence[tuple[str, float]], decay: float = 1.0) -> BanditState:
    """The state after one round: old counts times `decay`, then each (arm, reward in [0, 1]) added."""
    if not 0.0 < decay <= 1.0:
        raise ValueError(f"decay must be in (0, 1], got {decay}")
    index = {arm: i for i, arm in enumerate(state.arms)}
    successes, failures = state.successes * decay, state.failures * decay
    pulls = state.pulls.copy()
    for arm, reward in rewards:
        if arm not in index:
            raise ValueError(f"unknown arm '{arm}'; the arms are {list(state.arms)}")
        if not 0.0 <= reward <= 1.0:
            raise ValueError(f"a reward must be in [0, 1], got {reward} for arm '{arm}'")
        successes[index[arm]] += reward
        failures[index[arm]] += 1.0 - reward
        pulls[index[arm]] += 1
    return BanditState(state.arms, successes, failures, pulls)
