# rank 4 of random_parents run random_parents_seed0: 6,954 params, val 0.9700, test 0.9495, fitness -208.62
# round 2, origin lm; parents: 5ead4e089cea1c949ea1c68667e5216a2c4ed32e3c5294b5a22d9a776e4b3e5f, 61bfe04c86b5cb5781e1b86a7ffe90eaa3fa8783964ffa434f750cbe34188b11
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):

    hidden_size: int = 10

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
