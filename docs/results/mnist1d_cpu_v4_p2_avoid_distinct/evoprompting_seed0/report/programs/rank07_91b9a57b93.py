# rank 7 of evoprompting run evoprompting_seed0: 202 params, val 0.7920, test 0.7440, fitness -42.02
# round 4, origin lm; parents: 6ce518bfd9105d08583d5c1a4480714b8a2d6a66c31e0079bd79c7bf9639b1be, f6d14d6cecfd76dabf2aad6768176db70f7a2bd4dc10d610effb71ca95838764
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
