# rank 7 of evoprompting run evoprompting+parent_choice=pareto_seed0: 6,922 params, val 0.9780, test 0.9780, fitness -152.28
# round 4, origin lm; parents: 52be94917a3df761845e645cc8eee8caabb8af302a4641a5737c0bc2616db1cb, 850227d9973cc6be55288e598c3da5cce0ef5c68a17e733a46bb64eacccea2f0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(7,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
