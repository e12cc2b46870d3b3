# rank 10 of mutation run mutation_seed1: 3,572 params, val 0.9230, test 0.9185, fitness -275.04
# round 3, origin mutation: crossover: first 1 statements + second from statement 2; parents: 719d128068cfb52f8e8a5e8d34de2b29483d7bb6f24d5c009f09d0e6f9fc2876, bb514058ad3cff9175a24eaa700927806e706259f73389a96154a0d3240c47e5
import jax.numpy as jnp
'Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters.'
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding='VALID')(x))
        x = nn.elu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
