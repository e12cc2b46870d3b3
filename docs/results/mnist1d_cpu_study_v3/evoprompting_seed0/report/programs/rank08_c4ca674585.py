# rank 8 of evoprompting run evoprompting_seed0: 166 params, val 0.6030, test 0.5730, fitness -65.90
# round 4, origin lm; parents: bc37a493a2d6fa90a1f37833322cf5f5b847b09bb7717740241a7e1778f6a40f, f73c07127005f0be9404ec6d0e23d78ecc92a167be65ce16974928cb8ce66cd4
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
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
