# rank 9 of evoprompting run evoprompting_seed2: 226 params, val 0.7370, test 0.7265, fitness -59.44
# round 4, origin lm; parents: 07167ac2937a6a4f767acc39a53cd068c158b1bac1af741c89f91196625895b3, 329a3caddd493338d95317b6d25defdc69e406e1fa59fc14ea736139e17a4470
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
