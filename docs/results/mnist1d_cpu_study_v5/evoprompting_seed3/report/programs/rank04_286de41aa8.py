# rank 4 of evoprompting run evoprompting_seed3: 202 params, val 0.8410, test 0.7940, fitness -32.12
# round 4, origin lm; parents: 843f2d77fbca2f2638e0e990dfe6d2d1da771ba1c8f71f2695deca0f3e658f41, bdcaa13eabbec74d573f4d14ec81bb6877c0023560ca8884b13dcbcbe642173f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
