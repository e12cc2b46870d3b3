# rank 2 of evoprompting run evoprompting_seed0: 94 params, val 0.5820, test 0.5435, fitness -39.29
# round 4, origin lm; parents: db9eeb8ed9852a5727ee345f27b5f972bbdb03176743999a95544464746181a5, 6f038b9001702f6251a5349c043ad0b8dae4d467d2d6730dc249bc2614da56b2
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
