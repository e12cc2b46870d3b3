# rank 8 of evoprompting run evoprompting+lm.tune=lora_seed1: 646 params, val 0.9340, test 0.9185, fitness -42.64
# round 4, origin lm; parents: 6b7bb3a63028c72ec95d7ce3198ac81e839f809c963db2cc540138b92c79e3fb, c7c0e9969c70a70dfa6a555299b68e0dbfa7b83e2341c436ec26a16ec21c2dbb
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), strides=(1,), padding='VALID')(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
