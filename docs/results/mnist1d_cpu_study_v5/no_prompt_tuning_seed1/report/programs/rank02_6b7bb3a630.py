# rank 2 of no_prompt_tuning run no_prompt_tuning_seed1: 226 params, val 0.8490, test 0.8495, fitness -34.13
# round 4, origin lm; parents: b51274e4589a8a3767ba66afb55289443775df2c521de202ccd80ac1222de490, ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f
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
