# rank 4 of random_parents run random_parents_seed0: 458 params, val 0.8350, test 0.8140, fitness -75.57
# round 4, origin lm; parents: 6744201fbb480789af33cbdf4b713fb38f2e6bbdb031083dc383d47c3e2f99e3, 913a83d1ee428e1a9932c1b43dc50a7405afd4ea30514ae411f61c6c7175b3ab
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(3,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
