# rank 10 of no_prompt_tuning run no_prompt_tuning_seed1: 274 params, val 0.8370, test 0.8225, fitness -44.66
# round 4, origin lm; parents: b51274e4589a8a3767ba66afb55289443775df2c521de202ccd80ac1222de490, cd09049b3bce0c21e31bcfe5b766d0eb2744a67c2cce410d71a6e4020612e622
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.concatenate([x, x], axis=1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
