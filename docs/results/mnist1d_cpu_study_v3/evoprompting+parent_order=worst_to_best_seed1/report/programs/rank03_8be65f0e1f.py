# rank 3 of evoprompting run evoprompting+parent_order=worst_to_best_seed1: 550 params, val 0.8730, test 0.8590, fitness -69.85
# round 4, origin lm; parents: 8f6ad5725fdd01c4e4fe1f7196163f3b0a5a704a7aa9eff8e1fc56179b579edc, 7ae7a7d582f767f930574eab8c792626fe7e10e1d500041593e0878e10192957
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
