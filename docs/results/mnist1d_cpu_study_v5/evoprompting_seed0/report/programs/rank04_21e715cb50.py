# rank 4 of evoprompting run evoprompting_seed0: 522 params, val 0.9090, test 0.8780, fitness -47.50
# round 3, origin lm; parents: bd842b3f549c45fe2d2e6fd3d2210e84ffe8fd66773d9ac6a070201fb38fb432, 6d569a78cea006f6b8894b13f3154323a19ea1feafc15f961bf7dc17db4f69b7
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 5

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
