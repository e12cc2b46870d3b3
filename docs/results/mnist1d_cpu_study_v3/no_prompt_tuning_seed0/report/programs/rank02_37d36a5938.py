# rank 2 of no_prompt_tuning run no_prompt_tuning_seed0: 234 params, val 0.7410, test 0.7255, fitness -60.61
# round 3, origin lm; parents: baeb6ecda6e15466929caf8092205e6108fb5705f1ed04dac8d94ea51eb80bae, 52456e1a8ec55a9c2deecec4b17cae305d065e0a7e12fde4a35a712a063904e6
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.swish(nn.Conv(features=16, kernel_size=(3,))(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
