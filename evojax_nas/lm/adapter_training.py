"""Training steps of an EvoPrompting adapter (LoRA factors and an optional warm-start soft prompt).

Two steps compute the same loss and gradients where both apply:

- plain (`cache_activations=False`): every step runs all `L` layers forward and backward, with the LoRA factors
  of layers `layers_from..L-1` (zero factors below them) and the soft prompt at the input;
- fast (`cache_activations=True`, `layers_from >= 1`, no soft prompt): the frozen layers below `layers_from`
  give the same output in every epoch, so it is computed once per example and cached on disk
  (`activation_cache.ActivationCache`); every step then runs only the upper `L - layers_from` layers. The soft
  prompt sits at the input, below the cache, so it cannot be trained in this mode.

Batches of one epoch may be grouped by length (`sort_window`): the epoch's shuffled examples are cut into
windows of `sort_window` batches, each window is sorted by length and cut into batches, and the batches are
shuffled again, so that a batch pads its rows to a similar length.

`settings` below is the adaptation config (`configs/lm_adapt.py`): `lora.{rank, targets, layers_from,
learning_rate, weight_decay, schedule_steps}`, `soft_prompt_length`, `soft_prompt_learning_rate`,
`warmup_steps`, `grad_clip_norm`, `batch_size`, `max_length`, `length_bucket`, `sort_window`, `remat`,
`cache_activations`, `cache_dtype`, `target_bucket` (fast step: targets packed into a flat list padded to a
multiple of it, see `pack_targets`; 0: the `[B, W]` target window of the plain step), `unlikelihood_weight`.

Copy unlikelihood (`unlikelihood_weight > 0`): an example's prompt shows its parents, and the child departs from
each parent's code at some first token. There the context is the same whether the LM copies that parent or
writes the child, so the parent's token at that position is what a verbatim copy would write next
(`copy_negatives`). The objective adds `unlikelihood_weight x mean(-log(1 - p))` over these tokens to the target
NLL, pushing the copy's probability down where the child shows it must diverge (Welleck et al. 2020's
token-level unlikelihood, with the parent copy as the negative candidate).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax

from evojax_nas.lm import lora, model, tuning
from evojax_nas.lm.activation_cache import ActivationCache, lower_hidden, split_layers
from evojax_nas.lm.copy_unlikelihood import Row, copy_log_probs, copy_negatives, pack_negatives, unlikelihood
from evojax_nas.lm.language_model import LanguageModel

# {"factors": {name: array}} plus "soft_prompt": [P, d_model] when P > 0 (Orbax cannot save a zero-size array).
Trainable = dict[str, Any]


def lora_config(settings) -> lora.LoraConfig:
    """The adapter's `LoraConfig` from the adaptation settings."""
    return lora.LoraConfig(
        rank=settings.lora.rank,
        targets=tuple(settings.lora.targets),
        layers_from=settings.lora.get("layers_from", 0),
    )


def make_optimizer(settings) -> optax.GradientTransformation:
    """AdamW with warmup and cosine decay over `lora.schedule_steps` for the LoRA factors; Adam for the soft
    prompt; global-norm clipping. The schedule does not depend on `steps`, so a run can be stopped early or
    extended (resumed with a larger `steps`) without changing the steps already taken."""
    horizon = max(settings.lora.schedule_steps, settings.warmup_steps + 1)
    schedule = optax.warmup_cosine_decay_schedule(
        0.0, settings.lora.learning_rate, max(1, settings.warmup_steps), horizon
    )
    transforms = {
        "factors": optax.adamw(schedule, weight_decay=settings.lora.weight_decay),
        "soft_prompt": optax.adam(settings.soft_prompt_learning_rate),
    }
    chain = [optax.multi_transform(transforms, tuning.label_by_key)]
    if settings.grad_clip_norm:
        chain.insert(0, optax.clip_by_global_norm(settings.grad_clip_norm))
    return optax.chain(*chain)


def initial_trainable(
    lm: LanguageModel, settings, key: jax.Array, start: lora.Adapter | None = None
) -> Trainable:
    """Fresh factors (B = 0: the model starts unchanged) and a soft prompt from vocabulary rows; with `start`
    (an adapter of the same base model), training continues from its factors (`starting_factors`) and from its
    soft prompt when that has `soft_prompt_length` rows."""
    factor_key, prompt_key = jax.random.split(key)
    trainable: Trainable = {"factors": {}}
    if settings.lora.rank > 0:
        trainable["factors"] = lora.init_factors(factor_key, lm.config, lora_config(settings))
        if start is not None:
            trainable["factors"] = starting_factors(start, trainable["factors"], settings.lora.layers_from)
    if settings.soft_prompt_length > 0:
        trainable["soft_prompt"] = lm.init_soft_prompt(prompt_key, settings.soft_prompt_length)
        shape = trainable["soft_prompt"].shape
        if start is not None and start.soft_prompt is not None and start.soft_prompt.shape == shape:
            trainable["soft_prompt"] = jnp.asarray(start.soft_prompt)
    return trainable


