# rank 3 of mutation run mutation_seed0: 410 params, val 0.7060, test 0.6910, fitness -120.54
# round 4, origin mutation: activation relu->swish; parents: 0bb10ec6cf18edb1bee0dfba127db08872a8983f18f0a118b6a83e2b76372c2b
import jax.numpy as jnp
'Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters.'
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
