# rank 8 of evoprompting run evoprompting_seed5: 178 params, val 0.6420, test 0.6240, fitness -63.72
# round 3, origin lm; parents: 94a07b9235b4eeb9de2cf352a7a6d82cc5bbf8791b3f37a42fff5d5a1d75cbf0, f8f10951b6b59893810518f7fd9270c97befb038ece64b854a4e55eb3a097c4c
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
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
