# rank 10 of evoprompting run evoprompting_seed0: 458 params, val 0.7680, test 0.7515, fitness -106.26
# round 3, origin lm; parents: 3027614b22a197f5b0afb648201bd9af554151be8cc20ecca7e1430dc3fec8bb, 375e0dd095ec100483a01e05c62313556a84353aa71f26744ecfc4b06fe669c8
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=2)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
