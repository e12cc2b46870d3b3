"""Copy unlikelihood for adapter training (`adapter_training`, `unlikelihood_weight > 0`): the tokens at which a
verbatim copy of a prompt's parent departs from the example's child, and their unlikelihood term."""

from __future__ import annotations

from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np

from evojax_nas.lm import model
from evojax_nas.lm.language_model import LanguageModel

# A tokenized example: (token ids of context + target, index of the first target token, copy negatives: the
# (position, token id) pairs of `copy_negatives`); a row without the third item has no negatives.
Row = tuple
MAX_NEGATIVES_PER_EXAMPLE = 4  # a prompt's parents beyond this many give no negatives (the presets show 2)


def copy_log_probs(model_config, params, final, num_soft: int, negatives) -> jax.Array:
    """Log-probability of each negative token at its position, from the final hidden states `[B, P + T, d]` of
    a batch whose text starts after `num_soft` soft-prompt positions (`pack_negatives`' arrays; padding
    entries give a value that their mask drops)."""
    rows, positions, tokens, _ = negatives
    predicting = final[rows, num_soft + jnp.maximum(positions - 1, 0)]
    log_probs = jax.nn.log_softmax(model.logits_from_hidden(model_config, params, predicting), axis=-1)
    return jnp.take_along_axis(log_probs, tokens[:, None], axis=-1)[:, 0]


def unlikelihood(log_probs: jax.Array, mask: jax.Array) -> jax.Array:
    """Mean of `-log(1 - p)` over the real negatives (0 without any)."""
    probability = jnp.minimum(jnp.exp(log_probs), 1.0 - 1e-6)
    return jnp.sum(-jnp.log1p(-probability) * mask) / jnp.maximum(jnp.sum(mask), 1.0)


def copy_negatives(lm: LanguageModel, parents: Sequence[str], token_ids: Sequence[int], start: int) -> tuple:
    """The (position, token id) pairs at which a verbatim copy of a parent first departs from the example's
    target (`token_ids[start:]`), with the copy's token there. `parents` are the completions that copy each parent
    shown in the example's prompt (the caller reads them out of its prompt format, e.g. `prompting.
    parent_completions`); a parent whose copy the target begins with, or that the target ends inside, gives none
    (there the copy writes no token the target refuses)."""
    target = list(token_ids[start:])
    negatives = []
    for completion in list(parents)[:MAX_NEGATIVES_PER_EXAMPLE]:
        copy = lm.encode(completion)
        shared = next(
            (i for i, (a, b) in enumerate(zip(target, copy, strict=False)) if a != b),
            min(len(target), len(copy)),
        )
        if shared < len(target) and shared < len(copy) and (start + shared, copy[shared]) not in negatives:
            negatives.append((start + shared, copy[shared]))
    return tuple(negatives)


def pack_negatives(rows: Sequence[Row]) -> tuple[np.ndarray, ...]:
    """The rows' copy negatives as flat (row, position, token, mask) arrays of a fixed size per batch
    (`MAX_NEGATIVES_PER_EXAMPLE` per row), so that every batch of one size shares one compiled step."""
    size = len(rows) * MAX_NEGATIVES_PER_EXAMPLE
    found = [(i, position, token) for i, row in enumerate(rows) for position, token in _negatives_of(row)]
    arrays = np.zeros((3, size), np.int32)
    mask = np.zeros(size, np.float32)
    if found:
        arrays[:, : len(found)] = np.asarray(found, np.int32).T
        mask[: len(found)] = 1.0
    return arrays[0], arrays[1], arrays[2], mask


def _negatives_of(row: Row) -> tuple:
    return row[2][:MAX_NEGATIVES_PER_EXAMPLE] if len(row) > 2 else ()
