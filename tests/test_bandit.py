"""The hybrid method's bandit: rewards, Thompson choices, decay, floor, checkpoint round trip."""

import collections
import json

import jax
import numpy as np
import pytest

from evojax_nas import bandit

ARMS = ("lm_crossmut", "program_mutation", "program_crossover")


def test_improvement_reward_grows_with_the_relative_gain():
    assert bandit.improvement_reward(-98.0, [-100.0, -200.0]) == pytest.approx(0.5)  # 2%: half_gain
    assert bandit.improvement_reward(-50.0, [-100.0], half_gain=0.5) == pytest.approx(0.5)
    assert bandit.improvement_reward(-150.0, [-100.0]) == 0.0  # worse than the better parent
    assert 0.98 < bandit.improvement_reward(-0.0, [-10.0]) < 1.0
    assert bandit.improvement_reward(None, [-10.0]) == bandit.FAILED_REWARD
    assert bandit.improvement_reward(float("nan"), [-10.0]) == bandit.FAILED_REWARD
    assert bandit.improvement_reward(-5.0, [None]) == bandit.FAILED_REWARD
    # Valid but no fitter: valid_reward; 2% fitter: halfway between it and 1.
    assert bandit.improvement_reward(-150.0, [-100.0], valid_reward=0.1) == pytest.approx(0.1)
    assert bandit.improvement_reward(-98.0, [-100.0], valid_reward=0.1) == pytest.approx(0.55)
    assert bandit.improvement_reward(None, [-100.0], valid_reward=0.1) == bandit.FAILED_REWARD


def test_choices_are_deterministic_in_the_key():
    state = bandit.BanditState.fresh(ARMS)
    first = bandit.choose_arms(state, 16, jax.random.key(3))
    assert first == bandit.choose_arms(state, 16, jax.random.key(3))
    assert first != bandit.choose_arms(state, 16, jax.random.key(4))
    assert set(first) <= set(ARMS)


def test_a_fresh_bandit_tries_every_arm_before_its_posteriors_decide():
    state = bandit.BanditState.fresh(ARMS)
    for seed in range(5):
        assert bandit.choose_arms(state, 4, jax.random.key(seed))[:3] == list(ARMS)
    assert bandit.choose_arms(state, 2, jax.random.key(0)) == list(ARMS[:2])  # fewer slots than arms
    pulled = bandit.update(state, [("lm_crossmut", 1.0)])
    # From the first pull on, the posteriors decide.
    assert len(set(bandit.choose_arms(pulled, 3, jax.random.key(0)))) < 3


def test_an_arm_that_always_fails_loses_its_share():
    """A scripted run: arm 0 never improves, arm 1 improves half the time, arm 2 a little."""
    state = bandit.BanditState.fresh(ARMS)
    key = jax.random.key(0)
    rng = np.random.default_rng(0)
    payoff = {"lm_crossmut": 0.0, "program_mutation": 0.5, "program_crossover": 0.1}
    shares = []
    for _ in range(8):
        key, choose_key = jax.random.split(key)
        choices = bandit.choose_arms(state, 12, choose_key, min_share=0.25)
        shares.append(collections.Counter(choices))
        rewards = [(arm, float(rng.random() < payoff[arm])) for arm in choices]
        state = bandit.update(state, rewards, decay=0.9)
    late = sum((shares[r] for r in range(5, 8)), collections.Counter())
    assert late["lm_crossmut"] < late["program_mutation"]
    assert late["lm_crossmut"] >= 3  # the floor still tries it: 3 forced slots per round over 3 arms
    assert state.means()["program_mutation"] > state.means()["lm_crossmut"]


def test_decay_forgets_old_evidence():
    state = bandit.update(bandit.BanditState.fresh(ARMS), [("lm_crossmut", 1.0)] * 10)
    for _ in range(30):
        state = bandit.update(state, [], decay=0.8)
    assert state.means()["lm_crossmut"] == pytest.approx(0.5, abs=0.02)
    assert state.pulls.tolist() == [10, 0, 0]


def test_state_round_trips_through_json_and_keeps_choices():
    state = bandit.update(bandit.BanditState.fresh(ARMS), [("program_mutation", 0.3), ("lm_crossmut", 0.0)])
    restored = bandit.BanditState.from_json(json.loads(json.dumps(state.to_json())))
    key = jax.random.key(7)
    assert bandit.choose_arms(restored, 9, key) == bandit.choose_arms(state, 9, key)
    assert restored.means() == state.means()


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="two distinct arms"):
        bandit.BanditState.fresh(["lm_crossmut"])
    state = bandit.BanditState.fresh(ARMS)
    with pytest.raises(ValueError, match="unknown arm 'x'"):
        bandit.update(state, [("x", 0.5)])
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        bandit.update(state, [("lm_crossmut", 1.5)])
    with pytest.raises(ValueError, match="decay"):
        bandit.update(state, [], decay=0.0)
