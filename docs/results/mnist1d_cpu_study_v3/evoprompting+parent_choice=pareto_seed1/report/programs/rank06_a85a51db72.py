# rank 6 of evoprompting run evoprompting+parent_choice=pareto_seed1: 1,192 params, val 0.9340, test 0.9265, fitness -78.67
# round 4, origin lm; parents: 8f183a3cdfd19f49259d1267f1e097958c76158165d354b394fb0688db3ec85f, 47de173a8e6996e76f80d5f472f3166944a77ecb90aa9cf0b7f50b0a73261b9d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
