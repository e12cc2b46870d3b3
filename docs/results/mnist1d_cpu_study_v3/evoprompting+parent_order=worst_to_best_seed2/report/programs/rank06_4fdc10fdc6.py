# rank 6 of evoprompting run evoprompting+parent_order=worst_to_best_seed2: 1,114 params, val 0.9420, test 0.9355, fitness -64.61
# round 2, origin lm; parents: d155a0a28a6db104eb5d930fa191b8656f7271deaa30c2b15b0eeeecee9286ed, 6d975fd20da7fc770739d4f84d73ea32537284aa7fe00b3b188520304c856549
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
