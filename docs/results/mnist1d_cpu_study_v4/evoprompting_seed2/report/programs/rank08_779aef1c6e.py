# rank 8 of evoprompting run evoprompting_seed2: 202 params, val 0.7390, test 0.7130, fitness -52.72
# round 4, origin lm; parents: 5749f0e472a35a10cc2c9c1c3a0e79228946c69e96bdce8c0e1b41d4f5c41a98, 68547ee8815755a45c66571eb4ed3701815c213cf7fcc7e4c88e664a83fcf2cc
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
