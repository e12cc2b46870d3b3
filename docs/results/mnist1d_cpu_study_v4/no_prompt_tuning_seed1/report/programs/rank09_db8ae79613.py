# rank 9 of no_prompt_tuning run no_prompt_tuning_seed1: 202 params, val 0.7260, test 0.7255, fitness -55.35
# round 4, origin lm; parents: 723423a13617d9fb228156ba191901f8d2ef86d2883de730d0b450dc3cef8b3c, a9d0d0f72bc5a4a83c851602ee64bb6c3755d2876e4950538cc7c070371d1b19
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
