# rank 6 of random_parents run random_parents_seed1: 178 params, val 0.5470, test 0.5045, fitness -80.63
# round 4, origin lm; parents: e9d515b088b8845627f3b964f03d86ba87d06d2dd5bab86c8dd4fcd13c5d9c6c, f3b3a62ae12128fd89742b6e3331e87aa54bcb6c4ef03bd39e225f4b1f9299cd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
