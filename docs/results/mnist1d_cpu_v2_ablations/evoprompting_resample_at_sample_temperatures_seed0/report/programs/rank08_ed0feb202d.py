# rank 8 of evoprompting run evoprompting_seed0: 458 params, val 0.8130, test 0.7875, fitness -85.65
# round 4, origin lm; parents: 3134011533df7d0fc2c9517c0c3a42a2f22fcf35ac15a1ee421ccd4073d8866b, 52eb474566529e7f8564938337593b5558275a55005d8b18ba3aa83b5af1ef77
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
