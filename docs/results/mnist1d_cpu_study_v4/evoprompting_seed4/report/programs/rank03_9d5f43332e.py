# rank 3 of evoprompting run evoprompting_seed4: 670 params, val 0.9300, test 0.9350, fitness -46.90
# round 4, origin lm; parents: c60e028f374ef2cd105e77df7414bf5d73a5c0522571338b4a5bc40b8bd78760, 20cc9fd3e484a1a4022fe37f3fb7b238684bbdf40d9e96c1993b78772ec810cb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
