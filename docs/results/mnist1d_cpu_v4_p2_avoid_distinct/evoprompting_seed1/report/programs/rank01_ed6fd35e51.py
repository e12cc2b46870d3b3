# rank 1 of evoprompting run evoprompting_seed1: 226 params, val 0.8550, test 0.8235, fitness -32.77
# round 4, origin lm; parents: 40291065f89b0c0790f24341de87b99cd24003b0412781d0d1567873a21c708e, d626ab0cf2e1f3d722c702244a582135eb964f64419b8fcd4827e16766f32282
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
