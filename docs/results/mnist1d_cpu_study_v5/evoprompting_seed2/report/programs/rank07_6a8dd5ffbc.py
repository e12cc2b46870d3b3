# rank 7 of evoprompting run evoprompting_seed2: 90 params, val 0.5850, test 0.5610, fitness -37.35
# round 4, origin lm; parents: 7e1d27b97446f38356cfab95909842709837be60a89ad4ad5dae20fb7028ad4b, 6b7bb3a63028c72ec95d7ce3198ac81e839f809c963db2cc540138b92c79e3fb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=5, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
