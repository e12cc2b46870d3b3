# rank 5 of hybrid run hybrid_seed0: 4,260 params, val 0.9810, test 0.9785, fitness -80.94
# round 4, origin program_mutation: insert LayerNorm; parents: 19b292b4268e11a6532b7f9f1168d872372654d8bec39305d50e8ef0abe706cc
import flax.linen as nn
import jax.numpy as jnp

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
