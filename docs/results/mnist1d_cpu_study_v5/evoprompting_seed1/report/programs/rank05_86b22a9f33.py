# rank 5 of evoprompting run evoprompting_seed1: 958 params, val 0.9590, test 0.9600, fitness -39.28
# round 4, origin lm; parents: d1f7a5e79363d32151571fc97d18c26793cd98cbb9e22960d9e0e047b03aa5a4, b42142e10a858564e6865178f24d7923db30a162b4ab1982b134b82184610abd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='VALID')(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='VALID')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
