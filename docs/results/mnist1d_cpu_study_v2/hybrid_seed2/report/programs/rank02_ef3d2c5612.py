# rank 2 of hybrid run hybrid_seed2: 778 params, val 0.9350, test 0.9290, fitness -50.57
# round 4, origin lm; parents: bd842b3f549c45fe2d2e6fd3d2210e84ffe8fd66773d9ac6a070201fb38fb432, 0c3d63e1ee5df704e021a1eff261d282ed8725d1109054d8bbf3b69102272ebe
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(9,))(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
