# rank 6 of hybrid run hybrid_seed0: 6,060 params, val 0.9850, test 0.9750, fitness -90.90
# round 4, origin lm; parents: fc563262f4127f7846495cdcf01bdf4a2e151cce8609d9b99c04c687e2188388, 39c72c686ca45fc4eec8f2b8984920b79929dff3402b416c3e10749675b32c46
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = x + nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
