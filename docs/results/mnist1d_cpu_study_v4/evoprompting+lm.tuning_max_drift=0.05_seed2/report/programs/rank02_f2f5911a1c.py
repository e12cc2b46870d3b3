# rank 2 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed2: 226 params, val 0.8860, test 0.8825, fitness -25.76
# round 4, origin lm; parents: 9d856fbeca9fa5f51b557e901883fca6724ed55c4d9da304afbbcaf33bbcf85e, e57022de20488990918955874adb5a0b9f1895d5a8046c82f4ff0f01fadc5d4d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
