# rank 4 of evoprompting run evoprompting_seed1: 226 params, val 0.8410, test 0.8330, fitness -35.93
# round 3, origin lm; parents: 044e37c3affb3f704b7fd9f3d32d540e2df407bcd15261041e6e693ead5f39ec, 6776b2dcd1ca41e5345c71ce6ad26919821b4bf0ccc0226905882d1a3bae6865
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
