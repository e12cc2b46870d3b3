# rank 9 of evoprompting run evoprompting+parent_choice=pareto_seed0: 4,746 params, val 0.9660, test 0.9725, fitness -161.36
# round 4, origin lm; parents: 3b299820ae21b79a1e361d75b56eb46271d1b1b2b5c018e5ce1d71b2d4573e9b, 850227d9973cc6be55288e598c3da5cce0ef5c68a17e733a46bb64eacccea2f0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
