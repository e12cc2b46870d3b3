# rank 10 of no_prompt_tuning run no_prompt_tuning_seed1: 6,210 params, val 0.9830, test 0.9845, fitness -105.57
# round 4, origin lm; parents: 45d3758bf461e0e9b55575d14e0bad2f40b80fffd25492952f39f80eeea3d694, dd6a348059794a1597d2982be912ee1fc67fa831129a5bc4b28c66767ed65757
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=25, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
