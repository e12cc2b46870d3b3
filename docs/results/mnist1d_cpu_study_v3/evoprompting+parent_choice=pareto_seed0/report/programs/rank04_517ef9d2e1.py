# rank 4 of evoprompting run evoprompting+parent_choice=pareto_seed0: 4,650 params, val 0.9700, test 0.9585, fitness -139.50
# round 4, origin lm; parents: 9be012b8dfe1a29561e6de7f234c8775ff81ac6d1e4073451d9d2a7d8ce52f2f, 850227d9973cc6be55288e598c3da5cce0ef5c68a17e733a46bb64eacccea2f0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
