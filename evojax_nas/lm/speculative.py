"""Speculative decoding with the row's own context as the draft source (prompt lookup).

With `draft_tokens=K > 0` the last n tokens of a row (n = `max_ngram` down to 1) are looked up in the prompt's
token ids and the row's generated tokens; the up-to-K tokens that followed the latest match are the draft. One
forward pass over `[last token, draft]` (K + 1 positions, `model.decode_tokens`) gives the model's distribution
at every draft position; draft token x is accepted with probability p(x) under the temperature/top-k/top-p
target p (a deterministic draft is a point mass q, so this is the standard speculative-sampling rule), the first
rejected one is replaced by a draw from the residual normalize(max(p - q, 0)) = p without x, and if all are
accepted a bonus token is drawn. Every token is therefore distributed exactly as in plain sampling, at every
temperature, and greedy rows produce the same tokens; rows advance by different numbers of tokens per pass.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
from jax.sharding import Mesh

from evojax_nas.lm import model
from evojax_nas.lm.config import ModelConfig
from evojax_nas.lm.decoding import (
    PromptCache,
    Rows,
    completes_stop_sequence,
    constrain_rows,
    generated_cache,
    row_keys,
    sample_token,
    step_keys,
    target_distribution,
)


def verify_drafts(
    logits: jax.Array,
    drafts: jax.Array,
    num_drafts: jax.Array,
    temperatures: jax.Array,
    top_p: jax.Array,
    keys: jax.Array,
    top_k: int,
) -> tuple[jax.Array, jax.Array]:
    """Speculative sampling's acceptance rule for deterministic drafts.

    logits `[B, K + 1, V]`: position `i` holds the model's logits for the token after draft token `i` (position
    0: after the row's last accepted token); drafts `[B, K]` of which the first `num_drafts` `[B]` are real.
    Draft token `x_i` is accepted with probability `p_i(x_i)` (greedy rows: iff it is the argmax); at the first
    rejection the next token is drawn from `p_i` without `x_i` (renormalised), and if every real draft token is
    accepted it is drawn from the distribution after the last one. `keys` `[B]` are per-row keys. Returns the
    number of accepted draft tokens `[B]` and the token that follows them `[B]`.
    """
    batch, length, vocab = logits.shape
    k = length - 1
    top_ids, log_weights = target_distribution(
        logits.reshape(batch * length, vocab),
        jnp.repeat(temperatures, length),
        jnp.repeat(top_p, length),
        top_k,
    )
    top_ids = top_ids.reshape(batch, length, top_k)
    log_weights = log_weights.reshape(batch, length, top_k)
    uniform_keys, sample_keys = jnp.moveaxis(jax.vmap(jax.random.split)(keys), 1, 0)
    greedy = temperatures == 0
    target = jax.nn.softmax(log_weights[:, :k], axis=-1)
    draft_probability = jnp.sum(jnp.where(top_ids[:, :k] == drafts[..., None], target, 0.0), axis=-1)
    uniforms = jax.vmap(lambda key: jax.random.uniform(key, (k,)))(uniform_keys)
    accept = jnp.where(greedy[:, None], drafts == top_ids[:, :k, 0], uniforms < draft_probability)
    accept &= jnp.arange(k)[None] < num_drafts[:, None]
    num_accepted = jnp.sum(jnp.cumprod(accept.astype(jnp.int32), axis=1), axis=1)
    rejected = num_accepted < num_drafts
    ids = jnp.take_along_axis(top_ids, num_accepted[:, None, None], axis=1)[:, 0]
    weights = jnp.take_along_axis(log_weights, num_accepted[:, None, None], axis=1)[:, 0]
    rejected_token = jnp.take_along_axis(drafts, jnp.minimum(num_accepted, k - 1)[:, None], axis=1)[:, 0]
    excluded = jnp.where(rejected, rejected_token, -1)
    residual = jnp.where(ids == excluded[:, None], -jnp.inf, weights)
    # A rejected token had probability < 1, so the residual has mass; the guard only keeps rounding harmless.
    residual = jnp.where(jnp.any(residual > -jnp.inf, axis=-1, keepdims=True), residual, weights)
    choice = jax.vmap(jax.random.categorical)(sample_keys, residual)
    sampled = jnp.take_along_axis(ids, choice[:, None], axis=1)[:, 0]
    return num_accepted, jnp.where(greedy, ids[:, 0], sampled).astype(jnp.int32)


def propose_drafts(
    history: jax.Array, start: jax.Array, length: jax.Array, num_tokens: int, max_ngram: int
) -> tuple[jax.Array, jax.Array]:
    """Prompt-lookup drafts: for each row of `history` `[B, H]` (token ids, valid in `[start, length)` per row),
    finds the latest earlier occurrence of the row's last n tokens (the longest n <= `max_ngram` that occurs)
    and proposes the up-to-`num_tokens` tokens that followed it. Returns drafts `[B, num_tokens]` and the
    number of real draft tokens `[B]` (0 where nothing matched)."""
    batch, size = history.shape
    padded = jnp.pad(history, ((0, 0), (0, max_ngram + num_tokens)), constant_values=-1)
    starts = jnp.arange(size)[None]
    best_end = jnp.full((batch,), -1, jnp.int32)  # where the draft starts in history, -1 if no match
    for n in range(1, max_ngram + 1):  # longer n-grams override shorter ones
        tail = jax.vmap(lambda row, end, n=n: jax.lax.dynamic_slice(row, (jnp.maximum(end - n, 0),), (n,)))(
            padded, length
        )
        match = (starts >= start[:, None]) & (starts + n < length[:, None]) & (length - n >= start)[:, None]
        for j in range(n):
            match &= padded[:, j : j + size] == tail[:, j : j + 1]
        latest = jnp.max(jnp.where(match, starts, -1), axis=1)
        best_end = jnp.where(latest >= 0, latest + n, best_end).astype(jnp.int32)
    drafts = jax.vmap(lambda row, at: jax.lax.dynamic_slice(row, (at,), (num_tokens,)))(
        padded, jnp.maximum(best_end, 0)
    )
    count = jnp.where(best_end >= 0, jnp.minimum(num_tokens, length - best_end), 0)
    return jnp.maximum(drafts, 0), count.astype(jnp.int32)


def _write_rows(buffer: jax.Array, update: jax.Array, offsets: jax.Array) -> jax.Array:
    """Writes row `r` of `update` `[B, T]` into row `r` of `buffer` `[B, N]` at column `offsets[r]`."""
    return jax.vmap(lambda row, new, at: jax.lax.dynamic_update_slice(row, new, (at,)))(
        buffer, update, offsets
    )


def _is_stop(tokens: jax.Array, stop_ids: jax.Array) -> jax.Array:
    """Whether each token is one of `stop_ids`."""
    return jnp.any(tokens[..., None] == stop_ids, axis=-1)


def _verification_pass(config, params, prompts: PromptCache, start, tokens, filled, drafts, cache):
    """One forward pass over each row's `[last token, drafts]` (`K + 1` positions from `start + filled`); returns
    their logits `[B, K + 1, V]` and the generated cache with their keys and values in slots `filled ..`."""
    gen_k, gen_v = cache
    batch, k = drafts.shape
    last = jnp.take_along_axis(tokens, filled[:, None], axis=1)
    inputs = jnp.concatenate([last, drafts], axis=1)
    positions = start[:, None] + filled[:, None] + jnp.arange(k + 1)[None]
    logits, (k_new, v_new) = model.decode_tokens(
        config,
        params,
        model.embed_tokens(params, inputs),
        positions,
        (prompts.k, prompts.v),
        prompts.positions,
        prompts.valid,
        (gen_k, gen_v),
        filled,
    )
    with jax.named_scope("cache_write"):
        # One scatter into [L, B, K, slots, hd] at (row, filled + t): in place (a vmap over the row axis
        # would transpose the whole cache there and back on every pass).
        rows_at = jnp.broadcast_to(jnp.arange(batch)[:, None], (batch, k + 1))
        slots_at = filled[:, None] + jnp.arange(k + 1)[None]
        gen_k = gen_k.at[:, rows_at, :, slots_at, :].set(k_new.transpose(1, 3, 0, 2, 4).astype(gen_k.dtype))
        gen_v = gen_v.at[:, rows_at, :, slots_at, :].set(v_new.transpose(1, 3, 0, 2, 4).astype(gen_v.dtype))
    return logits, (gen_k, gen_v)


def _commit(tokens, filled, done, drafts, num_accepted, next_token, stop_ids, max_new_tokens: int):
    """Appends each running row's accepted drafts and the token after them; returns the tokens, the new count of
    cached tokens and which rows are done (a stop token among the new ones, or no room for another)."""
    index = jnp.arange(drafts.shape[1] + 1)[None]
    new_tokens = jnp.concatenate([drafts, drafts[:, :1]], axis=1)
    new_tokens = jnp.where(index == num_accepted[:, None], next_token[:, None], new_tokens)
    tokens = jnp.where(done[:, None], tokens, _write_rows(tokens, new_tokens, filled + 1))
    committed = index <= num_accepted[:, None]
    stopped = jnp.any(committed & _is_stop(new_tokens, stop_ids), axis=1)
    filled = filled + jnp.where(done, 0, num_accepted + 1)
    return tokens, filled, done | stopped | (filled + 1 >= max_new_tokens)


def _finish(tokens, filled, stop_ids, max_new_tokens: int):
    """The decode loop's tokens `[B, M]` (zeros after the stop token or the last generated token, as `decode`
    leaves them), the number of tokens before the stop token `[B]` and whether a stop token came `[B]`."""
    tokens = tokens[:, :max_new_tokens]
    index = jnp.arange(max_new_tokens)[None]
    generated = jnp.minimum(filled + 1, max_new_tokens)
    stop_at = _is_stop(tokens, stop_ids) & (index < generated[:, None])
    stopped = jnp.any(stop_at, axis=1)
    num_tokens = jnp.where(stopped, jnp.argmax(stop_at, axis=1), generated).astype(jnp.int32)
    tokens = jnp.where(index <= jnp.where(stopped, num_tokens, generated - 1)[:, None], tokens, 0)
    return tokens, num_tokens, stopped


@functools.partial(
    jax.jit, static_argnames=("config", "max_new_tokens", "top_k", "mesh", "draft_tokens", "max_ngram")
)
def decode_speculative(
    config: ModelConfig,
    params,
    prompts: PromptCache,
    prompt_ids,
    prompt_id_lengths,
    rows: Rows,
    key,
    stop_ids,
    stop_sequences,
    *,
    max_new_tokens: int,
    top_k: int,
    mesh: Mesh | None,
    draft_tokens: int,
    max_ngram: int,
):
    """`decoding.decode` with prompt-lookup speculative decoding (see the module docstring): prompt_ids
    `[P, W]` hold each prompt's text tokens right-aligned, the last `prompt_id_lengths` `[P]` of them real.
    Also returns the number of draft tokens proposed and accepted per row and the number of verification
    passes. (Its length is its signature and the loop state; each pass's steps are the helpers above.)"""
    batch, k = rows.temperatures.shape[0], draft_tokens
    keys = row_keys(key, rows)
    row_prompt_ids = constrain_rows(prompt_ids[rows.prompt_index], mesh)
    history_start = prompt_ids.shape[1] - prompt_id_lengths[rows.prompt_index]
    start = prompts.lengths[rows.prompt_index]
    # The first token comes from the prefill's logits, drawn exactly as `decode` draws it.
    first_logits = prompts.first_logits[rows.prompt_index]
    first = sample_token(first_logits, rows.temperatures, rows.top_p, step_keys(keys, 0), top_k)
    tokens = jnp.zeros((batch, max_new_tokens + k + 1), jnp.int32).at[:, 0].set(first)
    zeros = jnp.zeros((batch,), jnp.int32)
    state = (
        jnp.int32(0),  # verification passes so far
        constrain_rows(tokens, mesh),
        generated_cache(config, params, batch, max_new_tokens + k + 1, mesh),
        zeros,  # filled: generated tokens whose keys and values are cached (all but the last one)
        _is_stop(first, stop_ids) | (max_new_tokens <= 1),  # done
        zeros,  # draft tokens proposed
        zeros,  # draft tokens accepted
    )

    def cond(state):
        passes, *_, done, _, _ = state
        return (passes < max_new_tokens) & ~jnp.all(done)

    def body(state):
        passes, tokens, cache, filled, done, proposed, accepted = state
        generated = filled + 1
        with jax.named_scope("drafting"):
            history = jnp.concatenate([row_prompt_ids, tokens], axis=1)
            length = prompt_ids.shape[1] + generated
            drafts, num_drafts = propose_drafts(history, history_start, length, k, max_ngram)
            # Never beyond max_new_tokens: the pass then commits at most max_new_tokens - generated tokens.
            num_drafts = jnp.where(done, 0, jnp.minimum(num_drafts, max_new_tokens - generated - 1))
        logits, cache = _verification_pass(config, params, prompts, start, tokens, filled, drafts, cache)
        with jax.named_scope("sampling"):
            num_accepted, next_token = verify_drafts(
                logits, drafts, num_drafts, rows.temperatures, rows.top_p, step_keys(keys, passes + 1), top_k
            )
        proposed = proposed + jnp.where(done, 0, num_drafts)
        accepted = accepted + jnp.where(done, 0, num_accepted)
        running = ~done
        tokens, filled, done = _commit(
            tokens, filled, done, drafts, num_accepted, next_token, stop_ids, max_new_tokens
        )
        # A row that completed a stop sequence among its new tokens ends (the host cuts its text there).
        done |= running & completes_stop_sequence(tokens, filled + 1, num_accepted + 1, stop_sequences, k + 1)
        return passes + 1, tokens, cache, filled, done, proposed, accepted

    passes, tokens, _, filled, _, proposed, accepted = jax.lax.while_loop(cond, body, state)
    return (*_finish(tokens, filled, stop_ids, max_new_tokens), proposed, accepted, passes)
