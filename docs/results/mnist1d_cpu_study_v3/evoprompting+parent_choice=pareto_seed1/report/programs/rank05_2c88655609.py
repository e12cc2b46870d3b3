# rank 5 of evoprompting run evoprompting+parent_choice=pareto_seed1: 436 params, val 0.8310, test 0.8250, fitness -73.68
# round 4, origin lm; parents: 792d78ceae3024b3310bcc321980378852e9d576f301fe353ef4b4711c94fce0, 6043b39714927c900e64c46e995dd7b14d4733d1403a960d40017b97bcf2c50a
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = x + nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
