# rank 8 of no_prompt_tuning run no_prompt_tuning_seed6: 220 params, val 0.8230, test 0.8385, fitness -38.94
# round 3, origin lm; parents: a4c834d3aa4077378879130fa6e53df461f4f45fc1d78ac192f9991a40ca45fa, a3b5c83c0fede04b02f0176d638c04fd5c0d9433eeaa8f5022d24ec3f4fcaaa0
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=6, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=6, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
