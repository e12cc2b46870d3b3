# rank 1 of evoprompting run evoprompting+lm.tune=lora_seed1: 226 params, val 0.9130, test 0.9130, fitness -19.66
# round 4, origin lm; parents: c7c0e9969c70a70dfa6a555299b68e0dbfa7b83e2341c436ec26a16ec21c2dbb, 40291065f89b0c0790f24341de87b99cd24003b0412781d0d1567873a21c708e
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = nn.LayerNorm()(x)
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
