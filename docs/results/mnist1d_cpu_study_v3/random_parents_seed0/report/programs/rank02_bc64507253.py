# rank 2 of random_parents run random_parents_seed0: 6,954 params, val 0.9650, test 0.9580, fitness -243.39
# round 4, origin lm; parents: 4b28c03869c1447ee57325fda82e517180a6869338fda369ab26f7146aa75a1d, f3fb392569a4db54ad59c39631b07e7921337be4b2cb736539d8743474f2b81b
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
