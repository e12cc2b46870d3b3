# rank 9 of evoprompting run evoprompting+parent_choice=pareto_seed2: 166 params, val 0.6360, test 0.6190, fitness -60.42
# round 4, origin lm; parents: 85724c8565a5453988ab058316eeab6a26664771df0ef4a86f70d9431d968197, c7c60f39e994fd9d8d0a2edc7225c73bb41d71c29e9d861253a3b3bb5f311307
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(2,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
