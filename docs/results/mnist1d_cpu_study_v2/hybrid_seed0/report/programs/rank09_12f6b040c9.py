# rank 9 of hybrid run hybrid_seed0: 4,160 params, val 0.9770, test 0.9655, fitness -95.68
# round 4, origin program_mutation: repeat layer at line 2; repeat layer at line 3; parents: 39c72c686ca45fc4eec8f2b8984920b79929dff3402b416c3e10749675b32c46
import flax.linen as nn
import jax.numpy as jnp

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
