# rank 10 of evoprompting run evoprompting+parent_order=worst_to_best_seed1: 976 params, val 0.8990, test 0.8820, fitness -98.58
# round 4, origin lm; parents: 8f6ad5725fdd01c4e4fe1f7196163f3b0a5a704a7aa9eff8e1fc56179b579edc, c8d44faa0e90922bc1f287e227e243aab9557ff278427dff87baa7f0e1a37882
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
