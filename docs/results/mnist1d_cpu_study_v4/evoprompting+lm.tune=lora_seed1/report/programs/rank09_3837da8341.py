# rank 9 of evoprompting run evoprompting+lm.tune=lora_seed1: 250 params, val 0.8190, test 0.8075, fitness -45.25
# round 4, origin lm; parents: c7c0e9969c70a70dfa6a555299b68e0dbfa7b83e2341c436ec26a16ec21c2dbb, dcf6b293259a1d2d691511638d871749b6dd14779c213923300d01792c9867b5
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.LayerNorm()(x)
        x = nn.LayerNorm()(x)
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
