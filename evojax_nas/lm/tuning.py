"""Soft-prompt tuning: train the soft prompt on (context, target) pairs, with loss on target tokens only.

The frozen LM parameters are an argument of the jitted step (closing over them doubles peak memory and compile
time) and gradients are taken with respect to the prompt alone, so the LM weights cannot change. Optionally
low-rank factors of the upper layers (`lora.py`) train jointly with the prompt: the backward pass already runs
through every layer to reach the prompt, so the factors' gradients cost little more; the weights themselves stay
frozen. On an LM placed on several devices (`LanguageModel.mesh`), a batch's rows are split over the mesh's
'data' axis (data-parallel tuning); the trained parameters and their optimiser state are replicated.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax
from absl import logging

from evojax_nas.lm import lora, model, sharding
from evojax_nas.lm.activation_cache import split_layers
from evojax_nas.lm.config import ModelConfig
from evojax_nas.lm.language_model import LanguageModel
from evojax_nas.lm.soft_prompt import rms


@dataclasses.dataclass(frozen=True)
class TuningConfig:
    """Settings of `tune_soft_prompt`. `length_bucket` pads batches to multiples of it (fewer recompiles);
    examples longer than `max_length` tokens lose the start of their context."""

    num_epochs: int = 1
    batch_size: int = 8
    learning_rate: float = 1e-2
    optimizer: str = "adam"  # "adam" or "adafactor"
    length_bucket: int = 64
    max_length: int = 1024
    log_every: int = 10
    lora_learning_rate: float = 1e-3  # Adam, for LoRA factors trained with the prompt (`tune_soft_prompt`)
    # > 0: after every step the prompt is projected back into the ball of this radius, relative to the anchor's
    # norm, around the anchor passed to `tune_soft_prompt` (a trust region). 0: unbounded.
    max_drift: float = 0.0


@dataclasses.dataclass(frozen=True)
class TuningResult:
    """The tuned soft prompt, its optimiser state (to continue tuning), the mean loss of every step, the
    prompt's RMS after every step (compare with `LanguageModel.embedding_rms`), and the tuned LoRA factors when
    factors were tuned with the prompt (the optimiser state then covers both)."""

    soft_prompt: jax.Array
    opt_state: Any
    loss_history: list[float]
    prompt_rms_history: list[float]
    factors: dict[str, jax.Array] | None = None


@functools.cache
def make_optimizer(config: TuningConfig) -> optax.GradientTransformation:
    """The optax optimiser named by `config.optimizer` at `config.learning_rate`.

    Cached per config: the optimiser is a static argument of the jitted step, so returning the same object
    lets later tuning rounds reuse the compiled step instead of recompiling it."""
    if config.optimizer == "adam":
        return optax.adam(config.learning_rate)
    if config.optimizer == "adafactor":
        return optax.adafactor(config.learning_rate)
    raise ValueError(f"optimizer {config.optimizer!r} is not supported; use 'adam' or 'adafactor'.")


def label_by_key(tree: dict) -> dict:
    """`optax.multi_transform` labels: every leaf under a top-level key is labelled with that key."""
    return {name: jax.tree.map(lambda _, name=name: name, value) for name, value in tree.items()}


@functools.cache
def make_joint_optimizer(config: TuningConfig) -> optax.GradientTransformation:
    """`make_optimizer` for the soft prompt and Adam at `config.lora_learning_rate` for LoRA factors, over a
    `{"soft_prompt": ..., "factors": {...}}` tree (cached per config, as `make_optimizer`)."""
    transforms = {"soft_prompt": make_optimizer(config), "factors": optax.adam(config.lora_learning_rate)}
    return optax.multi_transform(transforms, label_by_key)


@dataclasses.dataclass(frozen=True)
class Batch:
    """Token ids `[B, T]` (right-padded) and each row's length; `target_index` `[B, W]` holds the positions of
    each row's target tokens (the only ones in the loss, W padded to the bucket) and `target_mask` `[B, W]`
    marks the real ones. Logits are computed only at those positions: the vocabulary projection of every
    context position would cost as much as the rest of a small model."""

    token_ids: np.ndarray
    lengths: np.ndarray
    target_index: np.ndarray
    target_mask: np.ndarray


def tokenize_examples(
    lm: LanguageModel, examples: Sequence[tuple[str, str]], max_length: int
) -> list[tuple[list[int], int]]:
    """Each (context, target) pair as (token ids of context + target, index of the first target token); an
    example longer than `max_length` tokens loses the start of its context (and the end of its target if the
    target alone is longer)."""
    tokenized = []
    for context, target in examples:
        context_ids, target_ids = lm.encode(context), lm.encode(target)
        target_ids = target_ids[:max_length]
        context_ids = context_ids[max(0, len(context_ids) + len(target_ids) - max_length) :]
        tokenized.append((context_ids + target_ids, len(context_ids)))
    return tokenized


def batch_from_tokens(tokenized: Sequence[tuple[list[int], int]], length_bucket: int, num_soft: int) -> Batch:
    """A right-padded batch of `tokenize_examples` output; the padded length (with the soft prompt's `num_soft`
    positions) and the target window are multiples of `length_bucket`."""
    sequences = [ids for ids, _ in tokenized]
    target_starts = [start for _, start in tokenized]
    total = max(length_bucket, -(-(num_soft + max(map(len, sequences))) // length_bucket) * length_bucket)
    width = total - num_soft
    longest_target = max(len(ids) - start for ids, start in zip(sequences, target_starts, strict=True))
    target_width = max(1, -(-longest_target // length_bucket) * length_bucket)
    token_ids = np.zeros((len(sequences), width), np.int32)
    target_index = np.zeros((len(sequences), target_width), np.int32)
    target_mask = np.zeros((len(sequences), target_width), np.float32)
    for row, (ids, start) in enumerate(zip(sequences, target_starts, strict=True)):
        token_ids[row, : len(ids)] = ids
        count = len(ids) - start
        target_index[row] = np.minimum(start + np.arange(target_width), width - 1)
        target_mask[row, :count] = 1.0
    lengths = np.asarray([len(s) for s in sequences], np.int32)
    return Batch(token_ids, lengths, target_index, target_mask)


def make_batch(
    lm: LanguageModel, examples: Sequence[tuple[str, str]], length_bucket: int, max_length: int, num_soft: int
) -> Batch:
    """Tokenizes (context, target) pairs into a right-padded batch; the loss covers the target tokens only."""
    return batch_from_tokens(tokenize_examples(lm, examples, max_length), length_bucket, num_soft)


def per_example_loss(config: ModelConfig, params, soft_prompt, token_ids, lengths, target_index, target_mask):
    """Mean target-token NLL of each example and its number of target tokens; the soft prompt comes first
    (so with an empty context the first target token is predicted from the soft prompt's last position).
    `params` may carry LoRA factors (see `lora.with_factors`)."""
    inputs, valid = prompted_inputs(params, soft_prompt, token_ids, lengths)
    hidden, _ = model.prefill(config, params, inputs, valid=valid, remat=True)
    return target_losses(config, params, hidden, soft_prompt.shape[0], token_ids, target_index, target_mask)


def prompted_inputs(params, soft_prompt, token_ids, lengths) -> tuple[jax.Array, jax.Array]:
    """The input embeddings `[B, P + T, d]` of a batch with the soft prompt before each row's text, and which
    positions are real (the prompt's and the row's `lengths` tokens)."""
    batch, width = token_ids.shape
    num_soft = soft_prompt.shape[0]
    embeds = model.embed_tokens(params, token_ids)
    prompt = jnp.broadcast_to(soft_prompt.astype(embeds.dtype), (batch,) + soft_prompt.shape)
    valid = jnp.arange(num_soft + width)[None] < (num_soft + lengths)[:, None]
    return jnp.concatenate([prompt, embeds], axis=1), valid


def token_weighted_mean(losses: jax.Array, counts: jax.Array) -> jax.Array:
    """The mean of per-example losses weighted by their target-token counts (the training objective)."""
    return jnp.sum(losses * counts) / jnp.maximum(jnp.sum(counts), 1.0)


def target_losses(config: ModelConfig, params, hidden, num_soft: int, token_ids, target_index, target_mask):
    """Mean NLL of each row's target tokens and their number, from the final hidden states `[B, P + T, d]` of a
    batch whose text starts after `num_soft` soft-prompt positions. Logits are computed at the target window
    only."""
    # Text token t sits at position num_soft + t and is predicted by the hidden state of the position before it.
    predicting = jnp.take_along_axis(hidden, (num_soft - 1 + target_index)[..., None], axis=1)
    log_probs = jax.nn.log_softmax(model.logits_from_hidden(config, params, predicting), axis=-1)
    labels = jnp.take_along_axis(token_ids, target_index, axis=1)
    nll = -jnp.take_along_axis(log_probs, labels[..., None], axis=-1)[..., 0]
    count = jnp.sum(target_mask, axis=1)
    return jnp.sum(nll * target_mask, axis=1) / jnp.maximum(count, 1.0), count


def batch_loss(config: ModelConfig, params, soft_prompt, *arrays) -> jax.Array:
    """The token-weighted mean target NLL of a batch (the training objective)."""
    return token_weighted_mean(*per_example_loss(config, params, soft_prompt, *arrays))


def batch_arrays(batch: Batch) -> tuple[np.ndarray, ...]:
    """The arrays of a batch in the argument order of `per_example_loss`."""
    return batch.token_ids, batch.lengths, batch.target_index, batch.target_mask


def place_batch(arrays: Sequence[np.ndarray], mesh) -> tuple:
    """`batch_arrays` split by rows over the 'data' axis of `mesh` (unchanged on one device). Rows are padded to a
    multiple of the axis with empty examples (no target tokens), which add nothing to `batch_loss`."""
    if not _data_parallel(mesh):
        return tuple(arrays)
    padding = -arrays[0].shape[0] % sharding.data_size(mesh)
    return tuple(
        jax.device_put(np.pad(a, [(0, padding)] + [(0, 0)] * (a.ndim - 1)), sharding.rows(mesh, a.ndim))
        for a in arrays
    )


def _data_parallel(mesh) -> bool:
    return mesh is not None and sharding.data_size(mesh) > 1


def _replicate(tree, mesh):
    return jax.device_put(tree, sharding.replicated(mesh)) if _data_parallel(mesh) else tree


@functools.partial(jax.jit, static_argnames=("config",))
def _example_losses(config, params, soft_prompt, *arrays):
    return per_example_loss(config, params, soft_prompt, *arrays)


@functools.partial(jax.jit, static_argnames=("config", "optimizer"))
def _train_step(config, optimizer, params, soft_prompt, opt_state, *arrays):
    def loss_fn(prompt):
        return batch_loss(config, params, prompt, *arrays)

    loss, grad = jax.value_and_grad(loss_fn)(soft_prompt)
    updates, opt_state = optimizer.update(grad, opt_state, soft_prompt)
    return optax.apply_updates(soft_prompt, updates), opt_state, loss


def joint_example_loss(
    config: ModelConfig, params, factors, soft_prompt, token_ids, lengths, target_index, target_mask
):
    """`per_example_loss` with LoRA `factors` on the top layers (their leading axis): the layers below them run
    without factors, so the factors add their own cost only."""
    lower, upper = split_layers(params, config.num_layers - next(iter(factors.values())).shape[0])
    inputs, valid = prompted_inputs(params, soft_prompt, token_ids, lengths)
    hidden, _ = model.prefill(config, lower, inputs, valid=valid, remat=True, final_norm=False)
    upper = lora.with_factors(upper, factors)
    hidden, _ = model.prefill(config, upper, hidden, valid=valid, remat=True, from_hidden=True)
    return target_losses(config, params, hidden, soft_prompt.shape[0], token_ids, target_index, target_mask)


@functools.partial(jax.jit, static_argnames=("config", "optimizer"))
def _joint_step(config, optimizer, params, trainable, opt_state, *arrays):
    """One step on `{"soft_prompt", "factors"}`: the factors cover the top layers."""

    def loss_fn(tree):
        return token_weighted_mean(
            *joint_example_loss(config, params, tree["factors"], tree["soft_prompt"], *arrays)
        )

    loss, grad = jax.value_and_grad(loss_fn)(trainable)
    updates, opt_state = optimizer.update(grad, opt_state, trainable)
    return optax.apply_updates(trainable, updates), opt_state, loss


def example_losses(
    lm: LanguageModel,
    soft_prompt: jax.Array,
    examples: Sequence[tuple[str, str]],
    config: TuningConfig = TuningConfig(),
) -> np.ndarray:
    """Mean target-token NLL (nats/token) of each example given the soft prompt (evaluation, no training)."""
    losses = []
    for start in range(0, len(examples), config.batch_size):
        batch = make_batch(
            lm,
            examples[start : start + config.batch_size],
            config.length_bucket,
            config.max_length,
            soft_prompt.shape[0],
        )
        loss, _ = _example_losses(lm.config, lm.params, soft_prompt, *batch_arrays(batch))
        losses.append(np.asarray(loss))
    return np.concatenate(losses)


def relative_drift(soft_prompt: jax.Array, anchor: jax.Array) -> float:
    """`||soft_prompt - anchor|| / ||anchor||`: how far a tuned prompt moved from the one it started from."""
    anchor = jnp.asarray(anchor, jnp.float32)
    return float(jnp.linalg.norm(jnp.asarray(soft_prompt, jnp.float32) - anchor) / jnp.linalg.norm(anchor))


def _drift_projection(anchor: jax.Array | None, max_drift: float):
    """The projection into the trust region of `TuningConfig.max_drift` around `anchor` (identity when off)."""
    if max_drift <= 0:
        return lambda prompt: prompt
    anchor = jnp.asarray(anchor, jnp.float32)
    radius = max_drift * jnp.linalg.norm(anchor)
    return lambda prompt: anchor + optax.projections.projection_l2_ball(prompt - anchor, radius)


def tune_soft_prompt(
    lm: LanguageModel,
    soft_prompt: jax.Array,
    examples: Sequence[tuple[str, str]],
    config: TuningConfig,
    key: jax.Array,
    opt_state: Any = None,
    factors: dict[str, Any] | None = None,
    anchor: jax.Array | None = None,
) -> TuningResult:
    """Trains `soft_prompt` `[P, d_model]` (and, if given, the LoRA `factors` of the top layers, jointly) to
    predict each example's target text after its context.

    Examples are shuffled every epoch with `key`; batches are padded to `config.length_bucket` multiples.
    Pass the `opt_state` of a previous result to continue tuning. The LM parameters are never changed. With
    `config.max_drift > 0`, every step ends with the prompt projected into the ball of radius
    `max_drift * ||anchor||` around `anchor` (the prompt the run started from: projected gradient descent).
    """
    if not examples:
        raise ValueError("tune_soft_prompt needs at least one (context, target) example.")
    if config.max_drift < 0:
        raise ValueError(f"TuningConfig.max_drift must be >= 0 (0: unbounded), got {config.max_drift!r}")
    if config.max_drift > 0 and anchor is None:
        raise ValueError(
            "tune_soft_prompt with max_drift > 0 needs the anchor prompt the drift is measured from"
        )
    project = _drift_projection(None if anchor is None else _replicate(anchor, lm.mesh), config.max_drift)
    mesh = lm.mesh
    soft_prompt = jnp.asarray(soft_prompt, jnp.float32)
    if factors is None:
        optimizer, trainable = make_optimizer(config), soft_prompt
    else:
        optimizer = make_joint_optimizer(config)
        trainable = {
            "soft_prompt": soft_prompt,
            "factors": {k: jnp.asarray(v, jnp.float32) for k, v in factors.items()},
        }
    trainable = _replicate(trainable, mesh)
    opt_state = _replicate(optimizer.init(trainable) if opt_state is None else opt_state, mesh)
    step = _train_step if factors is None else _joint_step
    num_soft = soft_prompt.shape[0]
    losses: list[float] = []
    prompt_rms: list[float] = []
    for epoch in range(config.num_epochs):
        order = np.asarray(jax.random.permutation(jax.random.fold_in(key, epoch), len(examples)))
        for start in range(0, len(examples), config.batch_size):
            chosen = [examples[i] for i in order[start : start + config.batch_size]]
            batch = make_batch(lm, chosen, config.length_bucket, config.max_length, num_soft)
            trainable, opt_state, loss = step(
                lm.config, optimizer, lm.params, trainable, opt_state, *place_batch(batch_arrays(batch), mesh)
            )
            if factors is None:
                trainable = project(trainable)
            else:
                trainable = {**trainable, "soft_prompt": project(trainable["soft_prompt"])}
            losses.append(float(loss))
            prompt_rms.append(rms(trainable if factors is None else trainable["soft_prompt"]))
            if len(losses) % config.log_every == 1 or config.log_every == 1:
                logging.info(
                    "prompt tuning step %d (epoch %d): loss %.4f, prompt RMS %.4f vs embedding RMS %.4f",
                    len(losses),
                    epoch,
                    losses[-1],
                    prompt_rms[-1],
                    lm.embedding_rms,
                )
    logging.info(
        "prompt tuning done: %d steps, final loss %.4f, prompt RMS %.4f vs embedding RMS %.4f",
        len(losses),
        losses[-1],
        prompt_rms[-1],
        lm.embedding_rms,
    )
    if factors is None:
        return TuningResult(trainable, opt_state, losses, prompt_rms)
    return TuningResult(trainable["soft_prompt"], opt_state, losses, prompt_rms, trainable["factors"])
