# rank 9 of evoprompting run evoprompting_seed1: 250 params, val 0.8270, test 0.8075, fitness -43.25
# round 4, origin lm; parents: 96ca7f8752f74d59b9e93239373cfa3e45f58a7fcacdab541ff3e433484068ee, b42142e10a858564e6865178f24d7923db30a162b4ab1982b134b82184610abd
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
