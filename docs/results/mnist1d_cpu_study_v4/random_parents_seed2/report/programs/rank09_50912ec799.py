# rank 9 of random_parents run random_parents_seed2: 202 params, val 0.5840, test 0.5605, fitness -84.03
# round 3, origin lm; parents: 454691f9c0fdbe557973392a98e2f424e85c68ac84f460a4b588a7c1955a1d8c, 94a81d055b9bceb4cccc29af5f36b87b2e5aee18d75564ec5abab358ee054d0a
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)
