# rank 8 of evoprompting run evoprompting+parent_order=worst_to_best_seed2: 646 params, val 0.8920, test 0.8945, fitness -69.77
# round 3, origin lm; parents: f80da9808ebccb66a4757e217eaa75038c9e8c8d911029442058e56ddb0917b9, b58bb1a6aca2979f53f134c13bbb47f6761135fd3bef7a84924371cb666ca93f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
