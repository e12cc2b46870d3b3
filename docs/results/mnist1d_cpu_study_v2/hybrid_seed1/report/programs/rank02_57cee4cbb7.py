# rank 2 of hybrid run hybrid_seed1: 202 params, val 0.7700, test 0.7495, fitness -46.46
# round 4, origin lm; parents: a07b3019b465f9c5d80b57c1549f59013ea02945d43cb2466b0ab86188d7345b, b26402265d135992a87d37a7237becd1a1ebd5eff4d3cf6dc3daa55938289a7e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
