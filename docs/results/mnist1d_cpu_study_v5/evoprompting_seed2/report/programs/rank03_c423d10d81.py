# rank 3 of evoprompting run evoprompting_seed2: 1,162 params, val 0.9700, test 0.9680, fitness -34.86
# round 4, origin lm; parents: cb33c7e90652441f30698dddcb7ca44bdc020aa35b48184398755c7d93b96575, ad21003b3b32d7275b3da62ce06650c02fefe66e38687ca38a709c96f44602cf
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='SAME')(x))
        x = nn.LayerNorm()(x)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
