# rank 2 of evoprompting run evoprompting_seed1: 226 params, val 0.8360, test 0.8305, fitness -37.06
# round 3, origin lm; parents: 044e37c3affb3f704b7fd9f3d32d540e2df407bcd15261041e6e693ead5f39ec, 723423a13617d9fb228156ba191901f8d2ef86d2883de730d0b450dc3cef8b3c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
