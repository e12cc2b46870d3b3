# rank 5 of random_parents run random_parents_seed1: 178 params, val 0.5610, test 0.5500, fitness -78.14
# round 4, origin lm; parents: dd606529df88f576ef27d7cb934a92a0040c91c2b7b13323539b63ec1b7236ab, e9d515b088b8845627f3b964f03d86ba87d06d2dd5bab86c8dd4fcd13c5d9c6c
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
