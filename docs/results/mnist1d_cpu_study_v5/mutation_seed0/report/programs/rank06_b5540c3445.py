# rank 6 of mutation run mutation_seed0: 360 params, val 0.6140, test 0.5770, fitness -138.96
# round 4, origin mutation: remove a layer; padding 1->2; parents: f4239bf7e2fa1d5408695b43e6e228f2efb5f53deb23b76c19008dd64b094070
import jax.numpy as jnp
'Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters.'
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=2)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
