# rank 10 of evoprompting run evoprompting_seed1: 670 params, val 0.9240, test 0.9285, fitness -50.92
# round 4, origin lm; parents: d626ab0cf2e1f3d722c702244a582135eb964f64419b8fcd4827e16766f32282, 6f1e93191511847ada0258aed6abdc8203aea7e692d7ef27fcb69eb43ecb31b2
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
