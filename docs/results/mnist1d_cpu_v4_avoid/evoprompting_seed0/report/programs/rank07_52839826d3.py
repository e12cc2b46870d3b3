# rank 7 of evoprompting run evoprompting_seed0: 1,466 params, val 0.9440, test 0.9225, fitness -82.10
# round 3, origin lm; parents: ca293c7c4d10e0b3a28f1bc436e9e4f187d09041a3dd0c27742c835ef658f039, dff42cbaf86ff4a02cf1d0339c51011d13f71662155113307e29050981615fde
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 13

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        forward = nn.RNN(nn.GRUCell(features=self.hidden_size))(x)
        backward = nn.RNN(nn.GRUCell(features=self.hidden_size), reverse=True, keep_order=True)(x)
        x = jnp.concatenate([forward, backward], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
