# rank 9 of mutation run mutation_seed1: 5,263 params, val 0.9510, test 0.9500, fitness -257.89
# round 4, origin mutation: width nn.Conv 25->38; parents: f27c480550e7db850167cd4ab154ce102109da72d2b7498918437f178acc8462
import jax.numpy as jnp
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=38, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.swish(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
