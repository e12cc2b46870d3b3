# rank 7 of evoprompting run evoprompting+lm.tuning_max_drift=0.05_seed0: 136 params, val 0.6270, test 0.6065, fitness -50.73
# round 3, origin lm; parents: 7c3ab1b6380c2cdc736ffa3e9b8ae43ff1e01cc70bb20eb614ec7491e6f82c6f, f24186318037626228876439e91154d6698b080027f561503b67ecdf20c4678e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=9, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
