# rank 2 of random_parents run random_parents_seed0: 746 params, val 0.7630, test 0.7500, fitness -176.80
# round 4, origin lm; parents: 9c7131d42dd2618032a37a7797765fcd00cae43b879d96c5713807cbc7704f0b, b8560db87bdd18488719465f98a6fc88734048dcfd43466e5ef2e23dd687b35a
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=32, kernel_size=(2,), padding=1)(x))
        x = nn.max_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.concatenate([x, x], axis=-1)
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
