# rank 4 of no_prompt_tuning run no_prompt_tuning_seed0: 136 params, val 0.7270, test 0.7160, fitness -37.13
# round 4, origin lm; parents: 04103419cc234c69010dd242fb1be206e03329bed5990361f52f84f7a5964317, 9398cc53a6d3d8f8e4f96074dde48097e2cab43fc585b64756bc08e51c111dd0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=9, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
