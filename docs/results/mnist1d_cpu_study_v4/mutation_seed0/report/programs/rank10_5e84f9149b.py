# rank 10 of mutation run mutation_seed0: 542 params, val 0.7030, test 0.6670, fitness -160.97
# round 3, origin mutation: crossover: first 1 statements + second from statement 3; parents: 9290369773b1a16eba102eff833c02f1dd5a1d82c73c97e912b13e4174951202, 44f84745324b964eeeb63e95890e6660c5723e3689b9a9ac359267ee539b1a7f
import jax.numpy as jnp
'Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters.'
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=38, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
