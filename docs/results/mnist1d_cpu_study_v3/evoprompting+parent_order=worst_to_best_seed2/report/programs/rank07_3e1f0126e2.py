# rank 7 of evoprompting run evoprompting+parent_order=worst_to_best_seed2: 770 params, val 0.9120, test 0.8965, fitness -67.76
# round 4, origin lm; parents: 1fcc3f1d2c9d00b61c365056b90efd3034bfbeaf76b21873d3871d025967983f, 4c6f180f45daa11ad1267587b0b0221292c81bd81bc23e5991b0420968d717af
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=38, kernel_size=(7,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
