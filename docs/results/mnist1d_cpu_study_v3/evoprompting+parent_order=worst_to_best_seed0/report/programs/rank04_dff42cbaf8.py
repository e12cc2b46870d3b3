# rank 4 of evoprompting run evoprompting+parent_order=worst_to_best_seed0: 1,282 params, val 0.9310, test 0.9250, fitness -88.46
# round 3, origin lm; parents: 128845297bd6de2015986ff3351596c41fd6a93a1d48ac67c86075bf936ae13a, 07b20f2121c292a532947c88a484787bc9d11df8cf14d664701cbbd96eda667a
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 12

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
