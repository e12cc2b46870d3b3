# rank 3 of evoprompting run evoprompting_seed0: 458 params, val 0.7970, test 0.7875, fitness -92.97
# round 3, origin lm; parents: 055ff1eb9eb363aeebc1a8273eb2de45858614dd5358745c1e8c42d6f430529c, 52456e1a8ec55a9c2deecec4b17cae305d065e0a7e12fde4a35a712a063904e6
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
