# rank 10 of random_parents run random_parents_seed0: 7,466 params, val 0.9380, test 0.9170, fitness -462.89
# round 2, origin lm; parents: 794d3246ca7c7d801b589ddf919610ddf784bb5ae3099ad3e930c10594fd4c31, 61bfe04c86b5cb5781e1b86a7ffe90eaa3fa8783964ffa434f750cbe34188b11
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 6

    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
