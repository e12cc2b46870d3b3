# rank 2 of evoprompting run evoprompting_seed2: 250 params, val 0.8310, test 0.7975, fitness -42.25
# round 4, origin lm; parents: 43531a25cc23779b51fe3d99c4a5fc5bd7e206af613592b918a6a55f1eede443, 5749f0e472a35a10cc2c9c1c3a0e79228946c69e96bdce8c0e1b41d4f5c41a98
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
