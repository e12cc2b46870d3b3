# rank 2 of hybrid run hybrid_seed0: 4,210 params, val 0.9820, test 0.9735, fitness -75.78
# round 4, origin program_mutation: insert max_pool; parents: fc563262f4127f7846495cdcf01bdf4a2e151cce8609d9b99c04c687e2188388
import flax.linen as nn
import jax.numpy as jnp

class Model(nn.Module):

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = x + nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
