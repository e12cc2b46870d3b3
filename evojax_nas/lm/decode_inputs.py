"""The decode loops' inputs, prepared on the host: argument checks, the row layout on the mesh, and the bucketed
token-id arrays (stop sequences, prompts' ids for drafting, sequences to avoid) that `sampling.generate` hands
to `decoding.decode` and `speculative.decode_speculative`. Shapes are bucketed so a search recompiles rarely."""

from __future__ import annotations

import math
from collections.abc import Sequence

import jax
import numpy as np

from evojax_nas.lm import sharding
from evojax_nas.lm.config import ModelConfig
from evojax_nas.lm.decoding import Rows
from evojax_nas.lm.language_model import LanguageModel


def stop_sequence_array(sequences: Sequence[Sequence[int]], mesh) -> jax.Array:
    """The decode loops' `[S, W]` stop sequences, right-aligned, -1 before them (`[0, 1]` for none)."""
    width = max((len(sequence) for sequence in sequences), default=1)
    array = np.full((len(sequences), width), -1, np.int32)
    for row, sequence in enumerate(sequences):
        array[row, width - len(sequence) :] = sequence
    return jax.device_put(array, sharding.replicated(mesh))


def bucket(length: int, size: int) -> int:
    """`length` rounded up to a multiple of `size` (at least `size`)."""
    return max(size, -(-length // size) * size)


def check_arguments(
    config: ModelConfig,
    lengths: list[int],
    temperatures: np.ndarray,
    max_new_tokens: int,
    padded_len: int,
    draft_tokens: int,
    max_ngram: int,
    prompt_token_ids: Sequence[Sequence[int]] | None,
) -> None:
    """Raises ValueError, one line, for the first argument of `generate` that cannot be sampled with."""
    if np.any(temperatures < 0):
        raise ValueError("temperatures must be >= 0 (0 means greedy).")
    if draft_tokens < 0 or max_ngram < 1:
        raise ValueError(
            f"draft_tokens must be >= 0 (got {draft_tokens}) and max_ngram >= 1 (got {max_ngram})."
        )
    if prompt_token_ids is not None and len(prompt_token_ids) != len(lengths):
        raise ValueError(
            f"prompt_token_ids has {len(prompt_token_ids)} entries for {len(lengths)} prompts (one per prompt)."
        )
    if min(lengths) < 1:
        raise ValueError("every prompt needs at least one token or soft-prompt vector.")
    extra = draft_tokens + 1 if draft_tokens else 0  # positions a verification pass may run past the end
    if padded_len + max_new_tokens + extra > config.max_positions and config.family == "gpt2":
        raise ValueError(
            f"prompt ({max(lengths)} tokens) plus max_new_tokens ({max_new_tokens}) exceeds the model's "
            f"{config.max_positions} positions."
        )


def layout_rows(
    mesh, num_prompts: int, n: int, temperatures: np.ndarray, top_p: np.ndarray
) -> tuple[Rows, np.ndarray]:
    """The decode rows, on the mesh's 'data' axis, and which of them are kept: the samples per prompt are padded
    so the rows split evenly over the axis (padded rows are greedy and dropped afterwards)."""
    data = sharding.data_size(mesh)
    step = data // math.gcd(num_prompts, data)
    n_padded = -(-n // step) * step
    prompt_index = np.repeat(np.arange(num_prompts, dtype=np.int32), n_padded)
    sample_index = np.tile(np.arange(n_padded, dtype=np.int32), num_prompts)
    kept = sample_index < n
    row_of = prompt_index * n + np.minimum(sample_index, n - 1)
    row_temperatures = np.where(kept, temperatures[row_of], 0.0).astype(np.float32)
    put_rows = lambda x: jax.device_put(x, sharding.rows(mesh, np.ndim(x)))  # noqa: E731
    rows = Rows(
        put_rows(row_temperatures), put_rows(top_p[row_of]), put_rows(prompt_index), put_rows(sample_index)
    )
    return rows, kept


def prompt_id_arrays(
    prompt_token_ids: Sequence[Sequence[int]] | None, num_prompts: int, prompt_bucket: int, mesh
) -> tuple[jax.Array, jax.Array]:
    """Each prompt's text token ids right-aligned in a `[P, W]` array (-1 before them; W bucketed, 0 without
    ids) and their counts `[P]`, replicated on the mesh: the draft source of speculative decoding (the generated
    tokens follow the prompt's)."""
    id_lists = [list(ids) for ids in prompt_token_ids] if prompt_token_ids is not None else [[]] * num_prompts
    width = bucket(max(len(ids) for ids in id_lists), prompt_bucket) if any(id_lists) else 0
    id_array = np.full((num_prompts, width), -1, np.int32)
    for row, ids in enumerate(id_lists):
        if ids:
            id_array[row, width - len(ids) :] = ids
    replicated = sharding.replicated(mesh)
    counts = np.asarray([len(ids) for ids in id_lists], np.int32)
    return jax.device_put(id_array, replicated), jax.device_put(counts, replicated)


def encode_each(
    lm: LanguageModel, texts_by_prompt: Sequence[Sequence[str]] | None
) -> list[list[list[int]]] | None:
    """The token ids of every prompt's texts, each distinct text encoded once (prompts share the avoided archive)."""
    if texts_by_prompt is None:
        return None
    encoded = {text: lm.encode(text) for text in {t for texts in texts_by_prompt for t in texts}}
    return [[encoded[text] for text in texts] for texts in texts_by_prompt]


def avoid_array(
    avoid_token_ids, penalty: float, num_prompts: int, max_new_tokens: int, draft_tokens: int, mesh
) -> jax.Array | None:
    """The avoided sequences as `[P, A, max_new_tokens]` (-1 after each sequence's end; A the most of any
    prompt rounded up to a power of two, so that a growing archive recompiles the decode loop rarely; the
    padding sequences are empty and change nothing), replicated on the mesh; None when nothing is avoided.
    Raises ValueError for a negative penalty, a count of prompts that does not match, or speculative decoding
    (its drafts are checked against the model's own distribution)."""
    if not penalty >= 0:
        raise ValueError(f"avoid_penalty must be >= 0, got {penalty}.")
    if avoid_token_ids is None or penalty == 0:
        return None
    if len(avoid_token_ids) != num_prompts:
        raise ValueError(
            f"avoid_token_ids has {len(avoid_token_ids)} entries for {num_prompts} prompts (one per prompt)."
        )
    if draft_tokens:
        raise ValueError("avoid_token_ids needs plain decoding (draft_tokens=0).")
    most = max(1, max(len(sequences) for sequences in avoid_token_ids))
    width = 1 << (most - 1).bit_length()
    array = np.full((num_prompts, width, max_new_tokens), -1, np.int32)
    for prompt, sequences in enumerate(avoid_token_ids):
        for index, ids in enumerate(sequences):
            ids = list(ids)[:max_new_tokens]
            array[prompt, index, : len(ids)] = ids
    return jax.device_put(array, sharding.replicated(mesh))
