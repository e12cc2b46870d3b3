# rank 4 of evoprompting run evoprompting_seed1: 670 params, val 0.9390, test 0.9360, fitness -40.87
# round 4, origin lm; parents: d626ab0cf2e1f3d722c702244a582135eb964f64419b8fcd4827e16766f32282, 81c734ea1f7800b1d4cf6445b0165fec2d360152f02875fb2e316a6bb82e876c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
