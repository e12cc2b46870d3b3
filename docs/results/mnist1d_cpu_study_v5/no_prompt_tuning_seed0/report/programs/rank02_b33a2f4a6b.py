# rank 2 of no_prompt_tuning run no_prompt_tuning_seed0: 178 params, val 0.8050, test 0.7875, fitness -34.71
# round 4, origin lm; parents: 04103419cc234c69010dd242fb1be206e03329bed5990361f52f84f7a5964317, b879ef5a6c129cb86499ec9e851cac8cd9fb6b6bf22f9695fe0304cbf1738542
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=0)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
