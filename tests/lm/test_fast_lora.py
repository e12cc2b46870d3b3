"""The fast adapter step (LoRA on the upper layers over cached lower-layer activations) equals the plain step
(all layers, zero factors below) to float tolerance: loss, LoRA gradients and the optimiser step."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import ml_collections
import numpy as np
import optax
import pytest

from evojax_nas.lm import adapter_training, copy_unlikelihood, load, lora
from evojax_nas.lm.activation_cache import ActivationCache
from evojax_nas.prompting import Example, parent_completions, tuning_example
from tests.lm.conftest import write_random_llama

EXAMPLES = [
    ("import flax.linen as nn\n\nclass Model(nn.Module):", "\n    @nn.compact\n    def __call__(self, x):\n"),
    ("def f(x):", "\n    return x * 2\n"),
    ("# a longer context\n" + "x = jnp.ones((3, 4))\n" * 12 + "def g(y):", "\n    return y + 1\n\n\nz = 3\n"),
]


HEADER = "class Model(nn.Module):"
_BODY = "\n    @nn.compact\n    def __call__(self, x):\n        x = nn.Dense({})(x)\n        return nn.Dense(10)(x)"
PARENTS = [Example(HEADER + _BODY.format(64), 3300, 0.8), Example(HEADER + _BODY.format(32), 1700, 0.7)]
CHILD = Example(HEADER + _BODY.format(8), 420, 0.75)
# A prompt with two parents whose child departs from both at the Dense width.
PROMPTED = tuning_example(PARENTS, CHILD, HEADER)


def _settings(**changes) -> ml_collections.ConfigDict:
    settings = ml_collections.ConfigDict(
        {
            "lora": {
                "rank": 3,
                "targets": ("wqkv", "wo", "w_gate_up", "w_down"),
                "layers_from": 2,
                "learning_rate": 1e-2,
                "weight_decay": 0.0,
                "schedule_steps": 8,
            },
            "soft_prompt_length": 0,
            "soft_prompt_learning_rate": 1e-2,
            "warmup_steps": 1,
            "grad_clip_norm": 1.0,
            "batch_size": 3,  # all EXAMPLES in one batch: one compilation per function
            "max_length": 256,
            "length_bucket": 32,
            "sort_window": 0,
            "remat": True,
            "cache_activations": False,
            "cache_dtype": "float32",
            "target_bucket": 16,
            "unlikelihood_weight": 0.0,
        }
    )
    settings.update_from_flattened_dict(changes)
    return settings


@pytest.fixture(scope="module")
def four_layer_llama(tmp_path_factory, tiny_tokenizer):
    folder = write_random_llama(str(tmp_path_factory.mktemp("llama4")), tiny_tokenizer, num_hidden_layers=4)
    return load(folder)


def _trainable(lm, settings):
    """Factors with B non-zero, so that A's gradients are non-zero too."""
    trainable = adapter_training.initial_trainable(lm, settings, jax.random.key(0))
    key = jax.random.key(1)
    trainable["factors"] = {
        name: value
        if name.endswith("_a")
        else 0.05 * jax.random.normal(jax.random.fold_in(key, i), value.shape)
        for i, (name, value) in enumerate(sorted(trainable["factors"].items()))
    }
    return trainable


def _gradient_as_update() -> optax.GradientTransformation:
    """An 'optimiser' whose update is the gradient itself: a step then returns `trainable + gradient`."""
    return optax.GradientTransformation(
        lambda params: optax.EmptyState(), lambda grads, state, params=None: (grads, state)
    )