def starting_factors(
    start: lora.Adapter, fresh: dict[str, jax.Array], layers_from: int
) -> dict[str, jax.Array]:
    """`start`'s factors in the shape of `fresh` (the layers from `layers_from` on; `fresh`'s A factors where
    `start` left a layer unadapted); raises ValueError when its targets or rank differ, or when it adapts a layer
    below `layers_from` (training would drop that change)."""
    if set(start.factors) != set(fresh):
        raise ValueError(
            f"init_adapter adapts {sorted(start.factors)}, not the configured lora.targets' {sorted(fresh)}"
        )
    factors = {}
    for name, value in start.factors.items():
        if value.shape[0] - layers_from != fresh[name].shape[0] or value.shape[1:] != fresh[name].shape[1:]:
            raise ValueError(
                f"init_adapter's {name} has shape {value.shape}; lora.rank and lora.layers_from={layers_from} "
                f"need {tuple(fresh[name].shape)} from layer {layers_from} on"
            )
        if name.endswith("_lora_b") and np.any(value[:layers_from]):
            raise ValueError(
                f"init_adapter adapts layers below lora.layers_from={layers_from} ({name}); training from "
                f"layer {layers_from} would lose them"
            )
        upper = value[layers_from:]
        if name.endswith("_lora_a"):
            # A layer the start left unadapted has A = B = 0 in its file, which no gradient moves: fresh A there.
            unadapted = ~np.any(upper.reshape(len(upper), -1), axis=1)
            upper = np.where(unadapted[:, None, None], np.asarray(fresh[name]), upper)
        factors[name] = jnp.asarray(upper)
    return factors


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
    loss, grads = jax.value_and_grad(
        lambda t: objective(
            plain_losses(model_config, frozen, t, layers_from, arrays, remat, negatives),
            negatives,
            unlikelihood_weight,
        )
    )(trainable)
    updates, opt_state = optimizer.update(grads, opt_state, trainable)
    return optax.apply_updates(trainable, updates), opt_state, loss


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
    loss, grads = jax.value_and_grad(
        lambda t: objective(
            fast_losses(model_config, upper, t, hidden, arrays, remat, negatives),
            negatives,
            unlikelihood_weight,
        )
    )(trainable)
    updates, opt_state = optimizer.update(grads, opt_state, trainable)
    return optax.apply_updates(trainable, updates), opt_state, loss


_plain_eval = jax.jit(plain_losses, static_argnames=("model_config", "layers_from", "remat"))
_fast_eval = jax.jit(fast_losses, static_argnames=("model_config", "remat"))


def epoch_batches(
    lengths: Sequence[int], batch_size: int, key: jax.Array, sort_window: int
) -> list[np.ndarray]:
    """The batches (example indices) of one epoch: a permutation by `key` cut into `len // batch_size` batches
    (the remainder is dropped); with `sort_window > 0`, grouped by length within windows of that many batches
    and the batches shuffled again."""
    order = np.asarray(jax.random.permutation(key, len(lengths)))
    count = len(order) // batch_size
    if sort_window <= 0:
        return [order[i * batch_size : (i + 1) * batch_size] for i in range(count)]
    batches = []
    window = sort_window * batch_size
    for start in range(0, count * batch_size, window):
        chunk = order[start : min(start + window, count * batch_size)]
        chunk = chunk[np.argsort([lengths[i] for i in chunk], kind="stable")]
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    shuffle = np.asarray(jax.random.permutation(jax.random.fold_in(key, 1), len(batches)))
    return [batches[i] for i in shuffle]


