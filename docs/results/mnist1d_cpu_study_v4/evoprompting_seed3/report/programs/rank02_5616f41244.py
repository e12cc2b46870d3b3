# rank 2 of evoprompting run evoprompting_seed3: 178 params, val 0.7490, test 0.7115, fitness -44.68
# round 4, origin lm; parents: 59afa2c85658492be0beca2c21ba9e95306bbf91c633e3713315e138983bf716, 71dc16aa62cadfdf7a2b41ca3eea0fb3eddba11b15abda0f9a7d3b0c362ab5c3
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
