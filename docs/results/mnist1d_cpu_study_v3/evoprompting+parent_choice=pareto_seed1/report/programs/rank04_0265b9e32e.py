# rank 4 of evoprompting run evoprompting+parent_choice=pareto_seed1: 664 params, val 0.8920, test 0.8710, fitness -71.71
# round 4, origin lm; parents: 6043b39714927c900e64c46e995dd7b14d4733d1403a960d40017b97bcf2c50a, 47de173a8e6996e76f80d5f472f3166944a77ecb90aa9cf0b7f50b0a73261b9d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=15, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
