# rank 2 of evoprompting run evoprompting_seed1: 670 params, val 0.9500, test 0.9505, fitness -33.50
# round 3, origin lm; parents: 7db493c4866c138647d33eb7cfda5522865b347dde1c59527267e710484a5d34, cc8f24f738d2f58d598be064c85af9d53e4b74224c22fe43c004e69d9cb4e349
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
