# rank 9 of random_parents run random_parents_seed0: 9,546 params, val 0.9540, test 0.9355, fitness -439.12
# round 2, origin lm; parents: 9e85ed026fc23b92ad09982ec9d1a606b04b3fc569a371b5bb65300c9eb8ea04, 61bfe04c86b5cb5781e1b86a7ffe90eaa3fa8783964ffa434f750cbe34188b11
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 6

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=2)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
