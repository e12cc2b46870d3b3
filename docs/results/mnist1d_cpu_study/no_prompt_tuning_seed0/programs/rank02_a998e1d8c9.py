# rank 2 of no_prompt_tuning run no_prompt_tuning_seed0: 5,110 params, val 0.8890, test 0.8840, fitness -567.21
# seed, origin seed gru; parents: -
"""Seed 3: a bidirectional GRU (hidden size 6) over the 40 positions, flattened into a linear head.

The GRU cells are submodules of the model, so their weights are ordinary trainable parameters.
"""

import flax.linen as nn
import jax.numpy as jnp


class Model(nn.Module):
    hidden_size: int = 6

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]  # [batch, 40, 1]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)  # [batch, 40, 2 * hidden]
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
