# rank 6 of random_parents run random_parents_seed0: 6,954 params, val 0.9620, test 0.9530, fitness -264.25
# round 2, origin lm; parents: 61bfe04c86b5cb5781e1b86a7ffe90eaa3fa8783964ffa434f750cbe34188b11, 794d3246ca7c7d801b589ddf919610ddf784bb5ae3099ad3e930c10594fd4c31
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=32, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.concatenate([x, x], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
