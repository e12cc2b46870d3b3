# rank 5 of random_parents run random_parents_seed1: 458 params, val 0.8040, test 0.7700, fitness -89.77
# round 2, origin lm; parents: 74c42f76263cf84eb10c80abc6f15ec51f65490da28378666118b78454dcfb67, f727a1aace15523ee2174e487919ffccaeda731344b22f29a61636df679a7f24
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
