# rank 1 of random_parents run random_parents_seed2: 202 params, val 0.7120, test 0.7090, fitness -58.18
# round 4, origin lm; parents: ac59c065c93f223e1a6eda1b8aade89403442b86db0b0c106041a56cd7e9a6c1, e952c0829952dbd4b96936e6f7e1fc86b0b21ac8a7cd41ed5c8de816ade5f418
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(1,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
