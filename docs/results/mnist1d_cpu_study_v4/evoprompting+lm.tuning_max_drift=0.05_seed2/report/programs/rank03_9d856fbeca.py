# rank 3 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed2: 226 params, val 0.8750, test 0.8655, fitness -28.25
# round 3, origin lm; parents: cf9232af1dda1dbb48ff4eba8936b1c5230948971cce2391f26b1e06ce63b541, 7db493c4866c138647d33eb7cfda5522865b347dde1c59527267e710484a5d34
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
