# rank 1 of evoprompting run evoprompting_seed1: 958 params, val 0.9650, test 0.9560, fitness -33.53
# round 4, origin lm; parents: 6f1e93191511847ada0258aed6abdc8203aea7e692d7ef27fcb69eb43ecb31b2, 96ca7f8752f74d59b9e93239373cfa3e45f58a7fcacdab541ff3e433484068ee
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 10

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
