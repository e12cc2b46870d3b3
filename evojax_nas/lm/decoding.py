"""The jitted pieces of sampling below the text API: drawing a token, prefilling a prompt, the plain decode loop.

Rows are prompt-major copies of the prefilled prompts (`PromptCache`), each with its own temperature, top-p and
random stream (`Rows`). `decode` is one `lax.while_loop` that draws a token per row per step and stops early
once every row has produced a stop token or completed a stop sequence; `speculative.decode_speculative` is its
speculative twin. Both draw each row's randomness from the caller's key, the prompt index and the sample index
only, so ending a row early never changes another row's tokens.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax.sharding import Mesh

from evojax_nas.lm import attention, model, sharding
from evojax_nas.lm.config import ModelConfig


class PromptCache(NamedTuple):
    """The prefilled prompts, shared by their rows: keys and values `[L, P, K, S, hd]`, positions and validity of
    the left-padded prompt slots `[P, S]`, prompt lengths `[P]` and the logits after each prompt `[P, V]`."""

    k: jax.Array
    v: jax.Array
    positions: jax.Array
    valid: jax.Array
    lengths: jax.Array
    first_logits: jax.Array


class Rows(NamedTuple):
    """Per-row sampling settings `[B]`: temperature, top-p, and the prompt and sample index of the row."""

    temperatures: jax.Array
    top_p: jax.Array
    prompt_index: jax.Array
    sample_index: jax.Array


def target_distribution(
    logits: jax.Array, temperatures: jax.Array, top_p: jax.Array, top_k: int
) -> tuple[jax.Array, jax.Array]:
    """The distribution `sample_token` draws from, for logits `[N, V]`: the candidate ids `[N, top_k]` (most
    likely first) and their log-weights `[N, top_k]` (temperature-scaled logits, -inf outside the top-p
    nucleus). For rows of temperature 0 only the first candidate (the argmax) counts."""
    # The barrier keeps XLA:CPU from fusing the consumers into the sort, which would stop it from rewriting
    # the sort into its fast TopK kernel (a full 49k-entry sort per row costs ~100x more).
    top_logits, top_ids = jax.lax.optimization_barrier(jax.lax.top_k(logits, top_k))
    scaled = top_logits / jnp.maximum(temperatures, 1e-6)[:, None]
    probs = jax.nn.softmax(scaled, axis=-1)
    keep = (jnp.cumsum(probs, axis=-1) - probs) < top_p[:, None]  # the first token is always kept
    return top_ids, jnp.where(keep, scaled, -jnp.inf)


def sample_token(
    logits: jax.Array, temperatures: jax.Array, top_p: jax.Array, keys: jax.Array, top_k: int
) -> jax.Array:
    """Draws one token per row from `logits` `[B, V]`: nucleus (top-p) sampling inside the top-k logits at each
    row's temperature; rows with temperature 0 take the argmax."""
    top_ids, log_weights = target_distribution(logits, temperatures, top_p, top_k)
    choice = jax.vmap(jax.random.categorical)(keys, log_weights)
    sampled = jnp.take_along_axis(top_ids, choice[:, None], axis=1)[:, 0]
    return jnp.where(temperatures > 0, sampled, top_ids[:, 0]).astype(jnp.int32)


def penalize_copies(
    logits: jax.Array,
    expected: jax.Array,
    on_copy: jax.Array,
    penalty: jax.Array | float,
    below: jax.Array | float = 1.0,
) -> jax.Array:
    """`logits` `[B, V]` with `penalty` subtracted from every token that would go on reproducing an avoided
    sequence verbatim, where the model gives that token a probability below `below` (at temperature 1: a point
    where it considers writing something else; 1.0: everywhere): `expected` `[B, A]` is each avoided sequence's
    next token (-1 past its end), `on_copy` `[B, A]` whether the row has reproduced that sequence so far. The
    penalty acts before the temperature, so it weighs most in cold rows, which copy most."""
    rows = jnp.arange(logits.shape[0])[:, None]
    safe = jnp.maximum(expected, 0)
    log_probs = logits[rows, safe] - jax.nn.logsumexp(logits, axis=-1, keepdims=True)
    active = (on_copy & (expected >= 0) & (log_probs < jnp.log(below))).astype(logits.dtype)
    hit = jnp.zeros_like(logits).at[rows, safe].max(active)
    return logits - penalty * hit


