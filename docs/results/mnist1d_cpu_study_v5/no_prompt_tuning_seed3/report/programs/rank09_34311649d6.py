# rank 9 of no_prompt_tuning run no_prompt_tuning_seed3: 118 params, val 0.6650, test 0.6560, fitness -39.53
# round 4, origin lm; parents: d3a08f931d3a569928daa9cc466eda64b1e43e411fa34e3022aa4ff7c4af32f4, 66180bcb2e120c7104bace1f3b78d9eaf4b22cac82d35c0fa263bede07365e78
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
