# rank 9 of evoprompting run evoprompting_seed1: 934 params, val 0.9500, test 0.9330, fitness -46.70
# round 3, origin lm; parents: 044e37c3affb3f704b7fd9f3d32d540e2df407bcd15261041e6e693ead5f39ec, 79d51f840316b2239cc5a5bc511287889f1a23b60b170ba9e256edbc1a9ac392
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
