# rank 6 of evoprompting run evoprompting_seed5: 178 params, val 0.6610, test 0.6550, fitness -60.34
# round 3, origin lm; parents: 6d569a78cea006f6b8894b13f3154323a19ea1feafc15f961bf7dc17db4f69b7, 94a07b9235b4eeb9de2cf352a7a6d82cc5bbf8791b3f37a42fff5d5a1d75cbf0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
