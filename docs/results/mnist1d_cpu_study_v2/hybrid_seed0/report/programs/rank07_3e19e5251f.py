# rank 7 of hybrid run hybrid_seed0: 1,824 params, val 0.9500, test 0.9405, fitness -91.20
# round 3, origin program_mutation: remove a layer; width nn.Conv 25->19; parents: 7668c362291f90c9c7806959b90fa102c4c84c7d0ed3361863043ca3f608d6bf
import flax.linen as nn
import jax.numpy as jnp

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=19, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
