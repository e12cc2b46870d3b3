# rank 1 of evoprompting run evoprompting+parent_choice=pareto_seed2: 670 params, val 0.9520, test 0.9440, fitness -32.16
# round 4, origin lm; parents: 0349260c2c5e36f128d57302cf2a681623939a2ae76c58efcb73fd78b6f9f48a, c7c60f39e994fd9d8d0a2edc7225c73bb41d71c29e9d861253a3b3bb5f311307
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = nn.LayerNorm()(x)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
