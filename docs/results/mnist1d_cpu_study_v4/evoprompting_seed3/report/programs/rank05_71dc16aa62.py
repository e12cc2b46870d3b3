# rank 5 of evoprompting run evoprompting_seed3: 178 params, val 0.6900, test 0.6625, fitness -55.18
# round 3, origin lm; parents: 923208a11b85288faf7c04051bc353539a02ac68c6661f96a427e9ff67c92037, f24186318037626228876439e91154d6698b080027f561503b67ecdf20c4678e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
