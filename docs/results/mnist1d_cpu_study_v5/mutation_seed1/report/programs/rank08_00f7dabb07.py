# rank 8 of mutation run mutation_seed1: 7,360 params, val 0.9660, test 0.9575, fitness -250.24
# round 4, origin mutation: repeat layer at line 2; stride 1->2; parents: f27c480550e7db850167cd4ab154ce102109da72d2b7498918437f178acc8462
import jax.numpy as jnp
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding='SAME')(x))
        x = nn.swish(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
