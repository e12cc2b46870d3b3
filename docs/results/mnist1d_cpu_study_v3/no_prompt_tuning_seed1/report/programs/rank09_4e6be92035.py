# rank 9 of no_prompt_tuning run no_prompt_tuning_seed1: 2,646 params, val 0.9610, test 0.9575, fitness -103.19
# round 3, origin lm; parents: 799439f9243b7e1fb7cbb613aa9b93cfc1166037b88731b2db724c5f0dca6fc3, 5786f6f41d8d8c871a11fe199fd5d767f4582117aee64e3f78565f55f4f49543
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