def test_fast_step_equals_plain_step(four_layer_llama, tmp_path):
    lm = four_layer_llama
    plain = adapter_training.AdapterTrainer(lm, _settings())
    fast = adapter_training.AdapterTrainer(lm, _settings(cache_activations=True), str(tmp_path / "cache"))
    rows = fast.tokenize(EXAMPLES)
    assert fast.prepare(rows) == len(rows) and fast.prepare(rows) == 0  # computed once, then reused
    trainable = _trainable(lm, _settings())
    assert trainable["factors"]["wqkv_lora_a"].shape[0] == 2  # factors only on layers 2 and 3

    # Through each trainer's own jitted step: its loss, and its gradients (the step adds them to the factors).
    window = adapter_training.AdapterTrainer(
        lm, _settings(cache_activations=True, target_bucket=0), str(tmp_path / "cache")
    )  # the fast step with the plain step's [B, W] target window instead of packed targets
    results = {}
    for name, trainer in (("plain", plain), ("fast", fast), ("window", window)):
        trainer.optimizer = _gradient_as_update()
        stepped, _, loss = trainer.step(jax.tree.map(jnp.array, trainable), optax.EmptyState(), rows)
        grads = jax.tree.map(lambda new, old: new - old, stepped["factors"], trainable["factors"])
        results[name] = (loss, grads)
    plain_loss, plain_grads = results["plain"]
    for variant in ("fast", "window"):
        fast_loss, fast_grads = results[variant]
        np.testing.assert_allclose(fast_loss, plain_loss, rtol=1e-5, err_msg=variant)
        for name, grad in plain_grads.items():
            assert float(jnp.max(jnp.abs(grad))) > 1e-5, name
            np.testing.assert_allclose(
                fast_grads[name], grad, rtol=1e-3, atol=1e-6, err_msg=f"{variant} {name}"
            )


def test_bfloat16_cache_is_close_and_padded_factors_are_the_plain_adapter(four_layer_llama, tmp_path):
    lm = four_layer_llama
    trainable = _trainable(lm, _settings())
    losses = {}
    for dtype in ("float32", "bfloat16"):
        settings = _settings(cache_activations=True, cache_dtype=dtype)
        fast = adapter_training.AdapterTrainer(lm, settings, str(tmp_path / dtype))
        rows = fast.tokenize(EXAMPLES)
        fast.prepare(rows)
        losses[dtype] = fast.mean_loss(trainable, rows)
    assert losses["bfloat16"] != losses["float32"]  # rounded activations ...
    np.testing.assert_allclose(losses["bfloat16"], losses["float32"], rtol=1e-2)  # ... but close
    padded = lora.pad_layers(trainable["factors"], 2)
    assert padded["wo_lora_b"].shape[0] == 4 and not np.any(np.asarray(padded["wo_lora_b"][:2]))


def test_a_zero_lora_learning_rate_trains_the_soft_prompt_alone(four_layer_llama):
    # configs/lm_adapt.py:prompt (adapter v8): the starting adapter's factors stay exactly as they are.
    lm = four_layer_llama
    settings = _settings(soft_prompt_length=2, **{"lora.learning_rate": 0.0})
    trainer = adapter_training.AdapterTrainer(lm, settings)
    trainable = _trainable(lm, settings)
    start = jax.tree.map(np.array, trainable)  # the step donates its inputs' buffers
    opt_state = trainer.optimizer.init(trainable)
    rows = trainer.tokenize([PROMPTED] * 3)
    losses = []
    for _ in range(3):
        trainable, opt_state, loss = trainer.step(trainable, opt_state, rows)
        losses.append(float(loss))
    for name, value in start["factors"].items():
        np.testing.assert_array_equal(np.asarray(trainable["factors"][name]), value, err_msg=name)
    assert float(jnp.max(jnp.abs(trainable["soft_prompt"] - start["soft_prompt"]))) > 1e-3
    assert losses[-1] < losses[0]


def test_bad_fast_settings_are_refused(four_layer_llama, tmp_path):
    lm = four_layer_llama
    with pytest.raises(ValueError, match="soft_prompt_length = 0"):
        adapter_training.AdapterTrainer(lm, _settings(cache_activations=True, soft_prompt_length=2), "x")
    with pytest.raises(ValueError, match="layers_from"):
        adapter_training.AdapterTrainer(lm, _settings(cache_activations=True, **{"lora.layers_from": 0}), "x")
    with pytest.raises(ValueError, match="dtype"):
        ActivationCache(tmp_path, "id", 1, "float16")