class AdapterTrainer:
    """Trains an adapter of `lm` on tokenized (context, target) examples with the plain or the fast step, and
    with the copy unlikelihood when `settings.unlikelihood_weight > 0`.

    `cache_dir` holds the activation cache of the fast step (ignored by the plain one). `parents_of` reads, out
    of an example's context, the completions that would copy each parent shown in it (`prompting.
    parent_completions` for EvoPrompting's prompts; the LM layer does not know the prompt format); the copy
    unlikelihood needs it."""

    def __init__(
        self,
        lm: LanguageModel,
        settings,
        cache_dir: str | None = None,
        parents_of: Callable[[str], Sequence[str]] | None = None,
    ):
        self.lm, self.settings, self.parents_of = lm, settings, parents_of
        self.layers_from = settings.lora.get("layers_from", 0)
        self.remat = bool(settings.get("remat", True))
        self.fast = bool(settings.get("cache_activations", False))
        self.optimizer = make_optimizer(settings)
        self.unlikelihood_weight = float(settings.get("unlikelihood_weight", 0.0))
        if not self.unlikelihood_weight >= 0:
            raise ValueError(f"unlikelihood_weight must be >= 0, got {self.unlikelihood_weight}.")
        if self.unlikelihood_weight > 0 and parents_of is None:
            raise ValueError(
                "unlikelihood_weight > 0 needs parents_of (how to read the parents out of a prompt)."
            )
        if self.fast:
            if self.layers_from < 1 or settings.soft_prompt_length > 0:
                raise ValueError(
                    "cache_activations needs lora.layers_from >= 1 and soft_prompt_length = 0 (the soft prompt "
                    "sits below the cached layers and cannot be trained)."
                )
            if cache_dir is None:
                raise ValueError("cache_activations needs a cache directory.")
            self.cache = ActivationCache(
                cache_dir, lm.identity, self.layers_from, settings.get("cache_dtype", "float32")
            )
            self.lower, self.upper = split_layers(lm.params, self.layers_from)

    def tokenize(self, examples: Sequence[tuple[str, str]]) -> list[Row]:
        """(token ids, first target index, copy negatives) of each example, truncated to `max_length` (no
        negatives without `parents_of`)."""
        rows = tuning.tokenize_examples(self.lm, examples, self.settings.max_length)
        parents_of = self.parents_of or (lambda context: ())
        return [
            (ids, start, copy_negatives(self.lm, parents_of(context), ids, start))
            for (ids, start), (context, _) in zip(rows, examples, strict=True)
        ]

    def prepare(self, tokenized: Sequence[Row], progress: Callable[[int], None] | None = None):
        """Fills the activation cache for these examples (fast step only); returns how many were computed."""
        if not self.fast:
            return 0
        return self.cache.fill(
            [row[0] for row in tokenized],
            lambda token_ids, lengths: lower_hidden(self.lm.config, self.lower, token_ids, lengths),
            self.settings.batch_size,
            self.settings.length_bucket,
            progress,
        )

    def _inputs(self, rows: Sequence[Row], num_soft: int):
        batch = tuning.batch_from_tokens([row[:2] for row in rows], self.settings.length_bucket, num_soft)
        arrays = tuning.batch_arrays(batch)
        negatives = pack_negatives(rows)
        if not self.fast:
            return arrays, None, negatives
        if self.settings.get("target_bucket", 0):
            arrays = pack_targets(batch, self.settings.target_bucket)
        return arrays, self.cache.batch([row[0] for row in rows], batch.token_ids.shape[1]), negatives

    def step(self, trainable: Trainable, opt_state, rows: Sequence[Row]):
        """One optimiser step on a batch of tokenized examples; returns (trainable, opt_state, loss), the loss
        being the objective (target NLL, plus the copy unlikelihood when `unlikelihood_weight > 0`)."""
        arrays, hidden, negatives = self._inputs(rows, soft_prompt_length(trainable))
        weighted = {}
        if self.unlikelihood_weight > 0:  # weight 0: the plain NLL step, without the negatives' logits
            weighted = {"negatives": negatives, "unlikelihood_weight": self.unlikelihood_weight}
        if self.fast:
            return fast_step(
                self.lm.config,
                self.optimizer,
                self.upper,
                trainable,
                opt_state,
                hidden,
                arrays,
                self.remat,
                **weighted,
            )
        return plain_step(
            self.lm.config,
            self.optimizer,
            self.lm.params,
            trainable,
            opt_state,
            arrays,
            self.layers_from,
            self.remat,
            **weighted,
        )

    def evaluate(self, trainable: Trainable, tokenized: Sequence[Row]) -> dict[str, float | None]:
        """`nll`: the token-weighted mean target NLL (nats/token) of the examples under the adapter `trainable`;
        `copy_probability`: the mean probability of their copy negatives (None without any), how likely the LM
        is to go on copying a parent where the child departs from it."""
        total, tokens, copy_total, copies = 0.0, 0.0, 0.0, 0.0
        size = self.settings.batch_size
        for start in range(0, len(tokenized), size):
            arrays, hidden, negatives = self._inputs(
                tokenized[start : start + size], soft_prompt_length(trainable)
            )
            if self.fast:
                losses, counts, log_probs = _fast_eval(
                    self.lm.config, self.upper, trainable, hidden, arrays, self.remat, negatives
                )
            else:
                losses, counts, log_probs = _plain_eval(
                    self.lm.config, self.lm.params, trainable, self.layers_from, arrays, self.remat, negatives
                )
            total += float(jnp.sum(losses * counts))
            tokens += float(jnp.sum(counts))
            copy_total += float(jnp.sum(jnp.exp(log_probs) * negatives[3]))
            copies += float(np.sum(negatives[3]))
        return {"nll": total / max(tokens, 1.0), "copy_probability": copy_total / copies if copies else None}

    def mean_loss(self, trainable: Trainable, tokenized: Sequence[Row]) -> float:
        """Token-weighted mean target NLL (nats/token) of the examples under the adapter `trainable`."""
        return self.evaluate(trainable, tokenized)["nll"]
