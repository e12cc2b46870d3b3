# rank 2 of evoprompting run evoprompting_seed2: 226 params, val 0.8150, test 0.8055, fitness -41.81
# round 3, origin lm; parents: f9e0a75ff1eb26b1262f59189c8af3f4c9cd728019bb8ea718df5d1167bf7f4d, 5a4007cd7d2dafe418fa60794648715fca4627e92c7fbb0b8507000a456828ae
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
