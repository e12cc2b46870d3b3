# rank 3 of evoprompting run evoprompting_seed6: 334 params, val 0.8700, test 0.8590, fitness -43.42
# round 4, origin lm; parents: 3036fa7c41c5fe0c4321f539112b277420bc8b19ad92169f7e3de114ceebbbe4, fdc5181d345a369426bdf8c2a80877ef30ab1f600e654ca2d021157592bfeb6c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
