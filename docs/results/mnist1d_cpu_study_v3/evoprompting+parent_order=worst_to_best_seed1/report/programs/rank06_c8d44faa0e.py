# rank 6 of evoprompting run evoprompting+parent_order=worst_to_best_seed1: 574 params, val 0.8460, test 0.8285, fitness -88.40
# round 3, origin lm; parents: db723c6634f25ade88d2580658224877ff862290b060a3daf294ade2f6d124e1, b04dc8ccdb54409f4862674876aa1d5bbc06f95340ddc2ff0a1784bbcc46f13e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
