# rank 6 of hybrid run hybrid_seed0: 6,730 params, val 0.9810, test 0.9775, fitness -127.87
# round 4, origin lm; parents: 24fa85b64899475ed1cf6cbc5ea27739f35b6c232b8b950e86019cb7bdc42542, f27c2969a9552699278ffca4b1281fc8575572732f3e65780e5f0be10368698e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
