"""Parity with transformers' PyTorch models: logits within 1e-4 and identical 32-token greedy continuations."""

import functools

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from conftest import corpus_text, save_tiny_model

from evojax_nas.lm import load, model, sampling

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

LLAMA3_ROPE = {
    "rope_type": "llama3",
    "rope_theta": 5e5,
    "factor": 8.0,
    "low_freq_factor": 1.0,
    "high_freq_factor": 4.0,
    "original_max_position_embeddings": 32,
}
CASES = {
    "llama_gqa_theta5e5": ("llama", {}, "10GB"),
    "llama3_rope_scaling": ("llama", {"rope_parameters": LLAMA3_ROPE}, "10GB"),
    "llama_sharded_save": ("llama", {}, "60KB"),
    "qwen2_bias_tied": ("qwen2", {}, "10GB"),
    "gpt2": ("gpt2", {}, "10GB"),
}
NUM_NEW = 32


@pytest.fixture(scope="module", params=sorted(CASES))
def pair(request, tmp_path_factory, tiny_tokenizer):
    kind, overrides, shard = CASES[request.param]
    folder = str(tmp_path_factory.mktemp(request.param))
    save_tiny_model(folder, kind, tiny_tokenizer, max_shard_size=shard, **overrides)
    reference = transformers.AutoModelForCausalLM.from_pretrained(folder).eval()
    return request.param, folder, reference, load(folder)


@pytest.fixture(scope="module")
def prompt_ids(tiny_tokenizer):
    return tiny_tokenizer.encode(corpus_text()[:3000], add_special_tokens=False)[:96]


def test_sharded_checkpoint_really_is_sharded(pair):
    name, folder, _, _ = pair
    import os

    has_index = os.path.isfile(os.path.join(folder, "model.safetensors.index.json"))
    assert has_index == (name == "llama_sharded_save")


def test_logits_match_transformers(pair, prompt_ids):
    name, _, reference, lm = pair
    with torch.no_grad():
        expected = reference(torch.tensor([prompt_ids])).logits[0].numpy()
    ours = np.asarray(model.forward(lm.config, lm.params, lm.embed(prompt_ids)[None]))[0]
    assert np.max(np.abs(ours - expected)) <= 1e-4, name


@functools.partial(jax.jit, static_argnames=("config", "num_new"))
def _greedy_without_cache(config, params, ids, length, num_new):
    """Greedy decoding that re-runs the whole (fixed-size, right-padded) sequence for every new token."""

    def step(carry, _):
        ids, length = carry
        valid = jnp.arange(ids.shape[0]) < length
        logits = model.forward(config, params, model.embed_tokens(params, ids)[None], valid=valid[None])[0]
        token = jnp.argmax(logits[length - 1]).astype(ids.dtype)
        return (ids.at[length].set(token), length + 1), token

    _, tokens = jax.lax.scan(step, (ids, length), None, length=num_new)
    return tokens


def test_greedy_continuations_match_transformers(pair, prompt_ids):
    name, _, reference, lm = pair
    prompt = prompt_ids[:40]
    expected = {}
    for use_cache in (True, False):
        out = reference.generate(
            torch.tensor([prompt]),
            max_new_tokens=NUM_NEW,
            min_new_tokens=NUM_NEW,
            do_sample=False,
            use_cache=use_cache,
            pad_token_id=0,
        )
        expected[use_cache] = out[0, len(prompt) :].tolist()
    assert expected[True] == expected[False]
    tokens, counts, _ = sampling.generate_tokens(
        lm,
        [lm.embed(prompt)],
        num_samples_per_prompt=2,
        temperatures=0.0,
        key=jax.random.key(0),
        max_new_tokens=NUM_NEW,
        stop_token_ids=(),
    )
    assert counts.tolist() == [NUM_NEW, NUM_NEW]
    assert tokens[0].tolist() == expected[True], name
    assert tokens[1].tolist() == expected[True], name
    buffer = np.zeros(len(prompt) + NUM_NEW, np.int32)
    buffer[: len(prompt)] = prompt
    no_cache = _greedy_without_cache(lm.config, lm.params, jnp.asarray(buffer), len(prompt), NUM_NEW)
    assert np.asarray(no_cache).tolist() == expected[True], name
