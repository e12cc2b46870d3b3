# rank 4 of random_parents run random_parents_seed2: 1,257 params, val 0.8670, test 0.8775, fitness -167.18
# round 2, origin lm; parents: a8765f950ec02c78acf5d0a9cb2e83f97fcef0043ecf71d90131fdf0fe6460ae, 1552b715d70fa71e5e63a37057c0ac358e922a7b6bfe1221e9a290cd46168a8f
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.relu(nn.Conv(features=25, kernel_size=(3,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
