# rank 8 of random_parents run random_parents_seed2: 202 params, val 0.6030, test 0.5470, fitness -80.19
# round 3, origin lm; parents: 454691f9c0fdbe557973392a98e2f424e85c68ac84f460a4b588a7c1955a1d8c, 7d384a2587fdad7addcdd6b65deaf7f706785d750f4634395fd54023fa25c50d
import flax.linen as nn
import jax.numpy as jnp
class Model(nn.Module):


    @nn.compact
    def __call__(self, x):
        x = x[:, :, None]
        x = nn.relu(nn.Conv(features=12, kernel_size=(5,), strides=(2,), padding=1)(x))
        x = nn.avg_pool(x, window_shape=(2,), strides=(2,))
        x = jnp.mean(x, axis=1)
        return nn.Dense(features=10)(x)
