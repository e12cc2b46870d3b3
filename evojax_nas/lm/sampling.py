"""Batched, KV-cached sampling: each prompt prefilled once at batch 1, its cache shared by its n samples.

Shapes are bucketed so a search does not recompile every round: prompts (soft prompt + text) are left-padded to
a multiple of `prompt_bucket` tokens and the decode loop always has room for `max_new_tokens`. Decoding is one
jitted `lax.while_loop` (it stops early once every row has produced a stop token). Rows are placed on the
mesh's 'data' axis. Each row's random stream is derived from the caller's key, the prompt index and the sample
index only, so results do not depend on the batch layout or the number of devices.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh

from evojax_nas.lm import model, sharding
from evojax_nas.lm.config import ModelConfig
from evojax_nas.lm.language_model import LanguageModel

FINISHED_BY_EOS = "eos"
FINISHED_BY_STOP_STRING = "stop_string"
FINISHED_BY_LENGTH = "length"


@dataclasses.dataclass(frozen=True)
class Sample:
    """One sampled continuation: its text (cut before any stop string), the number of tokens it kept, why it
    ended ('eos', 'stop_string' or 'length'), and its temperature."""

    text: str
    num_tokens: int
    finished_by: str
    temperature: float


def sample_token(
    logits: jax.Array, temperatures: jax.Array, top_p: jax.Array, keys: jax.Array, top_k: int
) -> jax.Array:
    """Draws one token per row from `logits` `[B, V]`: nucleus (top-p) sampling inside the top-k logits at each
    row's temperature; rows with temperature 0 take the argmax."""
    # The barrier keeps XLA:CPU from fusing the consumers into the sort, which would stop it from rewriting
    # the sort into its fast TopK kernel (a full 49k-entry sort per row costs ~100x more).
    top_logits, top_ids = jax.lax.optimization_barrier(jax.lax.top_k(logits, top_k))
    scaled = top_logits / jnp.maximum(temperatures, 1e-6)[:, None]
    probs = jax.nn.softmax(scaled, axis=-1)
    keep = (jnp.cumsum(probs, axis=-1) - probs) < top_p[:, None]  # the first token is always kept
    choice = jax.vmap(jax.random.categorical)(keys, jnp.where(keep, scaled, -jnp.inf))
    sampled = jnp.take_along_axis(top_ids, choice[:, None], axis=1)[:, 0]
    return jnp.where(temperatures > 0, sampled, top_ids[:, 0]).astype(jnp.int32)


@functools.partial(jax.jit, static_argnames=("config",))
def _prefill(config: ModelConfig, params, embeds, positions, valid):
    hidden, (k, v) = model.prefill(config, params, embeds, positions, valid)
    return k, v, model.logits_from_hidden(config, params, hidden[:, -1])


def _constrain_rows(x, mesh: Mesh | None, axis: int = 0):
    if mesh is None:
        return x
    return jax.lax.with_sharding_constraint(x, sharding.rows(mesh, x.ndim, axis))


