"""The attentions of the decoder's entry points (`model.py`): causal self-attention, and the two cached decode
attentions that read a prompt cache shared by groups of rows and each row's own cache of generated tokens.

An attention function receives q `[B, T, K, G, hd]` (already scaled), k and v `[B, T, K, hd]` of the new tokens,
and the layer index (to read its own slice of a cache); it returns the attended values `[B, T, K, G, hd]`.

The cached attentions are split into three parts merged with a running log-sum-exp: the shared prompt cache
(one matmul per prompt over all its rows), the filled chunks of the row's own cache (a loop over only the chunks
that hold tokens, so early steps do not read the empty slots), and the new tokens themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp

from evojax_nas.lm.config import ModelConfig

AttentionFn = Callable[[jax.Array, jax.Array, jax.Array, Any], jax.Array]
GENERATED_CHUNK = 32  # slots of the generated-token cache attended per inner-loop iteration
_MASKED = -1e30


def allowed(config: ModelConfig, q_pos: jax.Array, k_pos: jax.Array, k_valid: jax.Array) -> jax.Array:
    """Which keys each query may see: valid, not in the future, and inside the sliding window if any."""
    mask = k_valid & (k_pos <= q_pos)
    if config.sliding_window is not None:
        mask &= q_pos - k_pos < config.sliding_window
    return mask


def causal_attention(config: ModelConfig, positions: jax.Array, valid: jax.Array) -> AttentionFn:
    """All tokens attend causally to each other; `valid` `[B, T]` masks padding keys."""

    def attention(q, k, v, layer):
        del layer
        scores = jnp.einsum("btkgd,bskd->bkgts", q, k, preferred_element_type=jnp.float32)
        mask = allowed(config, positions[:, :, None], positions[:, None, :], valid[:, None, :])
        scores = jnp.where(mask[:, None, None], scores, _MASKED)
        probs = jax.nn.softmax(scores, axis=-1).astype(v.dtype)
        return jnp.einsum("bkgts,bskd->btkgd", probs, v)

    return attention


def _generated_chunk(generated_cache, layer, start) -> tuple[jax.Array, jax.Array]:
    """Keys and values of one layer's `GENERATED_CHUNK` generated-token slots from `start` on."""
    return tuple(
        jax.lax.dynamic_slice(
            c, (layer, 0, 0, start, 0), (1,) + c.shape[1:3] + (GENERATED_CHUNK, c.shape[4])
        )[0]
        for c in generated_cache
    )


def _online_softmax_step(carry, scores, values, spec: str, dtype):
    """Folds one chunk of (masked) attention scores and its values into the running (max, total, output) of a
    streaming softmax; `spec` is the einsum that weights the values."""
    running_max, total, out = carry
    new_max = jnp.maximum(running_max, jnp.max(scores, axis=-1))
    rescale = jnp.exp(running_max - new_max)
    e = jnp.exp(scores - new_max[..., None])
    total = total * rescale + jnp.sum(e, axis=-1)
    out = out * rescale[..., None] + jnp.einsum(
        spec, e.astype(dtype), values, preferred_element_type=jnp.float32
    )
    return new_max, total, out


def _layer_prefix(prefix_cache: tuple[jax.Array, jax.Array], layer) -> tuple[jax.Array, jax.Array]:
    """One layer's keys and values of the shared prompt cache `[P, K, S, hd]`."""
    return tuple(jax.lax.dynamic_index_in_dim(c, layer, keepdims=False) for c in prefix_cache)


def one_token_attention(
    config: ModelConfig,
    q_pos: jax.Array,
    prefix_cache: tuple[jax.Array, jax.Array],
    prefix_positions: jax.Array,
    prefix_valid: jax.Array,
    generated_cache: tuple[jax.Array, jax.Array],
    step: jax.Array,
) -> AttentionFn:
    """`model.decode_step`'s attention: one new token per row at position `q_pos` `[B]`, whose generated cache
    holds `step` earlier tokens (the same number in every row)."""
    num_prompts = prefix_positions.shape[0]
    batch = q_pos.shape[0]
    rows_per_prompt = batch // num_prompts
    prefix_allowed = allowed(
        config,
        q_pos.reshape(num_prompts, rows_per_prompt, 1),
        prefix_positions[:, None, :],
        prefix_valid[:, None],
    ).reshape(batch, 1, 1, -1)
    num_chunks = (step + GENERATED_CHUNK - 1) // GENERATED_CHUNK

    def attention(q, k, v, layer):
        prefix_k, prefix_v = _layer_prefix(prefix_cache, layer)
        q = q[:, 0]  # [B, K, G, hd]
        grouped_q = q.reshape((num_prompts, rows_per_prompt) + q.shape[1:])
        s_prefix = jnp.einsum("pnkgd,pksd->pnkgs", grouped_q, prefix_k, preferred_element_type=jnp.float32)
        s_prefix = jnp.where(prefix_allowed, s_prefix.reshape((batch,) + s_prefix.shape[2:]), _MASKED)
        s_self = jnp.einsum("bkgd,bkd->bkg", q, k[:, 0], preferred_element_type=jnp.float32)
        running_max = jnp.maximum(jnp.max(s_prefix, axis=-1), s_self)
        e_prefix = jnp.exp(s_prefix - running_max[..., None])
        e_self = jnp.exp(s_self - running_max)
        total = jnp.sum(e_prefix, axis=-1) + e_self
        e_grouped = e_prefix.reshape((num_prompts, rows_per_prompt) + e_prefix.shape[1:]).astype(v.dtype)
        out = jnp.einsum("pnkgs,pksd->pnkgd", e_grouped, prefix_v, preferred_element_type=jnp.float32)
        out = out.reshape(q.shape) + e_self[..., None] * v[:, 0, :, None, :]

        def chunk(index, carry):
            start = index * GENERATED_CHUNK
            k_chunk, v_chunk = _generated_chunk(generated_cache, layer, start)
            slots = start + jnp.arange(GENERATED_CHUNK)
            mask = allowed(config, q_pos[:, None], q_pos[:, None] - step + slots, slots[None] < step)
            scores = jnp.einsum("bkgd,bksd->bkgs", q, k_chunk, preferred_element_type=jnp.float32)
            scores = jnp.where(mask[:, None, None], scores, _MASKED)
            return _online_softmax_step(carry, scores, v_chunk, "bkgs,bksd->bkgd", v.dtype)

        _, total, out = jax.lax.fori_loop(0, num_chunks, chunk, (running_max, total, out))
        return (out / total[..., None]).astype(v.dtype)[:, None]

    return attention


