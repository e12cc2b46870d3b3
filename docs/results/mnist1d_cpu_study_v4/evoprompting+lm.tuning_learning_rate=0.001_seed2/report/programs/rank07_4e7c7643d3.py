# rank 7 of evoprompting run evoprompting+lm.tuning_learning_rate=0.001_seed2: 202 params, val 0.7530, test 0.7045, fitness -49.89
# round 2, origin lm; parents: 1777e924f24afbe57641075d30b434c820158a2a341350205845d0f38bc14479, bdae6ed25772e1c9fa9c22d50fa7e310890fb25e7e106e9316d7e8aad0f5b5c0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
