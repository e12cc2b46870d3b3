"""Batched, KV-cached sampling: each prompt prefilled once at batch 1, its cache shared by its n samples.

Shapes are bucketed so a search does not recompile every round: prompts (soft prompt + text) are left-padded to
a multiple of `prompt_bucket` tokens and the decode loop always has room for `max_new_tokens`. Decoding is one
jitted `lax.while_loop` (`decoding.decode`; it stops early once every row has produced a stop token or spelled a
stop string, `tokenizer.stop_token_sequences`: the text is still cut at the stop string on the host). Rows are
placed on the mesh's 'data' axis. Each row's random stream is derived from the caller's key, the prompt index
and the sample index only, so results do not depend on the batch layout or the number of devices.

With `draft_tokens=K > 0` decoding is speculative, with the row's own context (the prompt's token ids and the
row's generated tokens) as the draft source, and every token distributed exactly as in plain sampling
(`speculative.py` says how).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np

from evojax_nas.lm import decode_inputs, decoding, model, sharding, speculative
from evojax_nas.lm.decoding import PromptCache, sample_token, target_distribution
from evojax_nas.lm.language_model import LanguageModel
from evojax_nas.lm.speculative import propose_drafts, verify_drafts
from evojax_nas.lm.tokenizer import stop_token_sequences

# The token-level pieces stay importable from here, where tests and benchmarks read them.
__all__ = [
    "Generation",
    "Sample",
    "generate",
    "generate_tokens",
    "prompt_embedding",
    "propose_drafts",
    "sample",
    "sample_embedded",
    "sample_token",
    "stop_token_sequences",
    "target_distribution",
    "verify_drafts",
]

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


def _prefill_prompts(
    lm: LanguageModel, prompt_embeddings: Sequence[jax.Array], lengths: list[int], padded_len: int
) -> PromptCache:
    """Prefills each prompt once, at batch 1, left-padded to `padded_len` (pads are masked keys); the caches
    are concatenated over prompts and replicated on the mesh."""
    config, params = lm.config, lm.params
    ks, vs, first_logits, prefix_positions, prefix_valid = [], [], [], [], []
    for embedding, length in zip(prompt_embeddings, lengths, strict=True):
        pad = padded_len - length
        embeds = jnp.pad(jnp.asarray(embedding, params["embed"].dtype), ((pad, 0), (0, 0)))[None]
        positions = np.maximum(np.arange(padded_len) - pad, 0)[None].astype(np.int32)
        valid = (np.arange(padded_len) >= pad)[None]
        k, v, logits = decoding.prefill(config, params, embeds, positions, valid)
        ks.append(k)
        vs.append(v)
        first_logits.append(logits)
        prefix_positions.append(positions)
        prefix_valid.append(valid)
    replicated = sharding.replicated(lm.mesh)
    return PromptCache(
        jax.device_put(jnp.concatenate(ks, axis=1), replicated),
        jax.device_put(jnp.concatenate(vs, axis=1), replicated),
        jax.device_put(np.concatenate(prefix_positions), replicated),
        jax.device_put(np.concatenate(prefix_valid), replicated),
        jax.device_put(np.asarray(lengths, np.int32), replicated),
        jax.device_put(jnp.concatenate(first_logits), replicated),
    )


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
    stop_sequences: Sequence[Sequence[int]] = (),
    avoid_token_ids: Sequence[Sequence[Sequence[int]]] | None = None,
    avoid_penalty: float = 0.0,
    avoid_below: float = 1.0,
) -> Generation:
    """Samples token ids continuing already-embedded prompts (`[len_i, d_model]` each, soft prompt included).

    Rows are prompt-major (`row = prompt * n + sample`) and `temperatures` (and `top_p`, if a sequence) has
    one entry per row. `draft_tokens > 0` turns on speculative decoding with drafts looked up in each row's
    context: `prompt_token_ids` (the token ids of each prompt's text, soft prompt excluded; without them only
    the row's generated tokens are searched) and the tokens generated so far; samples are distributed exactly
    as without drafts (greedy rows are identical). A row also ends once its tokens complete one of
    `stop_sequences` (token id sequences, `tokenizer.stop_token_sequences`): it keeps those tokens, is not `stopped`, and the
    other rows' tokens do not change. `unstack_layers=False` keeps the `lax.scan` over stacked
    layer weights in the decode loop (shorter compile, slower steps: every step copies each layer's weights).
    `avoid_token_ids` (per prompt, token id sequences: e.g. what copying each parent shown in it would write) with
    `avoid_penalty > 0` lowers, by that many nats before the temperature, the logit of the token that would go on
    reproducing one of them verbatim, where the model gives it a probability below `avoid_below` (plain decoding
    only; `decoding.penalize_copies`).
    """
    config, mesh = lm.config, lm.mesh
    num_prompts, n = len(prompt_embeddings), num_samples_per_prompt
    if num_prompts == 0 or n < 1:
        raise ValueError("sampling needs at least one prompt and num_samples_per_prompt >= 1.")
    temperatures = np.broadcast_to(np.asarray(temperatures, np.float32), (num_prompts * n,))
    top_p = np.broadcast_to(np.asarray(top_p, np.float32), (num_prompts * n,))
    lengths = [int(e.shape[0]) for e in prompt_embeddings]
    padded_len = decode_inputs.bucket(max(lengths), prompt_bucket)
    decode_inputs.check_arguments(
        config, lengths, temperatures, max_new_tokens, padded_len, draft_tokens, max_ngram, prompt_token_ids
    )
    avoid = decode_inputs.avoid_array(
        avoid_token_ids, avoid_penalty, num_prompts, max_new_tokens, draft_tokens, mesh
    )
    prompts = _prefill_prompts(lm, prompt_embeddings, lengths, padded_len)
    rows, kept = decode_inputs.layout_rows(mesh, num_prompts, n, temperatures, top_p)
    stop_ids = lm.stop_token_ids if stop_token_ids is None else tuple(stop_token_ids)
    stop_array = jnp.asarray(np.asarray(stop_ids or (-1,), np.int32))
    sequence_array = decode_inputs.stop_sequence_array(stop_sequences, mesh)
    data_mesh = mesh if sharding.data_size(mesh) > 1 else None
    static = dict(max_new_tokens=max_new_tokens, top_k=min(top_k, config.vocab_size), mesh=data_mesh)
    # The decode loops read each layer's weights in place (`model.unstack_layers`: one copy per call).
    params = _unstack(lm.params) if unstack_layers else lm.params
    if draft_tokens == 0:
        tokens, num_tokens, stopped = decoding.decode(
            config,
            params,
            prompts,
            rows,
            key,
            stop_array,
            sequence_array,
            **static,
            avoid_ids=avoid,
            avoid_penalty=jnp.float32(avoid_penalty),
            avoid_below=jnp.float32(avoid_below),
        )
        proposed = accepted = np.zeros(tokens.shape[0], np.int32)
        passes = 0
    else:
        ids = decode_inputs.prompt_id_arrays(prompt_token_ids, num_prompts, prompt_bucket, mesh)
        static.update(draft_tokens=draft_tokens, max_ngram=max_ngram)
        *outputs, passes = speculative.decode_speculative(
            config, params, prompts, *ids, rows, key, stop_array, sequence_array, **static
        )
        tokens, num_tokens, stopped, proposed, accepted = outputs
        passes = int(passes)
    tokens, num_tokens, stopped, proposed, accepted = (
        np.asarray(jax.device_get(x))[kept] for x in (tokens, num_tokens, stopped, proposed, accepted)
    )
    return Generation(tokens, num_tokens, stopped, proposed, accepted, passes)


def generate_tokens(
    lm: LanguageModel, prompt_embeddings: Sequence[jax.Array], **options
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`generate(lm, prompt_embeddings, **options)`'s tokens `[rows, max_new_tokens]`, the number of tokens before
    the stop token `[rows]`, and whether each row produced a stop token `[rows]` (the same keyword arguments)."""
    result = generate(lm, prompt_embeddings, **options)
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
    avoid_texts: Sequence[Sequence[str]] | None = None,
    avoid_penalty: float = 0.0,
    avoid_below: float = 1.0,
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
        stop_sequences=stop_token_sequences(lm.tokenizer, stop_strings),
        avoid_token_ids=decode_inputs.encode_each(lm, avoid_texts),
        avoid_penalty=avoid_penalty,
        avoid_below=avoid_below,
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
    avoid_texts: Sequence[Sequence[str]] | None = None,
    avoid_penalty: float = 0.0,
    avoid_below: float = 1.0,
) -> list[list[Sample]]:
    """Samples `num_samples_per_prompt` continuations of every prompt, with an optional soft prompt.

    `temperatures` has one entry per sample (`len(prompts) * n`, prompt-major) or is a scalar; 0 is greedy.
    Tokens come from top-p inside the `top_k` most likely tokens. A sample ends at a stop token (the model's
    EOS ids unless `stop_token_ids` is given), at `max_new_tokens`, or is cut before the first stop string.
    Deterministic for a given `key`. `draft_tokens > 0` decodes speculatively with drafts looked up in the
    prompt and the sample itself (same distribution, usually fewer forward passes; see the module docstring).
    `avoid_texts` (per prompt, texts a sample should not reproduce verbatim, e.g. its parents' code) with
    `avoid_penalty > 0` lowers the logit of the token that would go on reproducing one, where its probability is
    below `avoid_below` (`generate`).
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
        avoid_texts=avoid_texts,
        avoid_penalty=avoid_penalty,
        avoid_below=avoid_below,
    )
