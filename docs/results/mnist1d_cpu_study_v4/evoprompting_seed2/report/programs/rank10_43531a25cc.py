# rank 10 of evoprompting run evoprompting_seed2: 226 params, val 0.7640, test 0.7175, fitness -53.34
# round 3, origin lm; parents: 997c5a46079a88a688f5b57cd326712cde8ba320cd2d096e4807b3a3b3e40c29, ad852fa42ef8462f5f68aa02428d1ea34b31980b62ab36ca9e23e9161f3e9102
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
