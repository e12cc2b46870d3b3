# rank 2 of evoprompting run evoprompting+lm.tune=lora_seed2: 202 params, val 0.8260, test 0.8070, fitness -35.15
# round 4, origin lm; parents: 4e7c7643d33b3d18594a3b3e786e9a265c7d803d24e5f89183d3b67b9014e9a5, 779aef1c6e778dc5138e248169339a54bd42e3d91cfc70930bb76540c8a49e7e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
