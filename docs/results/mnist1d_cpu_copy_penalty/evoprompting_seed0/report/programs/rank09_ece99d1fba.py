# rank 9 of evoprompting run evoprompting_seed0: 430 params, val 0.7570, test 0.7240, fitness -104.49
# round 4, origin lm; parents: 94a07b9235b4eeb9de2cf352a7a6d82cc5bbf8791b3f37a42fff5d5a1d75cbf0, 79d40b1a5287904bc1626728ae5119234baeb54b395ca9cf20be732e57d257f4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 6

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
