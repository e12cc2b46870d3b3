# rank 5 of evoprompting run evoprompting_seed2: 670 params, val 0.9180, test 0.9230, fitness -54.94
# round 4, origin lm; parents: 329a3caddd493338d95317b6d25defdc69e406e1fa59fc14ea736139e17a4470, 3de5e7091a3714a0d6e4b808195c85858240be4343fd247b9cbfc3f0abf1bdc7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
