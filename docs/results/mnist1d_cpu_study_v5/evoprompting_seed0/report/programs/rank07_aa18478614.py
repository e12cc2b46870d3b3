# rank 7 of evoprompting run evoprompting_seed0: 522 params, val 0.9060, test 0.8705, fitness -49.07
# round 4, origin lm; parents: db9eeb8ed9852a5727ee345f27b5f972bbdb03176743999a95544464746181a5, 21e715cb502ca12187a32b675dc4b674b89590a4b28a92ef4f50ece4591ddc71
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
