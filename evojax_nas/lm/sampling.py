"""Batched, KV-cached sampling: each prompt prefilled once at batch 1, its cache shared by its n samples.

Shapes are bucketed so a search does not recompile every round: prompts (soft prompt + text) are left-padded to
a multiple of `prompt_bucket` tokens and the decode loop always has room for `max_new_tokens`. Decoding is one
jitted `lax.while_loop` (it stops early once every row has produced a stop token). Rows are placed on the
mesh's 'data' axis. Each row's random stream is derived from the caller's key, the prompt index and the sample
index only, so results do not depend on the batch layout or the number of devices.

With `draft_tokens=K > 0` decoding is speculative, with the row's own context as the draft source (prompt
lookup): the last n tokens of a row (n = `max_ngram` down to 1) are looked up in the prompt's token ids and the
row's generated tokens; the up-to-K tokens that followed the latest match are the draft. One forward pass over
`[last token, draft]` (K + 1 positions, `model.decode_tokens`) gives the model's distribution at every draft
position; draft token x is accepted with probability p(x) under the temperature/top-k/top-p target p (a
deterministic draft is a point mass q, so this is the standard speculative-sampling rule), the first rejected
one is replaced by a draw from the residual normalize(max(p - q, 0)) = p without x, and if all are accepted a
bonus token is drawn. Every token is therefore distributed exactly as in plain sampling, at every temperature,
and greedy rows produce the same tokens; rows advance by different numbers of tokens per pass.
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
DEFAULT_MAX_NGRAM = 3  # longest n-gram of a row's tail looked up to find a draft


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


def target_distribution(
    logits: jax.Array, temperatures: jax.Array, top_p: jax.Array, top_k: int
) -> tuple[jax.Array, jax.Array]:
    """The distribution `sample_token` draws from, for logits `[N, V]`: the candidate ids `[N, top_k]` (most
    likely first) and their log-weights `[N, top_k]` (temperature-scaled logits, -inf outside the top-p
    nucleus). For rows of temperature 0 only the first candidate (the argmax) counts."""
    top_logits, top_ids = jax.lax.optimization_barrier(jax.lax.top_k(logits, top_k))
    scaled = top_logits / jnp.maximum(temperatures, 1e-6)[:, None]
    probs = jax.nn.softmax(scaled, axis=-1)
    keep = (jnp.cumsum(probs, axis=-1) - probs) < top_p[:, None]
    return top_ids, jnp.where(keep, scaled, -jnp.inf)


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


@functools.partial(
    jax.jit, static_argnames=("config", "max_new_tokens", "top_k", "mesh", "draft_tokens", "max_ngram")
)
def _decode_speculative(
    config: ModelConfig,
    params,
    prefix_k,
    prefix_v,
    prefix_positions,
    prefix_valid,
    prefix_lengths,
    first_logits,
    prompt_ids,
    prompt_id_lengths,
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
    draft_tokens: int,
    max_ngram: int,
):
    """`_decode` with prompt-lookup speculative decoding (see the module docstring); also returns the number
    of draft tokens proposed and accepted per row and the number of verification passes."""
    batch = temperatures.shape[0]
    k = draft_tokens
    row_keys = jax.vmap(lambda p, s: jax.random.fold_in(jax.random.fold_in(key, p), s))(
        prompt_index, sample_index
    )
    slots = -(-(max_new_tokens + k + 1) // model.GENERATED_CHUNK) * model.GENERATED_CHUNK
    cache_shape = (config.num_layers, batch, config.num_kv_heads, slots, config.head_dim)
    gen_k = _constrain_rows(jnp.zeros(cache_shape, params["embed"].dtype), mesh, 1)
    gen_v = _constrain_rows(jnp.zeros(cache_shape, params["embed"].dtype), mesh, 1)
    prompt_width = prompt_ids.shape[1]
    row_prompt_ids = _constrain_rows(prompt_ids[prompt_index], mesh)
    history_start = prompt_width - prompt_id_lengths[prompt_index]
    positions0 = prefix_lengths[prompt_index]
    # The first token comes from the prefill's logits, drawn exactly as `_decode` draws it.
    first = sample_token(
        first_logits[prompt_index],
        temperatures,
        top_p,
        jax.vmap(jax.random.fold_in, in_axes=(0, None))(row_keys, 0),
        top_k,
    )
    tokens = jnp.zeros((batch, max_new_tokens + k + 1), jnp.int32).at[:, 0].set(first)
    is_stop = lambda t: jnp.any(t[..., None] == stop_ids, axis=-1)  # noqa: E731
    zeros = jnp.zeros((batch,), jnp.int32)
    state = (
        jnp.int32(0),  # verification passes so far
        _constrain_rows(tokens, mesh),
        gen_k,
        gen_v,
        zeros,  # filled: generated tokens whose keys and values are cached (all but the last one)
        is_stop(first) | (max_new_tokens <= 1),  # done
        zeros,  # draft tokens proposed
        zeros,  # draft tokens accepted
    )

    def cond(state):
        passes, *_, done, _, _ = state
        return (passes < max_new_tokens) & ~jnp.all(done)

    def body(state):
        passes, tokens, gen_k, gen_v, filled, done, proposed, accepted = state
        generated = filled + 1
        with jax.named_scope("drafting"):
            history = jnp.concatenate([row_prompt_ids, tokens], axis=1)
            drafts, num_drafts = propose_drafts(
                history, history_start, prompt_width + generated, k, max_ngram
            )
            # Never beyond max_new_tokens: the pass then commits at most max_new_tokens - generated tokens.
            num_drafts = jnp.where(done, 0, jnp.minimum(num_drafts, max_new_tokens - generated - 1))
        last = jnp.take_along_axis(tokens, filled[:, None], axis=1)
        inputs = jnp.concatenate([last, drafts], axis=1)
        positions = positions0[:, None] + filled[:, None] + jnp.arange(k + 1)[None]
        logits, (k_new, v_new) = model.decode_tokens(
            config,
            params,
            model.embed_tokens(params, inputs),
            positions,
            (prefix_k, prefix_v),
            prefix_positions,
            prefix_valid,
            (gen_k, gen_v),
            filled,
        )
        with jax.named_scope("cache_write"):
            # One scatter into [L, B, K, slots, hd] at (row, filled + t): in place (a vmap over the row axis
            # would transpose the whole cache there and back on every pass).
            rows_at = jnp.broadcast_to(jnp.arange(batch)[:, None], (batch, k + 1))
            slots_at = filled[:, None] + jnp.arange(k + 1)[None]
            gen_k = gen_k.at[:, rows_at, :, slots_at, :].set(
                k_new.transpose(1, 3, 0, 2, 4).astype(gen_k.dtype)
            )
            gen_v = gen_v.at[:, rows_at, :, slots_at, :].set(
                v_new.transpose(1, 3, 0, 2, 4).astype(gen_v.dtype)
            )
        with jax.named_scope("sampling"):
            pass_keys = jax.vmap(jax.random.fold_in, in_axes=(0, None))(row_keys, passes + 1)
            num_accepted, next_token = verify_drafts(
                logits, drafts, num_drafts, temperatures, top_p, pass_keys, top_k
            )
        index = jnp.arange(k + 1)[None]
        new_tokens = jnp.concatenate([drafts, drafts[:, :1]], axis=1)
        new_tokens = jnp.where(index == num_accepted[:, None], next_token[:, None], new_tokens)
        tokens = jnp.where(done[:, None], tokens, _write_rows(tokens, new_tokens, filled + 1))
        committed = index <= num_accepted[:, None]
        stopped = jnp.any(committed & is_stop(new_tokens), axis=1)
        advanced = jnp.where(done, 0, num_accepted + 1)
        filled = filled + advanced
        new_done = done | stopped | (filled + 1 >= max_new_tokens)
        proposed = proposed + jnp.where(done, 0, num_drafts)
        accepted = accepted + jnp.where(done, 0, num_accepted)
        return passes + 1, tokens, gen_k, gen_v, filled, new_done, proposed, accepted

    passes, tokens, _, _, filled, _, proposed, accepted = jax.lax.while_loop(cond, body, state)
    tokens = tokens[:, :max_new_tokens]
    index = jnp.arange(max_new_tokens)[None]
    generated = jnp.minimum(filled + 1, max_new_tokens)
    stop_at = is_stop(tokens) & (index < generated[:, None])
    stopped = jnp.any(stop_at, axis=1)
    num_tokens = jnp.where(stopped, jnp.argmax(stop_at, axis=1), generated).astype(jnp.int32)
    # As `_decode`: the stop token kept, zeros after it (or after the last generated token).
    tokens = jnp.where(index <= jnp.where(stopped, num_tokens, generated - 1)[:, None], tokens, 0)
    return tokens, num_tokens, stopped, proposed, accepted, passes


def _bucket(length: int, bucket: int) -> int:
    return max(bucket, -(-length // bucket) * bucket)


@dataclasses.dataclass(frozen=True)
class Generation:
    """Raw result of `generate`: tokens `[rows, max_new_tokens]`, the number of tokens before the stop token
    `[rows]`, whether each row produced a stop token `[rows]`, and for speculative decoding the draft tokens
    proposed and accepted per row `[rows]` and the number of verification passes (0 and 0 without drafts)."""

    tokens: np.ndarray
    num_tokens: np.ndarray
    stopped: np.ndarray
    drafts_proposed: np.ndarray
    drafts_accepted: np.ndarray
    passes: int


@jax.jit
def _unstack(params):
    return model.unstack_layers(params)


def generate(
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
    draft_tokens: int = 0,
    prompt_token_ids: Sequence[Sequence[int]] | None = None,
    max_ngram: int = DEFAULT_MAX_NGRAM,
    unstack_layers: bool = True,
) -> Generation:
    """Samples token ids continuing already-embedded prompts (`[len_i, d_model]` each, soft prompt included).

    Rows are prompt-major (`row = prompt * n + sample`) and `temperatures` (and `top_p`, if a sequence) has
    one entry per row. `draft_tokens > 0` turns on speculative decoding with drafts looked up in each row's
    context: `prompt_token_ids` (the token ids of each prompt's text, soft prompt excluded; without them only
    the row's generated tokens are searched) and the tokens generated so far; samples are distributed exactly
    as without drafts (greedy rows are identical). `unstack_layers=False` keeps the `lax.scan` over stacked
    layer weights in the decode loop (shorter compile, slower steps: every step copies each layer's weights).
    """
    config, params, mesh = lm.config, lm.params, lm.mesh
    num_prompts, n = len(prompt_embeddings), num_samples_per_prompt
    rows = num_prompts * n
    if num_prompts == 0 or n < 1:
        raise ValueError("sampling needs at least one prompt and num_samples_per_prompt >= 1.")
    temperatures = np.broadcast_to(np.asarray(temperatures, np.float32), (rows,))
    top_p = np.broadcast_to(np.asarray(top_p, np.float32), (rows,))
    if np.any(temperatures < 0):
        raise ValueError("temperatures must be >= 0 (0 means greedy).")
    if draft_tokens < 0 or max_ngram < 1:
        raise ValueError(
            f"draft_tokens must be >= 0 (got {draft_tokens}) and max_ngram >= 1 (got {max_ngram})."
        )
    if prompt_token_ids is not None and len(prompt_token_ids) != num_prompts:
        raise ValueError(
            f"prompt_token_ids has {len(prompt_token_ids)} entries for {num_prompts} prompts (one per prompt)."
        )
    lengths = [int(e.shape[0]) for e in prompt_embeddings]
    if min(lengths) < 1:
        raise ValueError("every prompt needs at least one token or soft-prompt vector.")
    padded_len = _bucket(max(lengths), prompt_bucket)
    extra = draft_tokens + 1 if draft_tokens else 0  # positions a verification pass may run past the end
    if padded_len + max_new_tokens + extra > config.max_positions and config.family == "gpt2":
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
    shared = (
        jax.device_put(jnp.concatenate(ks, axis=1), replicated),
        jax.device_put(jnp.concatenate(vs, axis=1), replicated),
        jax.device_put(np.concatenate(prefix_positions), replicated),
        jax.device_put(np.concatenate(prefix_valid), replicated),
        jax.device_put(np.asarray(lengths, np.int32), replicated),
        jax.device_put(jnp.concatenate(first_logits), replicated),
    )
    per_row = (
        put_rows(row_temperatures),
        put_rows(row_top_p),
        put_rows(prompt_index),
        put_rows(sample_index),
    )
    stop_array = jnp.asarray(np.asarray(stop_ids or (-1,), np.int32))
    static = dict(
        max_new_tokens=max_new_tokens, top_k=min(top_k, config.vocab_size), mesh=mesh if data > 1 else None
    )
    # The decode loops read each layer's weights in place (one copy of the weights per call, see
    # `model.unstack_layers`).
    decode_params = _unstack(params) if unstack_layers else params
    if draft_tokens == 0:
        tokens, num_tokens, stopped = _decode(
            config, decode_params, *shared, *per_row, key, stop_array, **static
        )
        proposed = accepted = np.zeros(tokens.shape[0], np.int32)
        passes = 0
    else:
        id_lists = (
            [list(ids) for ids in prompt_token_ids] if prompt_token_ids is not None else [[]] * num_prompts
        )
        width = _bucket(max(len(ids) for ids in id_lists), prompt_bucket) if any(id_lists) else 0
        id_array = np.full((num_prompts, width), -1, np.int32)
        for row, ids in enumerate(id_lists):
            if ids:
                id_array[row, width - len(ids) :] = ids  # right-aligned: generated tokens follow the prompt
        tokens, num_tokens, stopped, proposed, accepted, passes = _decode_speculative(
            config,
            decode_params,
            *shared,
            jax.device_put(id_array, replicated),
            jax.device_put(np.asarray([len(ids) for ids in id_lists], np.int32), replicated),
            *per_row,
            key,
            stop_array,
            draft_tokens=draft_tokens,
            max_ngram=max_ngram,
            **static,
        )
        passes = int(passes)
    tokens, num_tokens, stopped, proposed, accepted = (
        np.asarray(jax.device_get(x))[kept] for x in (tokens, num_tokens, stopped, proposed, accepted)
    )
    return Generation(tokens, num_tokens, stopped, proposed, accepted, passes)


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
    draft_tokens: int = 0,
    prompt_token_ids: Sequence[Sequence[int]] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`generate`'s tokens `[rows, max_new_tokens]`, the number of tokens before the stop token `[rows]`, and
    whether each row produced a stop token `[rows]`."""
    result = generate(
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
        draft_tokens=draft_tokens,
        prompt_token_ids=prompt_token_ids,
    )
    return result.tokens, result.num_tokens, result.stopped


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
    draft_tokens: int = 0,
    prompt_token_ids: Sequence[Sequence[int]] | None = None,
) -> list[list[Sample]]:
    """Like `sample`, for prompts given as embeddings `[len_i, d_model]` (soft prompt already prepended);
    `prompt_token_ids` (each prompt's text tokens) are the draft source when `draft_tokens > 0`."""
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
        draft_tokens=draft_tokens,
        prompt_token_ids=prompt_token_ids,
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
    draft_tokens: int = 0,
) -> list[list[Sample]]:
    """Samples `num_samples_per_prompt` continuations of every prompt, with an optional soft prompt.

    `temperatures` has one entry per sample (`len(prompts) * n`, prompt-major) or is a scalar; 0 is greedy.
    Tokens come from top-p inside the `top_k` most likely tokens. A sample ends at a stop token (the model's
    EOS ids unless `stop_token_ids` is given), at `max_new_tokens`, or is cut before the first stop string.
    Deterministic for a given `key`. `draft_tokens > 0` decodes speculatively with drafts looked up in the
    prompt and the sample itself (same distribution, usually fewer forward passes; see the module docstring).
    Returns one list of `Sample`s per prompt.
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
        draft_tokens=draft_tokens,
        prompt_token_ids=[lm.encode(p) for p in prompts] if draft_tokens else None,
    )