def _attend_new_and_prefix(q, k, v, prefix, prefix_allowed, new_allowed, num_prompts: int):
    """The running (max, total, output) after the prompt cache and the new tokens, for q `[B, T, K, G, hd]`."""
    prefix_k, prefix_v = prefix
    batch = q.shape[0]
    rows_per_prompt = batch // num_prompts
    grouped_q = q.reshape((num_prompts, rows_per_prompt) + q.shape[1:])  # [P, n, T, K, G, hd]
    s_prefix = jnp.einsum("pntkgd,pksd->pnkgts", grouped_q, prefix_k, preferred_element_type=jnp.float32)
    s_prefix = jnp.where(prefix_allowed, s_prefix.reshape((batch,) + s_prefix.shape[2:]), _MASKED)
    s_new = jnp.einsum("btkgd,bskd->bkgts", q, k, preferred_element_type=jnp.float32)
    s_new = jnp.where(new_allowed, s_new, _MASKED)
    running_max = jnp.maximum(jnp.max(s_prefix, axis=-1), jnp.max(s_new, axis=-1))  # [B, K, G, T]
    e_prefix = jnp.exp(s_prefix - running_max[..., None])
    e_new = jnp.exp(s_new - running_max[..., None])
    total = jnp.sum(e_prefix, axis=-1) + jnp.sum(e_new, axis=-1)
    e_grouped = e_prefix.reshape((num_prompts, rows_per_prompt) + e_prefix.shape[1:]).astype(v.dtype)
    out = jnp.einsum("pnkgts,pksd->pnkgtd", e_grouped, prefix_v, preferred_element_type=jnp.float32)
    out = out.reshape(e_prefix.shape[:-1] + (q.shape[-1],)) + jnp.einsum(
        "bkgts,bskd->bkgtd", e_new.astype(v.dtype), v, preferred_element_type=jnp.float32
    )
    return running_max, total, out


def several_tokens_attention(
    config: ModelConfig,
    positions: jax.Array,
    prefix_cache: tuple[jax.Array, jax.Array],
    prefix_positions: jax.Array,
    prefix_valid: jax.Array,
    generated_cache: tuple[jax.Array, jax.Array],
    filled: jax.Array,
) -> AttentionFn:
    """`model.decode_tokens`'s attention: `T` new tokens per row at consecutive `positions` `[B, T]`, row `b`'s
    generated cache holding `filled[b]` earlier tokens; token `t` also attends causally to new tokens `0..t`."""
    batch, length = positions.shape
    num_prompts = prefix_positions.shape[0]
    prefix_allowed = allowed(
        config,
        positions.reshape(num_prompts, batch // num_prompts, length, 1),
        prefix_positions[:, None, None, :],
        prefix_valid[:, None, None, :],
    ).reshape(batch, 1, 1, length, -1)
    new_allowed = allowed(
        config, positions[:, :, None], positions[:, None, :], jnp.ones((batch, 1, length), bool)
    )[:, None, None]  # [B, 1, 1, T, T]
    slot0_position = positions[:, 0] - filled  # the position of generated slot 0 of each row
    num_chunks = (jnp.max(filled) + GENERATED_CHUNK - 1) // GENERATED_CHUNK

    def attention(q, k, v, layer):
        prefix = _layer_prefix(prefix_cache, layer)
        carry = _attend_new_and_prefix(q, k, v, prefix, prefix_allowed, new_allowed, num_prompts)

        def chunk(index, carry):
            start = index * GENERATED_CHUNK
            k_chunk, v_chunk = _generated_chunk(generated_cache, layer, start)
            slots = start + jnp.arange(GENERATED_CHUNK)
            mask = allowed(
                config,
                positions[:, :, None],
                (slot0_position[:, None] + slots[None])[:, None, :],
                (slots[None] < filled[:, None])[:, None, :],
            )  # [B, T, C]
            scores = jnp.einsum("btkgd,bksd->bkgts", q, k_chunk, preferred_element_type=jnp.float32)
            scores = jnp.where(mask[:, None, None], scores, _MASKED)
            return _online_softmax_step(carry, scores, v_chunk, "bkgts,bksd->bkgtd", v.dtype)

        _, total, out = jax.lax.fori_loop(0, num_chunks, chunk, carry)
        return (out / total[..., None]).astype(v.dtype).transpose(0, 3, 1, 2, 4)  # [B, T, K, G, hd]

    return attention
