# rank 1 of no_prompt_tuning run no_prompt_tuning_seed2: 226 params, val 0.8910, test 0.8705, fitness -24.63
# round 4, origin lm; parents: b6e3d015a4845c1a8c03cc59d8d9fadad721e744905397aabc57b4fef7650e26, 9d856fbeca9fa5f51b557e901883fca6724ed55c4d9da304afbbcaf33bbcf85e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
