# rank 1 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed1: 226 params, val 0.8950, test 0.8910, fitness -23.73
# round 4, origin lm; parents: a3788f0cb51cb59241549756c2eaad8d1affe788430fc0df2f1e9cf7ffd1caca, 3b16bb36792a594b4c7958a581a9b03cd7cea42a0c81f59668bbb64c566fb9d4
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
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
