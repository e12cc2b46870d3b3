"""The decoder as a Flax linen module: its params are the loader's pytree and it computes the same logits."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from evojax_nas.lm import model
from evojax_nas.lm.flax_module import Decoder


def test_flax_init_declares_the_loader_parameter_tree(random_llama):
    config = random_llama.config
    embeds = jnp.zeros((1, 4, config.d_model))
    variables = Decoder(config).init(jax.random.key(0), embeds)
    shapes = jax.tree.map(lambda leaf: leaf.shape, variables["params"])
    loaded = jax.tree.map(lambda leaf: leaf.shape, random_llama.params)
    assert shapes == loaded
    assert float(jnp.abs(variables["params"]["embed"]).max()) > 0  # really initialised, not zeros


def test_flax_apply_on_loaded_weights_matches_the_functional_model(random_llama):
    config = random_llama.config
    token_ids = jnp.asarray([random_llama.encode("def f(x):\n    return x")])
    decoder = Decoder(config)
    variables = {"params": random_llama.params}
    embeds = decoder.apply(variables, token_ids, method=Decoder.embed)
    logits = decoder.apply(variables, embeds)
    reference = model.forward(config, random_llama.params, model.embed_tokens(random_llama.params, token_ids))
    np.testing.assert_array_equal(np.asarray(logits), np.asarray(reference))
    hidden, (keys, values) = decoder.apply(variables, embeds, method=Decoder.prefill)
    assert keys.shape[0] == config.num_layers and hidden.shape == embeds.shape
