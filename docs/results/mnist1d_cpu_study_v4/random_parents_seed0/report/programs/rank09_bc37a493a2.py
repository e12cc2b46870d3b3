# rank 9 of random_parents run random_parents_seed0: 458 params, val 0.8070, test 0.7755, fitness -88.39
# round 2, origin lm; parents: bd842b3f549c45fe2d2e6fd3d2210e84ffe8fd66773d9ac6a070201fb38fb432, 97083c531f5c8fc2362abd5421c9c5db0d8ac3fb8f42a0923f435f1498fce51b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