@functools.partial(jax.jit, static_argnames=("config", "max_new_tokens", "top_k", "mesh"))
def _decode(
    config: ModelConfig,
    params,
    prefix_k,
    prefix_v,
    prefix_positions,
    prefix_valid,
    prefix_lengths,
    first_logits,
    temperatures,
    top_p,
    prompt_index,
    sample_index,
    key,
    stop_ids,
    *,
    max_new_tokens: int,
    top_k: int,
    mesh: Mesh | None,
):
    """Samples `max_new_tokens` tokens for every row; returns tokens `[B, M]`, counts `[B]`, EOS flags `[B]`."""
    batch = temperatures.shape[0]
    row_keys = jax.vmap(lambda p, s: jax.random.fold_in(jax.random.fold_in(key, p), s))(
        prompt_index, sample_index
    )
    cache_slots = -(-max_new_tokens // model.GENERATED_CHUNK) * model.GENERATED_CHUNK
    cache_shape = (config.num_layers, batch, config.num_kv_heads, cache_slots, config.head_dim)
    gen_k = _constrain_rows(jnp.zeros(cache_shape, params["embed"].dtype), mesh, 1)
    gen_v = _constrain_rows(jnp.zeros(cache_shape, params["embed"].dtype), mesh, 1)
    logits = _constrain_rows(first_logits[prompt_index], mesh)
    positions = (prefix_lengths[prompt_index])[:, None]
    state = (
        jnp.int32(0),
        _constrain_rows(jnp.zeros((batch, max_new_tokens), jnp.int32), mesh),
        gen_k,
        gen_v,
        logits,
        jnp.zeros((batch,), bool),  # done
        jnp.zeros((batch,), jnp.int32),  # tokens kept (stop token excluded)
    )

    def cond(state):
        step, *_, done, _ = state
        return (step < max_new_tokens) & ~jnp.all(done)

    def body(state):
        step, tokens, gen_k, gen_v, logits, done, num_tokens = state
        step_keys = jax.vmap(jax.random.fold_in, in_axes=(0, None))(row_keys, step)
        with jax.named_scope("sampling"):
            token = sample_token(logits, temperatures, top_p, step_keys, top_k)
        token = jnp.where(done, 0, token)
        tokens = jax.lax.dynamic_update_slice(tokens, token[:, None], (0, step))
        is_stop = jnp.any(token[:, None] == stop_ids[None, :], axis=1)
        num_tokens = num_tokens + (~done & ~is_stop)
        done = done | is_stop
        embeds = model.embed_tokens(params, token)[:, None]
        logits, (k_new, v_new) = model.decode_step(
            config,
            params,
            embeds,
            positions + step,
            (prefix_k, prefix_v),
            prefix_positions,
            prefix_valid,
            (gen_k, gen_v),
            step,
        )
        with jax.named_scope("cache_write"):
            gen_k = jax.lax.dynamic_update_slice(gen_k, k_new.astype(gen_k.dtype), (0, 0, 0, step, 0))
            gen_v = jax.lax.dynamic_update_slice(gen_v, v_new.astype(gen_v.dtype), (0, 0, 0, step, 0))
        return step + 1, tokens, gen_k, gen_v, _constrain_rows(logits, mesh), done, num_tokens

    _, tokens, _, _, _, done, num_tokens = jax.lax.while_loop(cond, body, state)
    return tokens, num_tokens, done


def _bucket(length: int, bucket: int) -> int:
    return max(bucket, -(-length // bucket) * bucket)


def generate_tokens(
    lm: LanguageModel,
    prompt_embeddings: Sequence[jax.Array],
    *,
    num_samples_per_prompt: int,
    temperatures,
    key: jax.Array,
    top_p: float | Sequence[float] = 1.0,
    top_k: int = 64,
    max_new_tokens: int = 256,
    stop_token_ids: Sequence[int] | None = None,
    prompt_bucket: int = 64,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Samples token ids continuing already-embedded prompts (`[len_i, d_model]` each, soft prompt included).

    Rows are prompt-major (`row = prompt * n + sample`) and `temperatures` (and `top_p`, if a sequence) has
    one entry per row. Returns tokens `[rows, max_new_tokens]`, the number of tokens before the stop token
    `[rows]`, and whether each row produced a stop token `[rows]`.
    """
    config, params, mesh = lm.config, lm.params, lm.mesh
    num_prompts, n = len(prompt_embeddings), num_samples_per_prompt
    rows = num_prompts * n
    temperatures = np.broadcast_to(np.asarray(temperatures, np.float32), (rows,))
    top_p = np.broadcast_to(np.asarray(top_p, np.float32), (rows,))
    if num_prompts == 0 or n < 1:
        raise ValueError("sampling needs at least one prompt and num_samples_per_prompt >= 1.")
    if np.any(temperatures < 0):
        raise ValueError("temperatures must be >= 0 (0 means greedy).")
    lengths = [int(e.shape[0]) for e in prompt_embeddings]
    if min(lengths) < 1:
        raise ValueError("every prompt needs at least one token or soft-prompt vector.")
    padded_len = _bucket(max(lengths), prompt_bucket)
    if padded_len + max_new_tokens > config.max_positions and config.family == "gpt2":
        raise ValueError(
            f"prompt ({max(lengths)} tokens) plus max_new_tokens ({max_new_tokens}) exceeds the model's "
            f"{config.max_positions} positions."
        )
    # Prefill each prompt once, at batch 1, left-padded to the bucket (pads are masked keys).
    replicated = sharding.replicated(mesh)
    ks, vs, first_logits, prefix_positions, prefix_valid = [], [], [], [], []
    for embedding, length in zip(prompt_embeddings, lengths, strict=True):
        pad = padded_len - length
        embeds = jnp.pad(jnp.asarray(embedding, params["embed"].dtype), ((pad, 0), (0, 0)))[None]
        positions = np.maximum(np.arange(padded_len) - pad, 0)[None].astype(np.int32)
        valid = (np.arange(padded_len) >= pad)[None]
        k, v, logits = _prefill(config, params, embeds, positions, valid)
        ks.append(k)
        vs.append(v)
        first_logits.append(logits)
        prefix_positions.append(positions)
        prefix_valid.append(valid)
    # Pad the samples per prompt so the rows split evenly over the 'data' axis; extra rows are dropped.
    data = sharding.data_size(mesh)
    step = data // math.gcd(num_prompts, data)
    n_padded = -(-n // step) * step
    prompt_index = np.repeat(np.arange(num_prompts, dtype=np.int32), n_padded)
    sample_index = np.tile(np.arange(n_padded, dtype=np.int32), num_prompts)
    kept = sample_index < n
    row_of = prompt_index * n + np.minimum(sample_index, n - 1)
    row_temperatures = np.where(kept, temperatures[row_of], 0.0).astype(np.float32)
    row_top_p = top_p[row_of]
    stop_ids = lm.stop_token_ids if stop_token_ids is None else tuple(stop_token_ids)
    put_rows = lambda x: jax.device_put(x, sharding.rows(mesh, np.ndim(x)))  # noqa: E731
    tokens, num_tokens, stopped = _decode(
        config,
        params,
        jax.device_put(jnp.concatenate(ks, axis=1), replicated),
        jax.device_put(jnp.concatenate(vs, axis=1), replicated),
        jax.device_put(np.concatenate(prefix_positions), replicated),
        jax.device_put(np.concatenate(prefix_valid), replicated),
        jax.device_put(np.asarray(lengths, np.int32), replicated),
        jax.device_put(jnp.concatenate(first_logits), replicated),
        put_rows(row_temperatures),
        put_rows(row_top_p),
        put_rows(prompt_index),
        put_rows(sample_index),
        key,
        jnp.asarray(np.asarray(stop_ids or (-1,), np.int32)),
        max_new_tokens=max_new_tokens,
        top_k=min(top_k, config.vocab_size),
        mesh=mesh if data > 1 else None,
    )
    tokens, num_tokens, stopped = (np.asarray(jax.device_get(x))[kept] for x in (tokens, num_tokens, stopped))
    return tokens, num_tokens, stopped


def _cut_at_stop_strings(
    lm: LanguageModel, ids: np.ndarray, stop_strings: Sequence[str]
) -> tuple[str, int] | None:
    """The text before the earliest stop string and the number of whole tokens inside it; None if absent."""
    text = lm.decode(ids)
    cuts = [text.find(s) for s in stop_strings if s and s in text]
    if not cuts:
        return None
    cut = min(cuts)
    low, high = 0, len(ids)  # the most tokens whose text ends at or before the cut
    while low < high:
        mid = (low + high + 1) // 2
        if len(lm.decode(ids[:mid])) <= cut:
            low = mid
        else:
            high = mid - 1
    return text[:cut], low


def sample_embedded(
    lm: LanguageModel,
    prompt_embeddings: Sequence[jax.Array],
    *,
    num_samples_per_prompt: int,
    temperatures,
    key: jax.Array,
    top_p: float | Sequence[float] = 1.0,
    top_k: int = 64,
    max_new_tokens: int = 256,
    stop_strings: Sequence[str] = (),
    stop_token_ids: Sequence[int] | None = None,
    prompt_bucket: int = 64,
) -> list[list[Sample]]:
    """Like `sample`, for prompts given as embeddings `[len_i, d_model]` (soft prompt already prepended)."""
    tokens, num_tokens, stopped = generate_tokens(
        lm,
        prompt_embeddings,
        num_samples_per_prompt=num_samples_per_prompt,
        temperatures=temperatures,
        key=key,
        top_p=top_p,
        top_k=top_k,
        max_new_tokens=max_new_tokens,
        stop_token_ids=stop_token_ids,
        prompt_bucket=prompt_bucket,
    )
    temperatures = np.broadcast_to(np.asarray(temperatures, np.float32), (len(tokens),))
    results: list[list[Sample]] = []
    for row, ids in enumerate(tokens):
        ids = ids[: num_tokens[row]]
        finished_by = FINISHED_BY_EOS if stopped[row] else FINISHED_BY_LENGTH
        cut = _cut_at_stop_strings(lm, ids, stop_strings)
        if cut is not None:
            text, count, finished_by = cut[0], cut[1], FINISHED_BY_STOP_STRING
        else:
            text, count = lm.decode(ids), len(ids)
        if row % num_samples_per_prompt == 0:
            results.append([])
        results[-1].append(Sample(text, int(count), finished_by, float(temperatures[row])))
    return results


def prompt_embedding(lm: LanguageModel, soft_prompt: jax.Array | None, prompt: str) -> jax.Array:
    """The embedded model input for a text prompt: `[soft prompt; token embeddings]` `[P + len, d_model]`."""
    ids = lm.encode(prompt)
    parts = [] if soft_prompt is None else [jnp.asarray(soft_prompt, lm.params["embed"].dtype)]
    if ids:
        parts.append(lm.embed(ids))
    if not parts:
        raise ValueError("an empty prompt needs a soft prompt (there is nothing to continue).")
    return jnp.concatenate(parts, axis=0)


def sample(
    lm: LanguageModel,
    soft_prompt: jax.Array | None,
    prompts: Sequence[str],
    *,
    num_samples_per_prompt: int,
    temperatures,
    key: jax.Array,
    top_p: float | Sequence[float] = 0.95,
    top_k: int = 64,
    max_new_tokens: int = 256,
    stop_strings: Sequence[str] = (),
    stop_token_ids: Sequence[int] | None = None,
    prompt_bucket: int = 64,
) -> list[list[Sample]]:
    """Samples `num_samples_per_prompt` continuations of every prompt, with an optional soft prompt.

    `temperatures` has one entry per sample (`len(prompts) * n`, prompt-major) or is a scalar; 0 is greedy.
    Tokens come from top-p inside the `top_k` most likely tokens. A sample ends at a stop token (the model's
    EOS ids unless `stop_token_ids` is given), at `max_new_tokens`, or is cut before the first stop string.
    Deterministic for a given `key`. Returns one list of `Sample`s per prompt.
    """
    embeddings = [prompt_embedding(lm, soft_prompt, p) for p in prompts]
    return sample_embedded(
        lm,
        embeddings,
        num_samples_per_prompt=num_samples_per_prompt,
        temperatures=temperatures,
        key=key,
        top_p=top_p,
        top_k=top_k,
        max_new_tokens=max_new_tokens,
        stop_strings=stop_strings,
        stop_token_ids=stop_token_ids,
        prompt_bucket=prompt_bucket,
    )
