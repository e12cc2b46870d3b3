# rank 1 of mutation run mutation_seed0: 460 params, val 0.8630, test 0.8485, fitness -63.02
# round 4, origin mutation: insert LayerNorm; parents: 0bb10ec6cf18edb1bee0dfba127db08872a8983f18f0a118b6a83e2b76372c2b
import jax.numpy as jnp
'Seed 1: the Greydanus MNIST-1D CNN (three strided convolutions, a linear head): 5,210 parameters.'
import flax.linen as nn

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
