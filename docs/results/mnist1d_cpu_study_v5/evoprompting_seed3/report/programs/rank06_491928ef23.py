# rank 6 of evoprompting run evoprompting_seed3: 94 params, val 0.5570, test 0.5110, fitness -41.64
# round 3, origin lm; parents: e852ef275de11dec9c68e2cdc22e419bfba0ea069fe792fbab96240127932d0e, ff7fd8bc5edcdfde13f0500f9fd73d70a518fa758a5384f25a75ae79addc99a4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
