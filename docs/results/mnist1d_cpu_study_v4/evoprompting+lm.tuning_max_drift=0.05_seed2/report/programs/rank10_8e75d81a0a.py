# rank 10 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed2: 202 params, val 0.8300, test 0.8040, fitness -34.34
# round 4, origin lm; parents: b47f07eb4846a16e354e1fec3712a1df3cb3cc47b6205f8abd834473157471bd, e57022de20488990918955874adb5a0b9f1895d5a8046c82f4ff0f01fadc5d4d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
