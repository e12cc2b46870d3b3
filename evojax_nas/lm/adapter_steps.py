"""The jitted loss and optimiser steps of adapter training (`adapter_training.AdapterTrainer` drives them).

Two steps compute the same loss and gradients where both apply:

- plain (`cache_activations=False`): every step runs all `L` layers forward and backward, with the LoRA factors
  of layers `layers_from..L-1` (zero factors below them) and the soft prompt at the input;
- fast (`cache_activations=True`, `layers_from >= 1`, no soft prompt): every step runs only the upper
  `L - layers_from` layers over the frozen lower layers' hidden states, computed once per example and cached
  (`activation_cache.ActivationCache`).

The objective is the token-weighted target NLL, plus `unlikelihood_weight x` the copy unlikelihood of the parent
tokens a verbatim copy would write where the child diverges (`copy_unlikelihood`) when that weight is > 0.
"""

from __future__ import annotations

import functools
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax

from evojax_nas.lm import lora, model, tuning
from evojax_nas.lm.copy_unlikelihood import copy_log_probs, unlikelihood

# {"factors": {name: array}} plus "soft_prompt": [P, d_model] when P > 0 (Orbax cannot save a zero-size array).
Trainable = dict[str, Any]


def soft_prompt_length(trainable: Trainable) -> int:
    """The number of soft-prompt positions of an adapter being trained (0 without a soft prompt)."""
    return trainable["soft_prompt"].shape[0] if "soft_prompt" in trainable else 0


def plain_losses(
    model_config, frozen, trainable: Trainable, layers_from: int, arrays, remat: bool = True, negatives=None
):
    """Per-example target NLL and token counts through all layers (`tuning.Batch` arrays); with `negatives`
    (`pack_negatives`' arrays) also the log-probability of each negative token (`copy_log_probs`)."""
    params = lora.with_factors(frozen, lora.pad_layers(trainable["factors"], layers_from))
    token_ids, lengths, target_index, target_mask = arrays
    batch, width = token_ids.shape
    num_soft = soft_prompt_length(trainable)
    inputs = model.embed_tokens(params, token_ids)
    if num_soft:
        soft_prompt = trainable["soft_prompt"].astype(inputs.dtype)
        inputs = jnp.concatenate(
            [jnp.broadcast_to(soft_prompt, (batch,) + soft_prompt.shape), inputs], axis=1
        )
    valid = jnp.arange(num_soft + width)[None] < (num_soft + lengths)[:, None]
    hidden, _ = model.prefill(model_config, params, inputs, valid=valid, remat=remat)
    losses = tuning.target_losses(
        model_config, params, hidden, num_soft, token_ids, target_index, target_mask
    )
    if negatives is None:
        return losses
    return *losses, copy_log_probs(model_config, params, hidden, num_soft, negatives)


def fast_losses(
    model_config, upper, trainable: Trainable, hidden, arrays, remat: bool = True, negatives=None
):
    """Per-example target NLL and token counts from cached hidden states `[B, T, d]` entering the first layer
    of `upper` (whose layers carry `trainable`'s factors). `arrays` are a `tuning.Batch`'s, or `pack_targets`'
    (token_ids, lengths, rows, positions, mask). With `negatives`, also `copy_log_probs`."""
    params = lora.with_factors(upper, trainable["factors"])
    token_ids, lengths = arrays[:2]
    valid = jnp.arange(token_ids.shape[1])[None] < lengths[:, None]
    final, _ = model.prefill(model_config, params, hidden, valid=valid, remat=remat, from_hidden=True)
    losses = _fast_target_losses(model_config, params, final, arrays)
    if negatives is None:
        return losses
    return *losses, copy_log_probs(model_config, params, final, 0, negatives)


