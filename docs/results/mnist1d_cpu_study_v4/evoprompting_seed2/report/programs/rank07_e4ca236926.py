# rank 7 of evoprompting run evoprompting_seed2: 226 params, val 0.7710, test 0.7340, fitness -51.75
# round 3, origin lm; parents: 997c5a46079a88a688f5b57cd326712cde8ba320cd2d096e4807b3a3b3e40c29, f60ea3a6d7df804dbe517b2282884ac9f67b62fe206cd0ff710e55b8d212e7e9
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
