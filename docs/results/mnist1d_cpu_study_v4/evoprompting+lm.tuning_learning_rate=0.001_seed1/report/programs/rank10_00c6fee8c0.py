# rank 10 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed1: 202 params, val 0.7890, test 0.7875, fitness -42.62
# round 4, origin lm; parents: a9d0d0f72bc5a4a83c851602ee64bb6c3755d2876e4950538cc7c070371d1b19, 367ad7d3cf3d6ecc2bd00cbb115b99df5e58a3c0d7825d5e928d64739ff9f761
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 16

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
