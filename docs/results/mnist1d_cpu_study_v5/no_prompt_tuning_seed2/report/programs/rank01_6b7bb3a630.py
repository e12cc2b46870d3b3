# rank 1 of no_prompt_tuning run no_prompt_tuning_seed2: 226 params, val 0.8860, test 0.8810, fitness -25.76
# round 3, origin lm; parents: 901870ac094c41625fbc4d17c37180d892a9dfc9d0b1112b61159d5a206dc6b8, de2b6b857298ec36bd512960d0327e1544ba0914af81cc480481c5aad6b9a8bc
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
