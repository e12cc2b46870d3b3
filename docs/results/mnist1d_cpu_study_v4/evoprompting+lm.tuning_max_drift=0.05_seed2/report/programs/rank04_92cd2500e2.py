# rank 4 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed2: 250 params, val 0.8850, test 0.8835, fitness -28.75
# round 4, origin lm; parents: 03251845f26a2f0c942f6f19d74525302e1c6268791c97ddc7f7c801a10430c0, 9d856fbeca9fa5f51b557e901883fca6724ed55c4d9da304afbbcaf33bbcf85e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
