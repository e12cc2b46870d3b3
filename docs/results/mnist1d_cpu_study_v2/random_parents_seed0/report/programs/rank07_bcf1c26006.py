# rank 7 of random_parents run random_parents_seed0: 5,986 params, val 0.9410, test 0.9185, fitness -353.17
# round 4, origin lm; parents: 7340c1ce9f45e65a5742d79dd41ab6768a6fc574d16cd5b08033173221937302, f3fb392569a4db54ad59c39631b07e7921337be4b2cb736539d8743474f2b81b
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=24, kernel_size=(2,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        for _ in range(2):
            x = x + nn.relu(nn.Conv(features=24, kernel_size=(3,))(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
