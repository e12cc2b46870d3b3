# rank 6 of random_parents run random_parents_seed0: 6,666 params, val 0.9440, test 0.9385, fitness -373.30
# round 2, origin lm; parents: ae576f753c1ec35c9d95f1072b77625022716af591d57d60d2e0e345efa4257d, 794d3246ca7c7d801b589ddf919610ddf784bb5ae3099ad3e930c10594fd4c31
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), strides=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.tanh(nn.Conv(features=32, kernel_size=(3,))(x))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
