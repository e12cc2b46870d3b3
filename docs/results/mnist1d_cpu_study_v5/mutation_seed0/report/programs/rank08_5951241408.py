# rank 8 of mutation run mutation_seed0: 506 params, val 0.7080, test 0.6995, fitness -147.75
# round 4, origin mutation: crossover: first 2 statements + second from statement 4; parents: f318950312e0b1dd21bfb7ba81036c28b8b20538bb9a362b5a66f110d6d2b510, f4239bf7e2fa1d5408695b43e6e228f2efb5f53deb23b76c19008dd64b094070
import jax.numpy as jnp
'Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters.'
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=31, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
