"""The decoder as a Flax linen module.

`Decoder(config)` declares the model's parameters with `self.param` (the same pytree that `param_shapes`
describes and the checkpoint loaders produce) and exposes the three entry points of `model.py` as module
methods. So a loaded model is usable the Flax way, `Decoder(lm.config).apply({"params": lm.params}, embeds)`,
and a randomly initialised one comes from `Decoder(config).init(key, embeds)`. The computation itself lives in
`model.py`'s functions, which the sampler calls directly to control its KV-cache layout.
"""

from __future__ import annotations

import flax.linen as nn
import jax
import jax.numpy as jnp

from evojax_nas.lm import model
from evojax_nas.lm.config import ModelConfig

INIT_STDDEV = 0.02


def _initializer(name: str, shape: tuple[int, ...], dtype):
    """Ones for norm scales, zeros for biases, N(0, 0.02) for matrices and embeddings."""
    if "norm" in name and "bias" not in name:
        return lambda key: jnp.ones(shape, dtype)
    if name.startswith("b") or name.endswith("bias"):
        return lambda key: jnp.zeros(shape, dtype)
    return lambda key: INIT_STDDEV * jax.random.normal(key, shape, dtype)


class Decoder(nn.Module):
    """A decoder-only LM (Llama-like family or GPT-2) whose parameters are Flax params."""

    config: ModelConfig
    dtype: jnp.dtype = jnp.float32

    def setup(self) -> None:
        shapes = model.param_shapes(self.config)
        for name, shape in shapes.items():
            if name == "layers":
                continue
            setattr(self, name, self.param(name, _initializer(name, shape, self.dtype)))

        def init_layers(key):
            keys = jax.random.split(key, len(shapes["layers"]))
            return {
                name: _initializer(name, shape, self.dtype)(layer_key)
                for (name, shape), layer_key in zip(sorted(shapes["layers"].items()), keys, strict=True)
            }

        self.layers = self.param("layers", init_layers)

    def _params(self) -> model.Params:
        return self.variables["params"]

    def __call__(
        self, inputs_embeds: jax.Array, positions: jax.Array | None = None, valid: jax.Array | None = None
    ):
        """Logits `[B, T, vocab]` for embedded inputs `[B, T, d_model]` (see `model.forward`)."""
        self.layers  # noqa: B018 - touch a param so that init creates them all
        return model.forward(self.config, self._params(), inputs_embeds, positions, valid)

    def embed(self, token_ids: jax.Array) -> jax.Array:
        """Token embeddings of integer ids."""
        return model.embed_tokens(self._params(), token_ids)

    def prefill(
        self, inputs_embeds: jax.Array, positions: jax.Array | None = None, valid: jax.Array | None = None
    ):
        """Final hidden states and the KV cache of the inputs (see `model.prefill`)."""
        return model.prefill(self.config, self._params(), inputs_embeds, positions, valid)

    def decode_step(self, *args, **kwargs):
        """One KV-cached decoding step (see `model.decode_step` for the arguments)."""
        return model.decode_step(self.config, self._params(), *args, **kwargs)
