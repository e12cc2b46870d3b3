# rank 3 of mutation run mutation_seed1: 4,210 params, val 0.9540, test 0.9415, fitness -193.66
# round 3, origin mutation: activation tanh->swish; dense head -> global average pooling; parents: 9b6c6658815841bdb06d9283dee652a9bde4a296940b58a89142be32535838a1
import jax.numpy as jnp
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.swish(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
