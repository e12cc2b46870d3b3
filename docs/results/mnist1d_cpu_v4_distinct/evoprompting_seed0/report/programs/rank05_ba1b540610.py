# rank 5 of evoprompting run evoprompting_seed0: 458 params, val 0.8220, test 0.8190, fitness -81.52
# round 3, origin lm; parents: d94486fe4ef6ca7c4b3658836610dc806b1f815249035e45113b3f92d5c10449, bc37a493a2d6fa90a1f37833322cf5f5b847b09bb7717740241a7e1778f6a40f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
