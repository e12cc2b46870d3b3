# rank 1 of hybrid run hybrid_seed1: 522 params, val 0.9250, test 0.9000, fitness -39.15
# round 4, origin lm; parents: 8ab0813a872136004d444ad4601474f7cd928a3dcd40bec35233e239acc5c73f, b26402265d135992a87d37a7237becd1a1ebd5eff4d3cf6dc3daa55938289a7e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
