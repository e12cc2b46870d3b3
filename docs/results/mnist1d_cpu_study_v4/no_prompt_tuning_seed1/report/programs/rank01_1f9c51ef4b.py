# rank 1 of no_prompt_tuning run no_prompt_tuning_seed1: 226 params, val 0.8700, test 0.8710, fitness -29.38
# round 4, origin lm; parents: a9d0d0f72bc5a4a83c851602ee64bb6c3755d2876e4950538cc7c070371d1b19, ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
