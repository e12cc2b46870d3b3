# rank 8 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed4: 226 params, val 0.8840, test 0.9020, fitness -26.22
# round 3, origin lm; parents: f65304a6d3f1cee0cbb88851a7a4d2a7db7929beb2090b40a356fe669d04252c, f73c07127005f0be9404ec6d0e23d78ecc92a167be65ce16974928cb8ce66cd4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