@functools.partial(jax.jit, static_argnames=("config",))
def prefill(config: ModelConfig, params, embeds, positions, valid):
    """One prompt's keys and values `[L, 1, K, S, hd]` and the logits after its last position `[1, V]`."""
    hidden, (k, v) = model.prefill(config, params, embeds, positions, valid)
    return k, v, model.logits_from_hidden(config, params, hidden[:, -1])


def constrain_rows(x: jax.Array, mesh: Mesh | None, axis: int = 0) -> jax.Array:
    """`x` with its `axis` (the rows) placed on the mesh's 'data' axis; unchanged without a mesh."""
    if mesh is None:
        return x
    return jax.lax.with_sharding_constraint(x, sharding.rows(mesh, x.ndim, axis))


def row_keys(key: jax.Array, rows: Rows) -> jax.Array:
    """Each row's random key, from the caller's key, the row's prompt index and its sample index only."""
    return jax.vmap(lambda p, s: jax.random.fold_in(jax.random.fold_in(key, p), s))(
        rows.prompt_index, rows.sample_index
    )


def step_keys(keys: jax.Array, step: jax.Array) -> jax.Array:
    """The rows' keys for one step (or verification pass) of the decode loop."""
    return jax.vmap(jax.random.fold_in, in_axes=(0, None))(keys, step)


def completes_stop_sequence(
    tokens: jax.Array, end: jax.Array, count: jax.Array, stop_sequences: jax.Array, span: int
) -> jax.Array:
    """Whether one of the last `count` `[B]` tokens before position `end` `[B]` of `tokens` `[B, M]` (at most
    `span` of them, a static bound) completes a stop sequence: `stop_sequences` `[S, W]` holds token ids
    right-aligned, -1 before them (matches anything, as do the positions before the row's first token)."""
    num_sequences, width = stop_sequences.shape
    if num_sequences == 0:
        return jnp.zeros(tokens.shape[:1], bool)
    offsets = jnp.arange(span + width - 1) - (span + width - 1)
    at = end[:, None] + offsets[None]  # the window: the last span + W - 1 positions before `end`
    window = jnp.where(at >= 0, jnp.take_along_axis(tokens, jnp.maximum(at, 0), axis=1), -2)
    hits = []
    for last in range(span):  # the sequence ending at window column last + W - 1
        piece = window[:, last : last + width]
        matches = (stop_sequences[None] == -1) | (piece[:, None] == stop_sequences[None])
        ends_new = span - last <= count  # that column is one of the newly added tokens
        hits.append(jnp.any(jnp.all(matches, axis=-1), axis=-1) & ends_new)
    return jnp.any(jnp.stack(hits, axis=1), axis=1)


