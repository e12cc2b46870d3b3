# rank 1 of random_parents run random_parents_seed1: 208 params, val 0.7370, test 0.7395, fitness -54.70
# round 3, origin lm; parents: 799439f9243b7e1fb7cbb613aa9b93cfc1166037b88731b2db724c5f0dca6fc3, accd29cbd2a35ae093fd60d642bb4ecc2b982c19a2c9fdee2791bb7a5e522f4f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding='VALID')(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
