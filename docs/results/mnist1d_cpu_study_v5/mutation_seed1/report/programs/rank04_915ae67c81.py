# rank 4 of mutation run mutation_seed1: 5,460 params, val 0.9580, test 0.9485, fitness -229.32
# round 3, origin mutation: crossover: first 4 statements + second from statement 6; parents: bb514058ad3cff9175a24eaa700927806e706259f73389a96154a0d3240c47e5, be52e05fe23c5cfa3b3783e6c9eff8969b8a7d92569a68386a81560b4d86da5f
import jax.numpy as jnp
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
