"""Training an EvoPrompting adapter (LoRA factors and an optional warm-start soft prompt): its setup (config,
optimiser, initial or warm-started factors), the epochs' batches, and `AdapterTrainer`, which tokenizes examples
and runs the plain or the fast step (`adapter_steps`: the fast one trains the upper layers over cached
activations of the frozen lower ones; both give the same loss and gradients where both apply).

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

from collections.abc import Callable, Sequence

import jax
import jax.numpy as jnp
import numpy as np
import optax

from evojax_nas.lm import adapter_steps, lora, tuning
from evojax_nas.lm.activation_cache import ActivationCache, lower_hidden, split_layers
from evojax_nas.lm.adapter_steps import Trainable, soft_prompt_length
from evojax_nas.lm.copy_unlikelihood import Row, copy_negatives, pack_negatives
from evojax_nas.lm.language_model import LanguageModel


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
            arrays = adapter_steps.pack_targets(batch, self.settings.target_bucket)
        return arrays, self.cache.batch([row[0] for row in rows], batch.token_ids.shape[1]), negatives

    def step(self, trainable: Trainable, opt_state, rows: Sequence[Row]):
        """One optimiser step on a batch of tokenized examples; returns (trainable, opt_state, loss), the loss
        being the objective (target NLL, plus the copy unlikelihood when `unlikelihood_weight > 0`)."""
        arrays, hidden, negatives = self._inputs(rows, soft_prompt_length(trainable))
        weighted = {}
        if self.unlikelihood_weight > 0:  # weight 0: the plain NLL step, without the negatives' logits
            weighted = {"negatives": negatives, "unlikelihood_weight": self.unlikelihood_weight}
        if self.fast:
            return adapter_steps.fast_step(
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
        return adapter_steps.plain_step(
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
                losses, counts, log_probs = adapter_steps.fast_eval(
                    self.lm.config, self.upper, trainable, hidden, arrays, self.remat, negatives
                )
            else:
                losses, counts, log_probs = adapter_steps.plain_eval(
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
