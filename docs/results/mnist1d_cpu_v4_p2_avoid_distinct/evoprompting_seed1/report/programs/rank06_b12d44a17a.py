# rank 6 of evoprompting run evoprompting_seed1: 250 params, val 0.8120, test 0.8135, fitness -47.00
# round 4, origin lm; parents: 6f1e93191511847ada0258aed6abdc8203aea7e692d7ef27fcb69eb43ecb31b2, 81c734ea1f7800b1d4cf6445b0165fec2d360152f02875fb2e316a6bb82e876c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
