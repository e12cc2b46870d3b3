# rank 3 of evoprompting run evoprompting_seed0: 522 params, val 0.8990, test 0.8720, fitness -52.72
# round 4, origin lm; parents: e400bca8b9cc09fd7b48f48ced3943310a5f994cb2a5d0ca74779d4747d545e2, f73c07127005f0be9404ec6d0e23d78ecc92a167be65ce16974928cb8ce66cd4
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 3

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
