# rank 9 of evoprompting run evoprompting+lm.tune=lora_seed2: 178 params, val 0.6660, test 0.6600, fitness -59.45
# round 3, origin lm; parents: cf9232af1dda1dbb48ff4eba8936b1c5230948971cce2391f26b1e06ce63b541, ad852fa42ef8462f5f68aa02428d1ea34b31980b62ab36ca9e23e9161f3e9102
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
