# rank 4 of mutation run mutation_seed0: 410 params, val 0.6840, test 0.6840, fitness -129.56
# round 3, origin mutation: crossover: first 2 statements + second from statement 6; parents: 7944074448b4588d2a3bd0d862cd8c8f435b0b7f0a78d09e5dc779d70d89c701, 56c87ce26d04e5a502247c30e1e6999fc4de528db8104d46395c48d9d3b9ca2b
import jax.numpy as jnp
'Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters.'
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
