# rank 4 of evoprompting run evoprompting_seed1: 670 params, val 0.9430, test 0.9465, fitness -38.19
# round 4, origin lm; parents: 96ca7f8752f74d59b9e93239373cfa3e45f58a7fcacdab541ff3e433484068ee, d1f7a5e79363d32151571fc97d18c26793cd98cbb9e22960d9e0e047b03aa5a4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
