# rank 8 of evoprompting run evoprompting+lm.tuning_children=improved_seed1: 958 params, val 0.9360, test 0.9180, fitness -61.31
# round 4, origin lm; parents: 6f1e93191511847ada0258aed6abdc8203aea7e692d7ef27fcb69eb43ecb31b2, ed6fd35e51d1d26ef6f0a26e42819438d8a1c5590fa207a15ba3a5a6b35cbb0f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x)
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
