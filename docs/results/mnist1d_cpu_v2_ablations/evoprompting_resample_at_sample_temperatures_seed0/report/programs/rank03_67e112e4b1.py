# rank 3 of evoprompting run evoprompting_seed0: 442 params, val 0.8310, test 0.8145, fitness -74.70
# round 4, origin lm; parents: 79d40b1a5287904bc1626728ae5119234baeb54b395ca9cf20be732e57d257f4, 52eb474566529e7f8564938337593b5558275a55005d8b18ba3aa83b5af1ef77
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=24, kernel_size=(7,), strides=(2,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
