# rank 8 of evoprompting run evoprompting_seed2: 118 params, val 0.6800, test 0.6610, fitness -37.76
# round 4, origin lm; parents: 7e1d27b97446f38356cfab95909842709837be60a89ad4ad5dae20fb7028ad4b, 6b7bb3a63028c72ec95d7ce3198ac81e839f809c963db2cc540138b92c79e3fb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
