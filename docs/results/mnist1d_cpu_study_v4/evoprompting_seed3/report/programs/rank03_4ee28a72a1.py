# rank 3 of evoprompting run evoprompting_seed3: 178 params, val 0.7260, test 0.7000, fitness -48.77
# round 4, origin lm; parents: 71dc16aa62cadfdf7a2b41ca3eea0fb3eddba11b15abda0f9a7d3b0c362ab5c3, 8cc98965c1cad0447a049ff748d432c955c865bab45ab8c560d6af55797c70e8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
