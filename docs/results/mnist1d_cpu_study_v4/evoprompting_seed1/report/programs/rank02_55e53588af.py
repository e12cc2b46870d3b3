# rank 2 of evoprompting run evoprompting_seed1: 226 params, val 0.8580, test 0.8430, fitness -32.09
# round 4, origin lm; parents: 3837da834134fd99b2e9046beb1b77a999e0d4095f1219b86b8e6dbc1fa11a29, 62ac6a26e348e07d049cc5c8d63a8f647d5d507071ab702da768c26a76882c7d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.leaky_relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
