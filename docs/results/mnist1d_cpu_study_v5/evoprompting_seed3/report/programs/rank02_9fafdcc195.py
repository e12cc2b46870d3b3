# rank 2 of evoprompting run evoprompting_seed3: 202 params, val 0.8480, test 0.8155, fitness -30.70
# round 3, origin lm; parents: e852ef275de11dec9c68e2cdc22e419bfba0ea069fe792fbab96240127932d0e, c75b911acdaf7c3ccd537451631e35e8edcd815919f9834e771b243d68caceee
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