def test_length_grouped_batches_cover_the_epoch_once():
    lengths = [5, 300, 7, 290, 9, 310, 11, 305, 2]
    plain = adapter_training.epoch_batches(lengths, 2, jax.random.key(0), 0)
    grouped = adapter_training.epoch_batches(lengths, 2, jax.random.key(0), 4)
    assert len(plain) == len(grouped) == 4
    assert sorted(np.concatenate(plain)) == sorted(np.concatenate(grouped))  # the same 8 examples
    padding = [sum(max(lengths[i] for i in b) - lengths[i] for i in b) for b in grouped]
    assert sum(padding) < sum(sum(max(lengths[i] for i in b) - lengths[i] for i in b) for b in plain)


def test_copy_negatives_are_the_parents_tokens_where_the_child_departs(four_layer_llama):
    lm = four_layer_llama
    context = PROMPTED[0]
    completions = parent_completions(context)
    assert completions == [tuning_example(PARENTS, parent, HEADER)[1] for parent in PARENTS]
    reading = adapter_training.AdapterTrainer(lm, _settings(), parents_of=parent_completions)
    ids, start, negatives = reading.tokenize([PROMPTED])[0]
    assert len(negatives) >= 1
    copies = [lm.encode(c) for c in completions]
    for position, token in negatives:
        assert position >= start and ids[position] != token  # the child writes something else there ...
        offset = position - start
        assert any(c[:offset] == ids[start:position] and c[offset] == token for c in copies)  # ... a copy's
    # A target that is the first parent's copy gives no negative of its own (only where the second parent departs).
    context_ids = lm.encode(context)
    as_copy = copy_unlikelihood.copy_negatives(lm, completions, context_ids + copies[0], len(context_ids))
    assert len(as_copy) == 1 and all(token == copies[1][p - len(context_ids)] for p, token in as_copy)
    assert reading.tokenize(EXAMPLES[:1])[0][2] == ()  # no parents in the prompt
    assert adapter_training.AdapterTrainer(lm, _settings()).tokenize([PROMPTED])[0][2] == ()  # no reader
    with pytest.raises(ValueError, match="parents_of"):
        adapter_training.AdapterTrainer(lm, _settings(unlikelihood_weight=1.0))


def test_unlikelihood_step_fast_equals_plain_and_lowers_the_copy_probability(four_layer_llama, tmp_path):
    lm = four_layer_llama
    settings = {"unlikelihood_weight": 2.0}
    plain = adapter_training.AdapterTrainer(lm, _settings(**settings), parents_of=parent_completions)
    fast = adapter_training.AdapterTrainer(
        lm, _settings(cache_activations=True, **settings), str(tmp_path), parents_of=parent_completions
    )
    rows = fast.tokenize([PROMPTED, *EXAMPLES[:2]])
    fast.prepare(rows)
    trainable = _trainable(lm, _settings())
    results = {}
    for name, trainer in (("plain", plain), ("fast", fast)):
        trainer.optimizer = _gradient_as_update()
        stepped, _, loss = trainer.step(jax.tree.map(jnp.array, trainable), optax.EmptyState(), rows)
        results[name] = (
            loss,
            jax.tree.map(lambda new, old: new - old, stepped["factors"], trainable["factors"]),
        )
    np.testing.assert_allclose(results["fast"][0], results["plain"][0], rtol=1e-5)
    for name, grad in results["plain"][1].items():
        np.testing.assert_allclose(results["fast"][1][name], grad, rtol=1e-3, atol=1e-6, err_msg=name)
    before = fast.evaluate(trainable, rows)
    assert results["plain"][0] > before["nll"]  # the objective adds the unlikelihood to the NLL

    copy_probability = {}
    for weight in (0.0, 2.0):
        trainer = adapter_training.AdapterTrainer(
            lm,
            _settings(cache_activations=True, unlikelihood_weight=weight),
            str(tmp_path),
            parent_completions,
        )
        state = jax.tree.map(jnp.array, trainable)
        opt_state = trainer.optimizer.init(state)
        for _ in range(3):
            state, opt_state, _ = trainer.step(state, opt_state, rows)
        copy_probability[weight] = trainer.evaluate(state, rows)["copy_probability"]
    assert copy_probability[2.0] < copy_probability[0.0] < 1.0
    assert copy_probability[2.0] < before["copy_probability"]
