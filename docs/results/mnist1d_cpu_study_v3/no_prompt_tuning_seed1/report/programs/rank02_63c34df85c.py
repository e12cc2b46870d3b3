# rank 2 of no_prompt_tuning run no_prompt_tuning_seed1: 646 params, val 0.8810, test 0.8755, fitness -76.87
# round 4, origin lm; parents: 45d3758bf461e0e9b55575d14e0bad2f40b80fffd25492952f39f80eeea3d694, dc828c29a87ebca4e684b8a4d8532a60ec243a5f58bcca03e65ecb8f39bce639
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
