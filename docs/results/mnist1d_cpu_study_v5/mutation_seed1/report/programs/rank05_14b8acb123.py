# rank 5 of mutation run mutation_seed1: 6,110 params, val 0.9610, test 0.9550, fitness -238.29
# round 3, origin mutation: stride 2->1; add skip connection; parents: bb514058ad3cff9175a24eaa700927806e706259f73389a96154a0d3240c47e5
import jax.numpy as jnp
'Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters.'
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = x + nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
