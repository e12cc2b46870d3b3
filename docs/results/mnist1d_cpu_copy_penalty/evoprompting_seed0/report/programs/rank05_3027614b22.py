# rank 5 of evoprompting run evoprompting_seed0: 242 params, val 0.6810, test 0.6695, fitness -77.20
# round 2, origin lm; parents: e9102abab7a0249ae93e987ab513acc9104e7f0502e54fbf6fc40f394a0edee4, ea52d5ff9d53f848a0b536f2ece8be59558036cf24a7d8f46afb9e3b478bfb78
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 4

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
