# rank 9 of evoprompting run evoprompting_seed0: 178 params, val 0.6900, test 0.6730, fitness -55.18
# round 3, origin lm; parents: bd842b3f549c45fe2d2e6fd3d2210e84ffe8fd66773d9ac6a070201fb38fb432, 6d569a78cea006f6b8894b13f3154323a19ea1feafc15f961bf7dc17db4f69b7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