def generated_cache(
    config: ModelConfig, params, batch: int, tokens: int, mesh: Mesh | None
) -> tuple[jax.Array, jax.Array]:
    """Zeroed keys and values `[L, B, K, slots, hd]` for `tokens` generated tokens per row (slots rounded up to
    whole `attention.GENERATED_CHUNK`s), rows on the mesh's 'data' axis."""
    slots = -(-tokens // attention.GENERATED_CHUNK) * attention.GENERATED_CHUNK
    shape = (config.num_layers, batch, config.num_kv_heads, slots, config.head_dim)
    return tuple(constrain_rows(jnp.zeros(shape, params["embed"].dtype), mesh, 1) for _ in range(2))


@functools.partial(jax.jit, static_argnames=("config", "max_new_tokens", "top_k", "mesh"))
def decode(
    config: ModelConfig,
    params,
    prompts: PromptCache,
    rows: Rows,
    key,
    stop_ids,
    stop_sequences,
    *,
    max_new_tokens: int,
    top_k: int,
    mesh: Mesh | None,
    avoid_ids: jax.Array | None = None,
    avoid_penalty: jax.Array | float = 0.0,
    avoid_below: jax.Array | float = 1.0,
):
    """Samples `max_new_tokens` tokens for every row; returns tokens `[B, M]`, counts `[B]`, EOS flags `[B]`.
    A row also ends once it completes one of `stop_sequences` (`completes_stop_sequence`; its tokens up to
    there are kept and counted): the host cuts its text at the stop string it spells. With `avoid_ids`
    `[P, A, M]` (per prompt, A token sequences, -1 after their end), a row's logits lose `avoid_penalty` at the
    token that would go on reproducing one of its prompt's sequences verbatim, where that token's probability
    is below `avoid_below` (`penalize_copies`)."""
    batch = rows.temperatures.shape[0]
    keys = row_keys(key, rows)
    gen_k, gen_v = generated_cache(config, params, batch, max_new_tokens, mesh)
    positions = (prompts.lengths[rows.prompt_index])[:, None]
    state = (
        jnp.int32(0),
        constrain_rows(jnp.zeros((batch, max_new_tokens), jnp.int32), mesh),
        gen_k,
        gen_v,
        constrain_rows(prompts.first_logits[rows.prompt_index], mesh),
        jnp.zeros((batch,), bool),  # done
        jnp.zeros((batch,), bool),  # ended by a stop token
        jnp.zeros((batch,), jnp.int32),  # tokens kept (stop token excluded)
        # Whether the row has reproduced each avoided sequence so far (None: nothing to avoid).
        None if avoid_ids is None else jnp.ones((batch, avoid_ids.shape[1]), bool),
    )
    row_avoid_ids = None if avoid_ids is None else avoid_ids[rows.prompt_index]  # [B, A, M], gathered once

    def cond(state):
        step, *_, done, _, _, _ = state
        return (step < max_new_tokens) & ~jnp.all(done)

    def body(state):
        step, tokens, gen_k, gen_v, logits, done, eos, num_tokens, on_copy = state
        keys_now = step_keys(keys, step)
        if on_copy is not None:
            expected = jax.lax.dynamic_index_in_dim(row_avoid_ids, step, axis=2, keepdims=False)
            logits = penalize_copies(logits, expected, on_copy, avoid_penalty, avoid_below)
        with jax.named_scope("sampling"):
            token = sample_token(logits, rows.temperatures, rows.top_p, keys_now, top_k)
        token = jnp.where(done, 0, token)
        if on_copy is not None:
            on_copy = on_copy & (token[:, None] == expected)
        tokens = jax.lax.dynamic_update_slice(tokens, token[:, None], (0, step))
        is_stop = jnp.any(token[:, None] == stop_ids[None, :], axis=1)
        num_tokens = num_tokens + (~done & ~is_stop)
        completed = completes_stop_sequence(tokens, jnp.full_like(num_tokens, step + 1), 1, stop_sequences, 1)
        eos = eos | (~done & is_stop)
        done = done | is_stop | completed
        embeds = model.embed_tokens(params, token)[:, None]
        logits, (k_new, v_new) = model.decode_step(
            config,
            params,
            embeds,
            positions + step,
            (prompts.k, prompts.v),
            prompts.positions,
            prompts.valid,
            (gen_k, gen_v),
            step,
        )
        with jax.named_scope("cache_write"):
            gen_k = jax.lax.dynamic_update_slice(gen_k, k_new.astype(gen_k.dtype), (0, 0, 0, step, 0))
            gen_v = jax.lax.dynamic_update_slice(gen_v, v_new.astype(gen_v.dtype), (0, 0, 0, step, 0))
        logits = constrain_rows(logits, mesh)
        return step + 1, tokens, gen_k, gen_v, logits, done, eos, num_tokens, on_copy

    _, tokens, _, _, _, _, eos, num_tokens, _ = jax.lax.while_loop(cond, body, state)
    return tokens, num_tokens, eos
