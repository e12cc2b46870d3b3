# rank 9 of evoprompting run evoprompting_seed0: 458 params, val 0.7970, test 0.7895, fitness -92.97
# round 4, origin lm; parents: bd842b3f549c45fe2d2e6fd3d2210e84ffe8fd66773d9ac6a070201fb38fb432, 7c3ab1b6380c2cdc736ffa3e9b8ae43ff1e01cc70bb20eb614ec7491e6f82c6f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
