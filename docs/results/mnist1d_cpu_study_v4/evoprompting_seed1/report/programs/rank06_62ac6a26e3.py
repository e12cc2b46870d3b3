# rank 6 of evoprompting run evoprompting_seed1: 226 params, val 0.8370, test 0.8235, fitness -36.84
# round 3, origin lm; parents: 6776b2dcd1ca41e5345c71ce6ad26919821b4bf0ccc0226905882d1a3bae6865, 044e37c3affb3f704b7fd9f3d32d540e2df407bcd15261041e6e693ead5f39ec
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
