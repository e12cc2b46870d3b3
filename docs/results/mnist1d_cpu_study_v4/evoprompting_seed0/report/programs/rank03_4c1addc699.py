# rank 3 of evoprompting run evoprompting_seed0: 178 params, val 0.7210, test 0.6980, fitness -49.66
# round 4, origin lm; parents: 2f613fa7a02bbb7d5bbe610cf16ed184ecb7cae3b9224a3f5590ad1b98f9f9d9, a5e5704094d3d7627cd0f57a3d814025a8f03ec96293cb273ae2e698f451bf39
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
