# rank 5 of evoprompting run evoprompting_seed3: 106 params, val 0.6220, test 0.5960, fitness -40.07
# round 3, origin lm; parents: c75b911acdaf7c3ccd537451631e35e8edcd815919f9834e771b243d68caceee, ff7fd8bc5edcdfde13f0500f9fd73d70a518fa758a5384f25a75ae79addc99a4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
