# rank 9 of no_prompt_tuning run no_prompt_tuning_seed2: 646 params, val 0.9030, test 0.8920, fitness -62.66
# round 4, origin lm; parents: ed8de518a745858276c5d4969ecf701037772fa9a1b74a60ca8322f22db3f26d, 5a4007cd7d2dafe418fa60794648715fca4627e92c7fbb0b8507000a456828ae
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(2,), padding='SAME')(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