def _fast_target_losses(model_config, params, final, arrays):
    token_ids = arrays[0]
    if len(arrays) == 4:
        return tuning.target_losses(model_config, params, final, 0, token_ids, *arrays[2:])
    rows, positions, mask = arrays[2:]
    # Token t is predicted by the hidden state at t - 1 (no soft prompt here); padding entries have mask 0.
    predicting = final[rows, jnp.maximum(positions - 1, 0)]
    log_probs = jax.nn.log_softmax(model.logits_from_hidden(model_config, params, predicting), axis=-1)
    nll = -jnp.take_along_axis(log_probs, token_ids[rows, positions][:, None], axis=-1)[:, 0]
    batch = token_ids.shape[0]
    counts = jax.ops.segment_sum(mask, rows, num_segments=batch)
    return jax.ops.segment_sum(nll * mask, rows, num_segments=batch) / jnp.maximum(counts, 1.0), counts


def objective(losses, negatives, weight) -> jax.Array:
    """The training objective: the token-weighted mean target NLL, plus `weight x unlikelihood` of the copy
    negatives when there are any (`losses` = (per-example NLL, counts[, negatives' log-probabilities]))."""
    nll = tuning.token_weighted_mean(*losses[:2])
    if negatives is None:
        return nll
    return nll + weight * unlikelihood(losses[2], negatives[3])


def pack_targets(batch: tuning.Batch, bucket: int) -> tuple[np.ndarray, ...]:
    """The batch's token ids and lengths, and its real target tokens as flat (row, position, mask) arrays padded
    to a multiple of `bucket` entries: the vocabulary projection then covers the targets' tokens only, not every
    row padded to the longest target (`[B, W]`)."""
    rows, positions = np.nonzero(batch.target_mask)
    positions = batch.target_index[rows, positions]
    size = max(bucket, -(-len(rows) // bucket) * bucket)
    padding = size - len(rows)
    mask = np.concatenate([np.ones(len(rows), np.float32), np.zeros(padding, np.float32)])
    rows = np.concatenate([rows, np.zeros(padding, np.int64)]).astype(np.int32)
    positions = np.concatenate([positions, np.zeros(padding, np.int32)]).astype(np.int32)
    return batch.token_ids, batch.lengths, rows, positions, mask


def _descend(optimizer, losses_of, trainable, opt_state, negatives, unlikelihood_weight):
    """One optimiser step on `objective(losses_of(trainable), ...)`: (trainable, opt_state, loss)."""
    loss, grads = jax.value_and_grad(lambda t: objective(losses_of(t), negatives, unlikelihood_weight))(
        trainable
    )
    updates, opt_state = optimizer.update(grads, opt_state, trainable)
    return optax.apply_updates(trainable, updates), opt_state, loss


@functools.partial(
    jax.jit,
    static_argnames=("model_config", "optimizer", "layers_from", "remat"),
    donate_argnames=("trainable", "opt_state"),
)
def plain_step(
    model_config,
    optimizer,
    frozen,
    trainable,
    opt_state,
    arrays,
    layers_from=0,
    remat=True,
    negatives=None,
    unlikelihood_weight=0.0,
):
    """One optimiser step of the plain path; returns (trainable, opt_state, loss = `objective`)."""
    return _descend(
        optimizer,
        lambda t: plain_losses(model_config, frozen, t, layers_from, arrays, remat, negatives),
        trainable,
        opt_state,
        negatives,
        unlikelihood_weight,
    )


@functools.partial(
    jax.jit,
    static_argnames=("model_config", "optimizer", "remat"),
    donate_argnames=("trainable", "opt_state"),
)
def fast_step(
    model_config,
    optimizer,
    upper,
    trainable,
    opt_state,
    hidden,
    arrays,
    remat=True,
    negatives=None,
    unlikelihood_weight=0.0,
):
    """One optimiser step of the fast path (upper layers over cached hidden states); returns (trainable,
    opt_state, loss = `objective`)."""
    return _descend(
        optimizer,
        lambda t: fast_losses(model_config, upper, t, hidden, arrays, remat, negatives),
        trainable,
        opt_state,
        negatives,
        unlikelihood_weight,
    )


plain_eval = jax.jit(plain_losses, static_argnames=("model_config", "layers_from", "remat"))
fast_eval = jax.jit(fast_losses, static_argnames=("model_config", "remat"))
