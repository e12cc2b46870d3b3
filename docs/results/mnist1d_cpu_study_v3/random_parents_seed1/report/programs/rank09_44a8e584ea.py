# rank 9 of random_parents run random_parents_seed1: 6,730 params, val 0.9810, test 0.9750, fitness -127.87
# round 4, origin lm; parents: bcf72d1cb7ced9bc3b83bdf1e2e7550501a11ca891c0561ec17a14ba44f56eff, b88eea239eb31c34fe20fa595f6cb12ced841512623e1e21e47e6ae3a869f6ce
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = nn.LayerNorm()(x)
        return nn.Dense(features=10)(x)
