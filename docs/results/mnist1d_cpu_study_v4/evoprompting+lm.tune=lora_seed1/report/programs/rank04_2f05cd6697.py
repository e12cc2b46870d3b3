# rank 4 of evoprompting run evoprompting+lm.tune=lora_seed1: 226 params, val 0.8530, test 0.8765, fitness -33.22
# round 4, origin lm; parents: dcf6b293259a1d2d691511638d871749b6dd14779c213923300d01792c9867b5, 40291065f89b0c0790f24341de87b99cd24003b0412781d0d1567873a21c708e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
