"""Soft prompts: initialisation, tuning (frozen LM, lower held-out loss), Orbax save/restore, identity check."""

import dataclasses

import jax
import numpy as np
import pytest
from conftest import corpus_text, write_random_llama

from evojax_nas.lm import (
    SoftPromptMismatchError,
    TuningConfig,
    example_losses,
    load,
    restore_soft_prompt,
    save_soft_prompt,
    tune_soft_prompt,
    tuning,
)
from evojax_nas.lm.tuning import make_optimizer, relative_drift

TARGETS = ["    return jnp.zeros(shape)\n", "    return jnp.ones(shape)\n"]


def _examples(seed: int, count: int):
    """Contexts of random words from real code; targets from a small fixed set (the learnable regularity)."""
    rng = np.random.default_rng(seed)
    words = corpus_text().split()
    return [(" ".join(rng.choice(words, 6)) + "\n", TARGETS[int(rng.integers(2))]) for _ in range(count)]


@pytest.fixture(scope="module")
def tuned(random_llama):
    lm = random_llama
    before = jax.tree.map(np.array, lm.params)
    prompt = lm.init_soft_prompt(jax.random.key(0), 4)
    config = TuningConfig(num_epochs=3, batch_size=8, learning_rate=3e-2, optimizer="adam")
    result = tune_soft_prompt(lm, prompt, _examples(0, 48), config, jax.random.key(1))
    return lm, before, prompt, config, result


def test_init_uses_vocabulary_rows(random_llama):
    prompt = np.asarray(random_llama.init_soft_prompt(jax.random.key(0), 5))
    embed = np.asarray(random_llama.params["embed"])
    assert prompt.shape == (5, random_llama.config.d_model)
    for row in prompt:
        assert np.any(np.all(embed == row, axis=1))


def test_tuning_never_changes_lm_weights(tuned):
    lm, before, _, _, _ = tuned
    after = jax.tree.map(np.array, lm.params)
    assert jax.tree.structure(after) == jax.tree.structure(before)
    for a, b in zip(jax.tree.leaves(after), jax.tree.leaves(before), strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)


def test_tuning_lowers_held_out_loss(tuned):
    lm, _, prompt, _, result = tuned
    held_out = _examples(99, 16)
    loss_before = float(np.mean(example_losses(lm, prompt, held_out)))
    loss_after = float(np.mean(example_losses(lm, result.soft_prompt, held_out)))
    print(f"held-out target NLL {loss_before:.3f} -> {loss_after:.3f}")
    assert loss_after < loss_before - 0.2
    assert len(result.loss_history) == 3 * 6 and len(result.prompt_rms_history) == 18
    assert not np.array_equal(np.asarray(result.soft_prompt), np.asarray(prompt))


def test_tuning_continues_from_opt_state(tuned):
    lm, _, _, config, result = tuned
    compiled = tuning._train_step._cache_size()
    more = tune_soft_prompt(
        lm, result.soft_prompt, _examples(1, 8), config, jax.random.key(2), opt_state=result.opt_state
    )
    assert int(more.opt_state[0].count) == int(result.opt_state[0].count) + 3
    assert tuning._train_step._cache_size() == compiled  # a later round reuses the compiled step


def test_adafactor_option(random_llama):
    config = TuningConfig(num_epochs=1, batch_size=4, learning_rate=3e-2, optimizer="adafactor")
    prompt = random_llama.init_soft_prompt(jax.random.key(0), 2)
    result = tune_soft_prompt(random_llama, prompt, _examples(3, 8), config, jax.random.key(0))
    assert len(result.loss_history) == 2
    with pytest.raises(ValueError, match="sgd"):
        make_optimizer(TuningConfig(optimizer="sgd"))


def test_max_drift_projects_the_prompt_into_its_trust_region(tuned):
    lm, _, prompt, config, unbounded = tuned
    assert relative_drift(unbounded.soft_prompt, prompt) > 0.2  # three epochs at 3e-2 move it far
    bounded_config = dataclasses.replace(config, num_epochs=1, max_drift=0.05)
    examples = _examples(0, 16)
    bounded = tune_soft_prompt(lm, prompt, examples, bounded_config, jax.random.key(1), anchor=prompt)
    drift = relative_drift(bounded.soft_prompt, prompt)
    print(
        f"drift {drift:.4f} with max_drift 0.05, {relative_drift(unbounded.soft_prompt, prompt):.4f} unbounded"
    )
    assert 0.045 < drift <= 0.05 + 1e-6  # Adam's steps reach the boundary and stop there
    # Off (0): the same steps as without an anchor.
    free = tune_soft_prompt(
        lm, prompt, examples, dataclasses.replace(config, num_epochs=1), jax.random.key(1)
    )
    anchored = tune_soft_prompt(
        lm, prompt, examples, dataclasses.replace(config, num_epochs=1), jax.random.key(1), anchor=prompt
    )
    np.testing.assert_array_equal(np.asarray(free.soft_prompt), np.asarray(anchored.soft_prompt))
    with pytest.raises(ValueError, match="needs the anchor prompt"):
        tune_soft_prompt(lm, prompt, examples, bounded_config, jax.random.key(1))
    with pytest.raises(ValueError, match="max_drift must be >= 0"):
        tune_soft_prompt(lm, prompt, examples, dataclasses.replace(config, max_drift=-0.1), jax.random.key(1))


def test_save_and_restore_exactly(tuned, tmp_path):
    lm, _, _, config, result = tuned
    path = str(tmp_path / "prompt")
    save_soft_prompt(path, result.soft_prompt, lm, result.opt_state)
    template = make_optimizer(config).init(result.soft_prompt)
    prompt, opt_state = restore_soft_prompt(path, lm, opt_state_like=template)
    assert np.array_equal(np.asarray(prompt), np.asarray(result.soft_prompt))
    assert jax.tree.structure(opt_state) == jax.tree.structure(result.opt_state)
    for a, b in zip(jax.tree.leaves(opt_state), jax.tree.leaves(result.opt_state), strict=True):
        assert np.array_equal(np.asarray(a), np.asarray(b))


def test_mismatched_model_is_refused(tuned, tmp_path, tiny_tokenizer):
    lm, _, _, _, result = tuned
    path = str(tmp_path / "prompt")
    save_soft_prompt(path, result.soft_prompt, lm)
    other = load(write_random_llama(str(tmp_path / "other"), tiny_tokenizer, seed=1))
    with pytest.raises(SoftPromptMismatchError, match="belongs to model"):
        restore_soft_prompt(path, other)
    prompt, opt_state = restore_soft_prompt(path, lm)
    assert opt_state is None and prompt.shape == result.soft_prompt.shape
