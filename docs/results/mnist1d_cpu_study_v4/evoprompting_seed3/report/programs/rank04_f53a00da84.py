# rank 4 of evoprompting run evoprompting_seed3: 178 params, val 0.6960, test 0.6745, fitness -54.11
# round 4, origin lm; parents: a5e5704094d3d7627cd0f57a3d814025a8f03ec96293cb273ae2e698f451bf39, 59afa2c85658492be0beca2c21ba9e95306bbf91c633e3713315e138983bf716
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
