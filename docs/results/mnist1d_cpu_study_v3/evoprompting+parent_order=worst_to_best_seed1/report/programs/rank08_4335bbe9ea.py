# rank 8 of evoprompting run evoprompting+parent_order=worst_to_best_seed1: 874 params, val 0.8970, test 0.8665, fitness -90.02
# round 4, origin lm; parents: 7ae7a7d582f767f930574eab8c792626fe7e10e1d500041593e0878e10192957, c8d44faa0e90922bc1f287e227e243aab9557ff278427dff87baa7f0e1a37882
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
