"""LoRA adapters: unmerged training form equals the merged sampling form, the target-window loss equals the
full-logits loss, adapter files round-trip, change the model's outputs, and bad files are refused."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import ml_collections
import numpy as np
import pytest

from evojax_nas.lm import CheckpointError, adapter_training, load, lora, model, tuning
from evojax_nas.tools import mix_adapters


def _nonzero_factors(lm, rank=3, seed=0):
    factors = lora.init_factors(jax.random.key(seed), lm.config, lora.LoraConfig(rank=rank))
    key = jax.random.key(seed + 1)
    return {
        name: (
            value
            if name.endswith("_a")
            else 0.05 * jax.random.normal(jax.random.fold_in(key, i), value.shape)
        )
        for i, (name, value) in enumerate(sorted(factors.items()))
    }


def _logits(lm, params, token_ids):
    embeds = model.embed_tokens(params, jnp.asarray(token_ids))
    return np.asarray(model.forward(lm.config, params, embeds))


def test_fresh_adapter_is_identity_and_merge_equals_unmerged(random_llama):
    lm = random_llama
    token_ids = np.asarray([lm.encode("def forward(self, x):\n    return x")], np.int32)
    fresh = lora.init_factors(jax.random.key(0), lm.config, lora.LoraConfig(rank=4))
    base = _logits(lm, lm.params, token_ids)
    np.testing.assert_allclose(_logits(lm, lora.with_factors(lm.params, fresh), token_ids), base, atol=1e-6)
    factors = _nonzero_factors(lm)
    unmerged = _logits(lm, lora.with_factors(lm.params, factors), token_ids)
    merged = _logits(lm, lora.merge(lm.params, factors), token_ids)
    assert np.max(np.abs(unmerged - base)) > 1e-2  # the adapter changes the outputs
    np.testing.assert_allclose(merged, unmerged, atol=1e-4)


def test_target_window_loss_equals_full_logits_loss(random_llama):
    lm = random_llama
    examples = [("def f(x):", "\n    return x * 2\n"), ("import jax\n\nclass A:", "\n    pass\n\n\nx = 1\n")]
    soft_prompt = lm.init_soft_prompt(jax.random.key(3), 2)
    losses = tuning.example_losses(lm, soft_prompt, examples)
    for (context, target), loss in zip(examples, losses, strict=True):
        context_ids, target_ids = lm.encode(context), lm.encode(target)
        ids = jnp.asarray([context_ids + target_ids], jnp.int32)
        inputs = jnp.concatenate([soft_prompt[None], model.embed_tokens(lm.params, ids)], axis=1)
        log_probs = jax.nn.log_softmax(model.forward(lm.config, lm.params, inputs)[0], axis=-1)
        positions = 2 + len(context_ids) + np.arange(len(target_ids)) - 1
        expected = -np.mean(np.asarray(log_probs)[positions, target_ids])
        np.testing.assert_allclose(loss, expected, rtol=1e-4)


def test_adapter_file_round_trip_and_load(random_llama, random_llama_dir, tmp_path):
    lm = random_llama
    factors = _nonzero_factors(lm)
    soft_prompt = lm.init_soft_prompt(jax.random.key(5), 3)
    path = str(tmp_path / "adapter.safetensors")
    lora.save_adapter(path, factors, soft_prompt, lm.identity, lora.LoraConfig(rank=3), {"steps": 7})
    adapter = lora.load_adapter(path)
    assert adapter.metadata["extra"] == {"steps": 7} and adapter.metadata["rank"] == "3"
    for name, value in factors.items():  # stored as bfloat16
        np.testing.assert_allclose(adapter.factors[name], np.asarray(value), rtol=1e-2, atol=1e-3)
    adapted = load(random_llama_dir, adapter=path)
    assert adapted.identity != lm.identity and adapted.identity.startswith(lm.identity)
    np.testing.assert_allclose(np.asarray(adapted.initial_soft_prompt), np.asarray(soft_prompt))
    token_ids = np.asarray([lm.encode("x = nn.Dense(features=10)(x)")], np.int32)
    expected = _logits(lm, lora.merge(lm.params, adapter.factors), token_ids)
    np.testing.assert_allclose(_logits(adapted, adapted.params, token_ids), expected, atol=1e-4)
    assert np.max(np.abs(expected - _logits(lm, lm.params, token_ids))) > 1e-2


def test_bad_adapters_are_refused(random_llama, random_llama_dir, tmp_path):
    missing = str(tmp_path / "none.safetensors")
    with pytest.raises(CheckpointError, match="does not exist"):
        load(random_llama_dir, adapter=missing)
    corrupt = tmp_path / "corrupt.safetensors"
    corrupt.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json")
    with pytest.raises(CheckpointError, match="not a readable safetensors"):
        load(random_llama_dir, adapter=str(corrupt))
    other = str(tmp_path / "other.safetensors")
    factors = _nonzero_factors(random_llama)
    lora.save_adapter(other, factors, None, "llama-someothermodel", lora.LoraConfig(rank=3))
    with pytest.raises(CheckpointError, match="trained for base model"):
        load(random_llama_dir, adapter=other)


def test_mixed_adapter_is_the_weighted_sum_of_its_inputs(random_llama, random_llama_dir, tmp_path):
    lm = random_llama
    paths = [str(tmp_path / f"adapter{i}.safetensors") for i in range(2)]
    for seed, path in enumerate(paths):
        factors = _nonzero_factors(lm, seed=2 * seed)
        lora.save_adapter(path, factors, None, lm.identity, lora.LoraConfig(rank=3))
    mixed_path = str(tmp_path / "mixed.safetensors")
    mix_adapters.mix_adapter_files(paths, [0.25, 0.75], mixed_path)
    mixed = lora.load_adapter(mixed_path)
    assert mixed.metadata["rank"] == "6"
    inputs = [lora.load_adapter(path) for path in paths]
    merged = lora.merge(lm.params, mixed.factors)["layers"]
    for name in lora.DEFAULT_TARGETS:
        deltas = [
            np.einsum("lir,lro->lio", a.factors[f"{name}_lora_a"], a.factors[f"{name}_lora_b"])
            for a in inputs
        ]
        expected = 0.25 * deltas[0] + 0.75 * deltas[1]
        achieved = np.asarray(merged[name]) - np.asarray(lm.params["layers"][name])
        scale = np.max(np.abs(expected))  # the mixed factors are stored as bfloat16 (8 bits of mantissa)
        assert scale > 1e-3 and np.max(np.abs(achieved - expected)) < 1e-2 * scale
    token_ids = np.asarray([lm.encode("x = nn.Dense(features=10)(x)")], np.int32)
    adapted = load(random_llama_dir, adapter=mixed_path)
    expected_logits = _logits(lm, lora.merge(lm.params, mixed.factors), token_ids)
    np.testing.assert_allclose(_logits(adapted, adapted.params, token_ids), expected_logits, atol=1e-4)
    other = str(tmp_path / "other.safetensors")
    lora.save_adapter(other, _nonzero_factors(lm), None, "llama-someothermodel", lora.LoraConfig(rank=3))
    with pytest.raises(CheckpointError, match="different base models"):
        mix_adapters.mix_adapter_files([paths[0], other], [0.5, 0.5], mixed_path)
    relative = str(tmp_path / "relative.safetensors")
    lora.save_adapter(
        relative, _nonzero_factors(lm), None, lm.identity, lora.LoraConfig(rank=3), {"relative_target": True}
    )
    with pytest.raises(CheckpointError, match="different target formats"):
        mix_adapters.mix_adapter_files([paths[0], relative], [0.5, 0.5], mixed_path)


def _adapt_settings(rank: int, layers_from: int):
    settings = ml_collections.ConfigDict()
    settings.lora = ml_collections.ConfigDict(
        {"rank": rank, "targets": lora.DEFAULT_TARGETS, "layers_from": layers_from}
    )
    settings.soft_prompt_length = 0
    return settings


def test_training_can_start_from_an_adapter_of_the_upper_layers(random_llama, tmp_path):
    lm = random_llama
    top = lm.config.num_layers - 1
    trained = _nonzero_factors(lm)  # every layer adapted, rank 3
    upper_only = {name: value.at[:top].set(0.0) for name, value in trained.items()}
    path = str(tmp_path / "upper.safetensors")
    lora.save_adapter(path, upper_only, None, lm.identity, lora.LoraConfig(rank=3))
    start = lora.load_adapter(path)
    key = jax.random.key(5)

    trainable = adapter_training.initial_trainable(lm, _adapt_settings(3, top), key, start)
    for name, value in trainable["factors"].items():  # exactly the file's top layer (bfloat16 in the file)
        np.testing.assert_array_equal(np.asarray(value), start.factors[name][top:])
    token_ids = np.asarray([lm.encode("x = nn.Dense(features=8)(x)")], np.int32)
    padded = lora.pad_layers(trainable["factors"], top)
    np.testing.assert_allclose(
        _logits(lm, lora.with_factors(lm.params, padded), token_ids),
        _logits(lm, lora.merge(lm.params, start.factors), token_ids),
        atol=1e-4,
    )

    # Starting lower than the file adapts: its unadapted layers get fresh A factors (A = B = 0 would never train).
    wider = adapter_training.initial_trainable(lm, _adapt_settings(3, top - 1), key, start)
    assert all(np.any(np.asarray(v[0])) for n, v in wider["factors"].items() if n.endswith("_lora_a"))
    assert all(not np.any(np.asarray(v[0])) for n, v in wider["factors"].items() if n.endswith("_lora_b"))

    with pytest.raises(ValueError, match="rank"):
        adapter_training.initial_trainable(lm, _adapt_settings(4, top), key, start)
    everywhere = str(tmp_path / "every_layer.safetensors")
    lora.save_adapter(everywhere, trained, None, lm.identity, lora.LoraConfig(rank=3))
    with pytest.raises(ValueError, match="below lora.layers_from"):
        adapter_training.initial_trainable(lm, _adapt_settings(3, top), key, lora.load_adapter(everywhere))


def test_a_search_samples_with_the_adapter_its_config_names(random_llama, random_llama_dir, tmp_path):
    from evojax_nas.search import SearchError
    from evojax_nas.search.runner import load_language_model
    from tests.conftest import load_config

    path = str(tmp_path / "adapter.safetensors")
    lora.save_adapter(
        path, _nonzero_factors(random_llama), None, random_llama.identity, lora.LoraConfig(rank=3)
    )
    config = load_config("mnist1d", "smoke")
    config.lm.checkpoint = random_llama_dir
    config.lm.adapter = path
    adapted = load_language_model(config)
    assert adapted.adapter_path == path and adapted.identity.startswith(f"{random_llama.identity}+lora-")
    config.lm.checkpoint = "default"
    with pytest.raises(SearchError, match="already includes its adapter"):
        load_language_model(config)
    config.lm.checkpoint, config.lm.adapter = random_llama_dir, str(tmp_path / "missing.safetensors")
    with pytest.raises(SearchError, match="does not exist"):
        load_language_model(config)
